package dev.sanctl.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A location inside a YAML document: a sequence of map keys ({@link String}) and list indexes
 * ({@link Integer}). Map keys may contain '/', so paths are kept as elements, never as strings.
 */
public record YamlPath(List<Object> elements) {
  public static final YamlPath ROOT = new YamlPath(List.of());

  public YamlPath {
    elements = List.copyOf(elements);
  }

  public static YamlPath of(Object... elements) {
    return new YamlPath(List.of(elements));
  }

  public YamlPath key(String key) {
    return append(key);
  }

  public YamlPath index(int index) {
    return append(index);
  }

  private YamlPath append(Object element) {
    List<Object> next = new ArrayList<>(elements.size() + 1);
    next.addAll(elements);
    next.add(element);
    return new YamlPath(Collections.unmodifiableList(next));
  }

  public YamlPath parent() {
    return elements.isEmpty() ? this : new YamlPath(elements.subList(0, elements.size() - 1));
  }

  public int size() {
    return elements.size();
  }

  public Object get(int i) {
    return elements.get(i);
  }

  public Object last() {
    return elements.isEmpty() ? null : elements.get(elements.size() - 1);
  }

  public boolean isEmpty() {
    return elements.isEmpty();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Object e : elements) {
      if (e instanceof Integer i) {
        sb.append('[').append(i).append(']');
      } else {
        if (sb.length() > 0) sb.append('.');
        sb.append(e);
      }
    }
    return sb.toString();
  }
}
