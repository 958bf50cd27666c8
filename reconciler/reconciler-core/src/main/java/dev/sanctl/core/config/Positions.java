package dev.sanctl.core.config;

import dev.sanctl.spi.model.SourceRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each value (and each map key) of a document was written. Filled by the YAML reader, read by
 * validators to point diagnostics at the right {@code file:line:column}.
 */
public final class Positions {
  private final Map<YamlPath, SourceRef> values = new HashMap<>();
  private final Map<YamlPath, SourceRef> keys = new HashMap<>();

  /**
   * Paths of {@link #values} and {@link #keys} by each of their prefixes; built when first used.
   */
  private Map<YamlPath, List<YamlPath>> valuesUnder;

  private Map<YamlPath, List<YamlPath>> keysUnder;

  void putValue(YamlPath path, SourceRef ref) {
    values.put(path, ref);
    valuesUnder = null;
  }

  void putKey(YamlPath path, SourceRef ref) {
    keys.put(path, ref);
    keysUnder = null;
  }

  /** Copies every position under {@code from} in {@code other} to {@code to} in this one. */
  void copyFrom(Positions other, YamlPath from, YamlPath to) {
    if (other.valuesUnder == null) other.valuesUnder = byPrefix(other.values);
    if (other.keysUnder == null) other.keysUnder = byPrefix(other.keys);
    copy(other.values, other.valuesUnder, values, from, to);
    copy(other.keys, other.keysUnder, keys, from, to);
    valuesUnder = null;
    keysUnder = null;
  }

  /**
   * Every path by each of its prefixes (itself included), so that copying what lies under a path
   * costs what is copied, not a scan of the whole document (merging a list of n entries was
   * quadratic).
   */
  private static Map<YamlPath, List<YamlPath>> byPrefix(Map<YamlPath, SourceRef> m) {
    Map<YamlPath, List<YamlPath>> index = new HashMap<>();
    for (YamlPath p : m.keySet()) {
      for (int n = 0; n <= p.size(); n++) {
        index
            .computeIfAbsent(new YamlPath(p.elements().subList(0, n)), k -> new ArrayList<>())
            .add(p);
      }
    }
    return index;
  }

  private static void copy(
      Map<YamlPath, SourceRef> src,
      Map<YamlPath, List<YamlPath>> under,
      Map<YamlPath, SourceRef> dst,
      YamlPath from,
      YamlPath to) {
    int n = from.size();
    for (YamlPath p : under.getOrDefault(from, List.of())) {
      List<Object> all = new ArrayList<>(to.elements());
      all.addAll(p.elements().subList(n, p.size()));
      dst.put(new YamlPath(all), src.get(p));
    }
  }

  /** Position of the value at {@code path}, or of its closest written ancestor. */
  public SourceRef value(YamlPath path) {
    for (YamlPath p = path; ; p = p.parent()) {
      SourceRef r = values.get(p);
      if (r != null) return r;
      if (p.isEmpty()) return SourceRef.NONE;
    }
  }

  /** Position of the key that introduces {@code path} (falls back to the value's position). */
  public SourceRef key(YamlPath path) {
    SourceRef r = keys.get(path);
    return r != null ? r : value(path);
  }
}
