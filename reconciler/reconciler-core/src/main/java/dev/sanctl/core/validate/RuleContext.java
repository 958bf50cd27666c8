package dev.sanctl.core.validate;

import dev.sanctl.core.config.MergedDocument;
import dev.sanctl.core.config.Quantities;
import dev.sanctl.core.config.YamlPath;
import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.model.SourceRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What every semantic rule needs: the merged document, positions for diagnostics, and the shared
 * checks (references with "did you mean", uniqueness, sizes).
 */
final class RuleContext {
  private static final long MIN_BLOCK = 512;
  private static final long SECTOR = 512;
  private static final long MAX_BLOCK = 128 * 1024;

  final JsonNode root;
  private final MergedDocument doc;
  private final List<Diagnostic> out = new ArrayList<>();

  RuleContext(MergedDocument doc) {
    this.doc = doc;
    this.root = doc.root();
  }

  List<Diagnostic> diagnostics() {
    return out;
  }

  void add(Diagnostic d) {
    out.add(d);
  }

  /** Visits the strings of a list. */
  interface StringVisitor {
    void visit(YamlPath path, String value);
  }

  boolean ref(YamlPath p, String name, Set<String> known, String what) {
    if (known.contains(name)) return true;
    missing(p, name, known, what);
    return false;
  }

  /** Checks the reference at {@code p} when it is written. */
  void optionalRef(YamlPath p, Set<String> known, String what) {
    if (at(p).isString()) ref(p, at(p).stringValue(), known, what);
  }

  void refKey(YamlPath p, String name, Set<String> known, String what) {
    if (!known.contains(name)) {
      String s = Suggestions.closest(name, known);
      error(
          keyOf(p),
          "unknown " + what + " '" + name + "'" + (s == null ? "" : "; did you mean '" + s + "'?"),
          hintFor(what, known));
    }
  }

  void missing(YamlPath p, String name, Set<String> known, String what) {
    missing(p, name, known, what, "");
  }

  void missing(YamlPath p, String name, Set<String> known, String what, String where) {
    String s = Suggestions.closest(name, known);
    error(
        valueOf(p),
        "unknown "
            + what
            + " '"
            + Shown.value(name)
            + "'"
            + where
            + (s == null ? "" : "; did you mean '" + s + "'?"),
        hintFor(what, known));
  }

  static String hintFor(String what, Set<String> known) {
    if (known.isEmpty()) return "no " + what + " is defined";
    List<String> list = new ArrayList<>(known);
    String shown = String.join(", ", list.size() > 8 ? list.subList(0, 8) : list);
    return "defined: " + shown + (list.size() > 8 ? ", ..." : "");
  }

  <K> void unique(Map<K, YamlPath> seen, K key, YamlPath p, String what) {
    YamlPath first = seen.putIfAbsent(key, p);
    if (first != null) {
      error(valueOf(p), what + " is used twice (also at " + valueOf(first) + ")", null);
    }
  }

  void eachString(YamlPath p, StringVisitor visitor) {
    JsonNode list = at(p);
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).isString()) visitor.visit(p.index(i), list.get(i).stringValue());
    }
  }

  static boolean contains(JsonNode array, String s) {
    for (JsonNode n : array) if (s.equals(n.asString())) return true;
    return false;
  }

  static Set<String> names(JsonNode map) {
    Set<String> out = new LinkedHashSet<>();
    if (map.isObject()) out.addAll(map.propertyNames());
    return out;
  }

  JsonNode at(YamlPath p) {
    JsonNode n = root;
    for (Object e : p.elements()) n = e instanceof Integer i ? n.path(i) : n.path((String) e);
    return n;
  }

  SourceRef valueOf(YamlPath p) {
    return doc.positions().value(p);
  }

  SourceRef keyOf(YamlPath p) {
    return doc.positions().key(p);
  }

  void error(SourceRef at, String message, String hint) {
    out.add(Diagnostic.error(at, message, hint));
  }

  void size(YamlPath p) {
    JsonNode v = at(p);
    OptionalLong bytes = Quantities.sizeBytes(v);
    java.math.BigDecimal exact = v.isString() ? Quantities.exactBytes(v.asString()) : null;
    if (exact != null && exact.stripTrailingZeros().scale() > 0) {
      error(
          valueOf(p),
          "size "
              + v.asString()
              + " is "
              + exact.stripTrailingZeros().toPlainString()
              + " bytes, not a whole number of bytes",
          "use a size that is whole bytes, e.g. in a smaller unit ("
              + exact.setScale(0, java.math.RoundingMode.CEILING)
              + "b)");
    } else if (bytes.isEmpty() || bytes.getAsLong() > Quantities.MAX_SIZE) {
      error(
          valueOf(p),
          "size " + v.asString() + " is larger than 2P (2 PiB), the largest sanctl" + " supports",
          null);
    } else if (bytes.getAsLong() <= 0) {
      error(valueOf(p), "size " + v.asString() + " must be positive", null);
    }
  }

  /**
   * A size lvm2 takes as {@code lvcreate/lvextend -L <bytes>b}: a valid {@link #size} that is also
   * a whole number of 512-byte sectors (lvm2 refuses anything else: "Size is not a multiple of
   * 512").
   */
  void lvmSize(YamlPath p) {
    size(p);
    OptionalLong bytes = Quantities.sizeBytes(at(p));
    if (bytes.isEmpty() || bytes.getAsLong() <= 0 || bytes.getAsLong() > Quantities.MAX_SIZE)
      return;
    long b = bytes.getAsLong();
    if (b % SECTOR != 0) {
      long down = b / SECTOR * SECTOR;
      long up = down + SECTOR;
      error(
          valueOf(p),
          "size "
              + at(p).asString()
              + " is "
              + b
              + " bytes, not a whole number of 512-byte sectors; lvm2 refuses it",
          "use "
              + (down > 0 ? up + " or " + down : String.valueOf(up))
              + " bytes, or a size in K, M, G or T");
    }
  }

  void blockSize(YamlPath p) {
    JsonNode v = at(p);
    OptionalLong bytes = Quantities.sizeBytes(v);
    long b = bytes.orElse(-1);
    if (b < MIN_BLOCK || b > MAX_BLOCK || Long.bitCount(b) != 1) {
      error(
          valueOf(p),
          "block size " + v.asString() + " is not a power of two from 512 to 128K",
          "use 512, 1K, 2K, 4K, 8K, 16K, 32K, 64K or 128K");
    }
  }

  /** Checks a vg/lv reference; true when it resolves. */
  boolean volumeRef(YamlPath p) {
    String ref = at(p).asString();
    int slash = ref.indexOf('/');
    if (slash < 0) return false;
    String vg = ref.substring(0, slash);
    String lv = ref.substring(slash + 1);
    JsonNode group = root.path("volumeGroups").path(vg);
    if (!group.isObject()) {
      missing(p, vg, names(root.path("volumeGroups")), "volume group");
      return false;
    }
    if (!group.path("volumes").has(lv)) {
      if (lv.equals(group.path("metaVolume").path("name").asString())) {
        error(
            valueOf(p),
            "'" + ref + "' is the meta volume of volume group '" + vg + "' and cannot be served",
            null);
      } else {
        missing(p, lv, names(group.path("volumes")), "volume", " in volume group '" + vg + "'");
      }
      return false;
    }
    return true;
  }
}
