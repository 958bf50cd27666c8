package dev.sanctl.core.config;

import dev.sanctl.spi.model.SourceRef;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each value (and each map key) of a document was written. Filled by the YAML reader, read by
 * validators to point diagnostics at the right {@code file:line:column}.
 */
public final class Positions {
  private final Map<YamlPath, SourceRef> values = new HashMap<>();
  private final Map<YamlPath, SourceRef> keys = new HashMap<>();

  void putValue(YamlPath path, SourceRef ref) {
    values.put(path, ref);
  }

  void putKey(YamlPath path, SourceRef ref) {
    keys.put(path, ref);
  }

  /** Copies every position under {@code from} in {@code other} to {@code to} in this one. */
  void copyFrom(Positions other, YamlPath from, YamlPath to) {
    copy(other.values, values, from, to);
    copy(other.keys, keys, from, to);
  }

  private static void copy(
      Map<YamlPath, SourceRef> src, Map<YamlPath, SourceRef> dst, YamlPath from, YamlPath to) {
    int n = from.size();
    src.forEach(
        (p, ref) -> {
          if (p.size() >= n && p.elements().subList(0, n).equals(from.elements())) {
            java.util.List<Object> rest = p.elements().subList(n, p.size());
            java.util.List<Object> all = new java.util.ArrayList<>(to.elements());
            all.addAll(rest);
            dst.put(new YamlPath(all), ref);
          }
        });
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
