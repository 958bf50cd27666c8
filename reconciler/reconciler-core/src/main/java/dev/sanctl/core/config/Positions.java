package dev.sanctl.core.config;

import dev.sanctl.spi.model.SourceRef;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each value (and each map key) of a document was written. Filled by the YAML reader, read by
 * validators to point diagnostics at the right {@code file:line:column}.
 *
 * <p>A merged document does not copy the positions of its files: it mounts the part of a file's
 * positions under a path at a path of its own ({@link #copyFrom}), and a lookup under that path is
 * answered by the file's positions. Merging thus costs one entry per merged section, map entry or
 * list item instead of one per value of the whole document.
 */
public final class Positions {
  private final Map<YamlPath, SourceRef> values = new HashMap<>();
  private final Map<YamlPath, SourceRef> keys = new HashMap<>();

  /** Parts of other positions, by the path of this document where they are mounted. */
  private final Map<YamlPath, Mount> mounts = new HashMap<>();

  /** {@code from} in {@code source}, mounted at the same path when {@code samePath}. */
  private record Mount(Positions source, YamlPath from, boolean samePath) {
    /** {@code path}, which lies {@code depth} elements below the mount point, in the source. */
    YamlPath inSource(YamlPath path, int depth) {
      return samePath ? path : path.rebased(depth, from);
    }
  }

  void putValue(YamlPath path, SourceRef ref) {
    values.put(path, ref);
  }

  void putKey(YamlPath path, SourceRef ref) {
    keys.put(path, ref);
  }

  /**
   * Makes every position under {@code from} in {@code other} (the value at {@code from} included)
   * the position of the same place under {@code to} in this one. Positions written under {@code to}
   * before are no longer seen. {@code other} must not change afterwards.
   */
  void copyFrom(Positions other, YamlPath from, YamlPath to) {
    mounts.put(to, new Mount(other, from, from.equals(to)));
  }

  /** The positions written by {@link #putValue} (not those of mounts), for tests that compare. */
  Map<YamlPath, SourceRef> writtenValues() {
    return java.util.Collections.unmodifiableMap(values);
  }

  /** The positions written by {@link #putKey} (not those of mounts), for tests that compare. */
  Map<YamlPath, SourceRef> writtenKeys() {
    return java.util.Collections.unmodifiableMap(keys);
  }

  /** Position of the value at {@code path}, or of its closest written ancestor. */
  public SourceRef value(YamlPath path) {
    for (YamlPath p = path; ; p = p.parent()) {
      if (!mounts.isEmpty()) {
        Mount m = mounts.get(p);
        if (m != null) return m.source.value(m.inSource(path, p.size()));
      }
      SourceRef r = values.get(p);
      if (r != null) return r;
      if (p.isEmpty()) return SourceRef.NONE;
    }
  }

  /** Position of the key that introduces {@code path} (falls back to the value's position). */
  public SourceRef key(YamlPath path) {
    SourceRef r = writtenKey(path);
    return r != null ? r : value(path);
  }

  /** The position of the key written for exactly {@code path}, or null. */
  private SourceRef writtenKey(YamlPath path) {
    if (!mounts.isEmpty()) {
      for (YamlPath p = path; ; p = p.parent()) {
        Mount m = mounts.get(p);
        if (m != null) return m.source.writtenKey(m.inSource(path, p.size()));
        if (p.isEmpty()) break;
      }
    }
    return keys.get(path);
  }
}
