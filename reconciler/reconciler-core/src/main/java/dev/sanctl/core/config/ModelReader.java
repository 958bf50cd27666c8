package dev.sanctl.core.config;

import dev.sanctl.spi.model.ResourceState;
import dev.sanctl.spi.model.SourceRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Reading a valid merged document into model records: values at a {@link YamlPath}, named maps and
 * lists in document order, option maps, sizes and states with the format's defaults, and the {@code
 * file:line:column} of every key. The builders of the desired state ({@link ModelBuilder}, {@link
 * PoolModelBuilder}) share it.
 */
abstract class ModelReader {
  final JsonNode root;
  final Positions positions;

  ModelReader(MergedDocument doc) {
    this.root = doc.root();
    this.positions = doc.positions();
  }

  static ResourceState resourceState(JsonNode n) {
    return "absent".equals(text(n, "state", "present"))
        ? ResourceState.ABSENT
        : ResourceState.PRESENT;
  }

  static long size(JsonNode n) {
    return Quantities.sizeBytes(n).orElse(0L);
  }

  /** Option maps: values as rendered text (booleans as Yes/No, as IET and ZFS expect). */
  static Map<String, String> options(JsonNode n) {
    if (!n.isObject()) return Map.of();
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      JsonNode v = e.getValue();
      out.put(e.getKey(), v.isBoolean() ? (v.booleanValue() ? "Yes" : "No") : v.asString());
    }
    return Collections.unmodifiableMap(out);
  }

  <T> Map<String, T> namedMap(YamlPath p, BiFunction<String, YamlPath, T> f) {
    JsonNode n = at(p);
    if (!n.isObject()) return Map.of();
    Map<String, T> out = new LinkedHashMap<>();
    for (String name : n.propertyNames()) out.put(name, f.apply(name, p.key(name)));
    return Collections.unmodifiableMap(out);
  }

  <T> List<T> list(YamlPath p, Function<YamlPath, T> f) {
    JsonNode n = at(p);
    if (!n.isArray()) return List.of();
    List<T> out = new ArrayList<>(n.size());
    for (int i = 0; i < n.size(); i++) out.add(f.apply(p.index(i)));
    return Collections.unmodifiableList(out);
  }

  static List<String> strings(JsonNode n) {
    if (!n.isArray()) return List.of();
    List<String> out = new ArrayList<>(n.size());
    for (JsonNode s : n) out.add(s.asString());
    return Collections.unmodifiableList(out);
  }

  static String text(JsonNode n, String field, String fallback) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? fallback : v.asString();
  }

  JsonNode at(YamlPath p) {
    JsonNode n = root;
    for (Object e : p.elements()) {
      n = e instanceof Integer i ? n.path(i) : n.path((String) e);
      if (n == null) return MissingNode.getInstance();
    }
    return n;
  }

  SourceRef key(YamlPath p) {
    return positions.key(p);
  }
}
