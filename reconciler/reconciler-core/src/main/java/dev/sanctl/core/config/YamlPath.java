package dev.sanctl.core.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A location inside a YAML document: a sequence of map keys ({@link String}) and list indexes
 * ({@link Integer}). Map keys may contain '/', so paths are kept as elements, never as strings.
 *
 * <p>A path is its parent and its last element, so that {@link #key} and {@link #index} cost one
 * small object however deep the path is (the YAML reader makes one per value of a file); the list
 * of {@link #elements()} is made when asked for. Two paths are equal when their elements are, and
 * the hash code is that of the element list.
 */
public final class YamlPath {
  public static final YamlPath ROOT = new YamlPath(null, null);

  private final YamlPath parent;
  private final Object last;
  private final int size;
  private final int hash;
  private List<Object> elements; // made on first use

  private YamlPath(YamlPath parent, Object last) {
    this.parent = parent;
    this.last = last;
    this.size = parent == null ? 0 : parent.size + 1;
    this.hash = parent == null ? 1 : 31 * parent.hash + last.hashCode();
  }

  /** The path of {@code elements} (each a {@link String} key or an {@link Integer} index). */
  public YamlPath(List<Object> elements) {
    this(ROOT.append(elements));
  }

  private YamlPath(YamlPath same) {
    this(same.parent, same.last);
    this.elements = same.elements;
  }

  public static YamlPath of(Object... elements) {
    return ROOT.append(Arrays.asList(elements));
  }

  private YamlPath append(List<Object> more) {
    YamlPath p = this;
    for (Object e : more) p = new YamlPath(p, Objects.requireNonNull(e, "path element"));
    return p;
  }

  public YamlPath key(String key) {
    return new YamlPath(this, Objects.requireNonNull(key, "key"));
  }

  public YamlPath index(int index) {
    return new YamlPath(this, index);
  }

  /** The elements, first to last (an unmodifiable list). */
  public List<Object> elements() {
    List<Object> e = elements;
    if (e == null) {
      Object[] all = new Object[size];
      YamlPath p = this;
      for (int i = size - 1; i >= 0; i--, p = p.parent) all[i] = p.last;
      e = Collections.unmodifiableList(Arrays.asList(all));
      elements = e;
    }
    return e;
  }

  public YamlPath parent() {
    return parent == null ? this : parent;
  }

  public int size() {
    return size;
  }

  public Object get(int i) {
    Objects.checkIndex(i, size);
    YamlPath p = this;
    for (int k = size - 1; k > i; k--) p = p.parent;
    return p.last;
  }

  public Object last() {
    return last;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof YamlPath other) || other.size != size || other.hash != hash) return false;
    for (YamlPath a = this, b = other; a != b && a.size > 0; a = a.parent, b = b.parent) {
      if (!a.last.equals(b.last)) return false;
    }
    return true;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Object e : elements()) {
      if (e instanceof Integer i) {
        sb.append('[').append(i).append(']');
      } else {
        if (sb.length() > 0) sb.append('.');
        sb.append(e);
      }
    }
    return sb.toString();
  }

  /** This path with its first {@code depth} elements replaced by {@code prefix}. */
  YamlPath rebased(int depth, YamlPath prefix) {
    if (depth == size) return prefix;
    Object[] tail = new Object[size - depth];
    YamlPath p = this;
    for (int i = tail.length - 1; i >= 0; i--, p = p.parent) tail[i] = p.last;
    return prefix.append(Arrays.asList(tail));
  }
}
