package dev.sanctl.sim.zfs;

import dev.sanctl.sim.zfs.ZfsSim.Dataset;
import dev.sanctl.sim.zfs.ZfsSim.Snap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Native (non-user) properties of the simulated zfs: which exist, where they apply, their defaults,
 * inheritance, validation and how values print with and without {@code -p} (live-state-formats 3.1,
 * 3.2). Values set locally live in the dataset's property map beside the user properties; computed
 * ones (space accounting, mountpoint) are derived.
 */
final class ZfsNative {
  /** Settable properties that are inherited, with their defaults. */
  static final Map<String, String> INHERITED_DEFAULTS =
      Map.ofEntries(
          Map.entry("compression", "off"),
          Map.entry("atime", "on"),
          Map.entry("readonly", "off"),
          Map.entry("sync", "standard"),
          Map.entry("dedup", "off"),
          Map.entry("checksum", "on"),
          Map.entry("copies", "1"),
          Map.entry("logbias", "latency"),
          Map.entry("primarycache", "all"),
          Map.entry("secondarycache", "all"),
          Map.entry("recordsize", "131072"),
          Map.entry("sharenfs", "off"),
          Map.entry("snapdir", "hidden"),
          Map.entry("exec", "on"),
          Map.entry("setuid", "on"),
          Map.entry("devices", "on"),
          Map.entry("xattr", "on"),
          Map.entry("volmode", "default"),
          Map.entry("canmount", "on"));

  /** Settable properties that are not inherited; 0 prints {@code none} without {@code -p}. */
  static final Set<String> QUOTAS = Set.of("quota", "refquota", "reservation", "refreservation");

  /**
   * Filesystem properties fixed at creation ({@code PROP_ONETIME} in zfs_prop.c), with their
   * defaults: {@code zfs set} answers "'casesensitivity' is readonly".
   */
  static final Map<String, String> SET_ONCE =
      Map.of("casesensitivity", "sensitive", "normalization", "none", "utf8only", "off");

  private static final Map<String, List<String>> SET_ONCE_VALUES =
      Map.of(
          "casesensitivity", List.of("sensitive", "insensitive", "mixed"),
          "normalization", List.of("none", "formC", "formD", "formKC", "formKD"),
          "utf8only", List.of("on", "off"));

  /** Properties that only volumes have. */
  static final Set<String> VOLUME_ONLY = Set.of("volsize", "volblocksize", "volmode");

  /** Properties that only filesystems have. */
  static final Set<String> FILESYSTEM_ONLY =
      Set.of(
          "recordsize",
          "mountpoint",
          "canmount",
          "quota",
          "refquota",
          "sharenfs",
          "atime",
          "snapdir",
          "exec",
          "setuid",
          "devices",
          "xattr",
          "casesensitivity",
          "normalization",
          "utf8only");

  /** Read-only statistics. */
  static final Set<String> STATISTICS =
      Set.of("used", "available", "referenced", "compressratio", "written", "mounted");

  private static final Set<String> ON_OFF =
      Set.of("atime", "readonly", "exec", "setuid", "devices", "xattr");
  private static final List<String> LEGACY_COMPRESSION =
      List.of(
          "on", "off", "lzjb", "gzip", "gzip-1", "gzip-2", "gzip-3", "gzip-4", "gzip-5", "gzip-6",
          "gzip-7", "gzip-8", "gzip-9", "zle");

  /** Bytes a filesystem references when empty. */
  static final long EMPTY_FILESYSTEM = 98304;

  private ZfsNative() {}

  /** Whether {@code p} is a native property this model knows (beyond the snapshot ones). */
  static boolean isNative(String p) {
    return INHERITED_DEFAULTS.containsKey(p)
        || QUOTAS.contains(p)
        || VOLUME_ONLY.contains(p)
        || FILESYSTEM_ONLY.contains(p)
        || SET_ONCE.containsKey(p)
        || STATISTICS.contains(p);
  }

  /** Whether {@code zfs set p=...} is allowed at all (not read-only, not create-time only). */
  static boolean settable(String p) {
    return isNative(p)
        && !STATISTICS.contains(p)
        && !p.equals("volblocksize")
        && !SET_ONCE.containsKey(p);
  }

  /** Whether {@code p} applies to a dataset of this kind. */
  static boolean applies(String p, boolean volume) {
    return volume ? !FILESYSTEM_ONLY.contains(p) : !VOLUME_ONLY.contains(p);
  }

  /**
   * Checks a value for {@code zfs set} or {@code create -o}; returns the libzfs message (without
   * the {@code cannot ...: } prefix) or null when valid. {@code legacy}: zfs-fuse, which knows
   * neither lz4 nor zstd (its message captured in {@code fixtures/zfs/}).
   */
  static String invalidValue(String p, String v, boolean legacy) {
    if (SET_ONCE_VALUES.containsKey(p) && !SET_ONCE_VALUES.get(p).contains(v)) {
      return "'" + p + "' must be one of '" + String.join(" | ", SET_ONCE_VALUES.get(p)) + "'";
    }
    if (ON_OFF.contains(p) && !v.equals("on") && !v.equals("off")) {
      return "'" + p + "' must be one of 'on | off'";
    }
    boolean modern = !legacy && (v.equals("lz4") || v.equals("zstd"));
    if (p.equals("compression") && !LEGACY_COMPRESSION.contains(v) && !modern) {
      return "'compression' must be one of 'on | off | lzjb | gzip | gzip-[1-9] | zle"
          + (legacy ? "" : " | lz4 | zstd")
          + "'";
    }
    if (QUOTAS.contains(p) || p.equals("volsize") || p.equals("recordsize")) {
      if (!(QUOTAS.contains(p) && v.equals("none")) && parseSize(v) < 0) {
        return "bad numeric value '" + v + "'";
      }
    }
    if (p.equals("volblocksize") || p.equals("recordsize")) {
      long b = parseSize(v);
      if (b < 512 || b > 131072 || Long.bitCount(b) != 1) {
        return "'" + p + "' must be power of 2 from 512B to 128KB";
      }
    }
    return null;
  }

  /** The canonical stored form of a value: sizes as byte counts, {@code none} as 0. */
  static String canonical(String p, String v) {
    if (QUOTAS.contains(p) && v.equals("none")) return "0";
    if (QUOTAS.contains(p)
        || p.equals("volsize")
        || p.equals("volblocksize")
        || p.equals("recordsize")) {
      return Long.toString(parseSize(v));
    }
    return v;
  }

  /**
   * Parses a size as zfs does ({@code zfs_nicestrtonum}): digits with an optional decimal part and
   * a suffix {@code B K M G T P E} (optionally followed by {@code B} or {@code iB}), powers of
   * 1024. Returns -1 when invalid.
   */
  static long parseSize(String v) {
    var m =
        java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)([BKMGTPE]?)(B|iB)?")
            .matcher(v.toUpperCase(Locale.ROOT).replace("IB", "iB"));
    if (!m.matches()) return -1;
    int shift = "BKMGTPE".indexOf(m.group(2).isEmpty() ? "B" : m.group(2)) * 10;
    if (m.group(1).contains(".")) {
      return (long) Math.ceil(Double.parseDouble(m.group(1)) * Math.pow(2, shift));
    }
    try {
      long n = Long.parseLong(m.group(1));
      if (shift > 0 && n > (Long.MAX_VALUE >> shift)) return -1;
      return n << shift;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * The refreservation a non-sparse volume gets: its size plus the metadata its indirect blocks
   * need ({@code zvol_volsize_to_reservation} of libzfs, one copy).
   */
  static long reservationFor(long volsize, long blockSize) {
    long nblocks = volsize / blockSize;
    long numdb = 7;
    while (nblocks > 1) {
      nblocks += 1023;
      nblocks /= 1024;
      numdb += nblocks;
    }
    numdb *= 2;
    return volsize + numdb * 131072;
  }

  /** The value a dataset shows for native {@code p}, or {@code -} when it does not apply. */
  static String value(ZfsSim zfs, Dataset d, String p, boolean parseable) {
    if (!applies(p, d.volume)) return "-";
    switch (p) {
      case "used":
        return size(used(zfs, d), parseable);
      case "referenced":
        return size(referenced(zfs, d), parseable);
      case "available":
        return size(zfs.poolFree(pool(d.name)), parseable);
      case "compressratio":
        return parseable ? "1.00" : "1.00x";
      case "written":
        return size(referenced(zfs, d), parseable);
      case "mounted":
        return "yes";
      case "mountpoint":
        return mountpoint(zfs, d.name);
      default:
        break;
    }
    String v = effective(zfs, d, p);
    if (QUOTAS.contains(p)) return !parseable && v.equals("0") ? "none" : size(v, parseable);
    if (p.equals("volsize") || p.equals("volblocksize") || p.equals("recordsize")) {
      return size(v, parseable);
    }
    return v;
  }

  /** The value a snapshot shows for native {@code p}. */
  static String snapshotValue(ZfsSim zfs, Dataset d, Snap s, String p, boolean parseable) {
    return switch (p) {
      case "volsize" -> d.volume ? size(s.props.getOrDefault("volsize", "0"), parseable) : "-";
      case "used", "written" -> size(0, parseable);
      case "referenced" -> size(zfs.allocated(d.name + "@" + s.name), parseable);
      case "compressratio" -> parseable ? "1.00" : "1.00x";
      default -> "-";
    };
  }

  /** The {@code source} column of {@code zfs get} for native {@code p}. */
  static String source(ZfsSim zfs, String name, String p) {
    Object o = zfs.find(name);
    if (!(o instanceof Dataset d) || STATISTICS.contains(p) || !applies(p, d.volume)) return "-";
    if (SET_ONCE.containsKey(p)) return "-";
    if (d.props.containsKey(p)) return p.equals("volblocksize") ? "-" : "local";
    if (p.equals("mountpoint")) {
      String a = inheritedFrom(zfs, d.name, p);
      return a == null ? "default" : "inherited from " + a;
    }
    if (INHERITED_DEFAULTS.containsKey(p)) {
      String a = inheritedFrom(zfs, d.name, p);
      if (a != null) return "inherited from " + a;
    }
    return "default";
  }

  private static String effective(ZfsSim zfs, Dataset d, String p) {
    String local = d.props.get(p);
    if (local != null) return local;
    if (INHERITED_DEFAULTS.containsKey(p)) {
      String a = inheritedFrom(zfs, d.name, p);
      return a != null ? zfs.datasets().get(a).props.get(p) : INHERITED_DEFAULTS.get(p);
    }
    if (p.equals("volblocksize")) return Long.toString(zfs.defaultVolBlockSize());
    if (SET_ONCE.containsKey(p)) return SET_ONCE.get(p);
    if (p.equals("volsize")) return "0";
    return "0";
  }

  private static String inheritedFrom(ZfsSim zfs, String name, String p) {
    String a = parent(name);
    while (a != null) {
      Dataset ds = zfs.datasets().get(a);
      if (ds != null && ds.props.containsKey(p)) return a;
      a = parent(a);
    }
    return null;
  }

  private static String mountpoint(ZfsSim zfs, String name) {
    String a = name;
    while (a != null) {
      String mp = zfs.datasets().get(a).props.get("mountpoint");
      if (mp != null) {
        if (mp.equals("none") || mp.equals("legacy")) return mp;
        String rest = name.substring(a.length());
        return mp.equals("/") && !rest.isEmpty() ? rest : mp + rest;
      }
      a = parent(a);
    }
    return "/" + name;
  }

  /** Bytes the dataset and its descendants use (refreservation counts in full). */
  static long used(ZfsSim zfs, Dataset d) {
    if (d.volume) {
      long resv = Long.parseLong(d.props.getOrDefault("refreservation", "0"));
      long snaps = 0;
      return Math.max(resv, referenced(zfs, d)) + snaps;
    }
    long sum = EMPTY_FILESYSTEM;
    for (Dataset c : zfs.datasets().values()) {
      if (c.name.startsWith(d.name + "/") && c.name.indexOf('/', d.name.length() + 1) < 0) {
        sum += used(zfs, c);
      }
    }
    return sum;
  }

  private static long referenced(ZfsSim zfs, Dataset d) {
    return d.volume ? Math.max(zfs.allocated(d.name), 57344) : EMPTY_FILESYSTEM;
  }

  static String pool(String name) {
    int slash = name.indexOf('/');
    return slash < 0 ? name : name.substring(0, slash);
  }

  private static String parent(String d) {
    return d.contains("/") ? d.substring(0, d.lastIndexOf('/')) : null;
  }

  private static String size(String bytes, boolean parseable) {
    return size(Long.parseLong(bytes), parseable);
  }

  static String size(long bytes, boolean parseable) {
    return parseable ? Long.toString(bytes) : nicenum(bytes);
  }

  /**
   * {@code zfs_nicenum}: exact multiples as {@code 10G}; otherwise the most decimals (2, 1, 0) that
   * fit in five characters, e.g. {@code 1.50G}, {@code 118K}.
   */
  static String nicenum(long n) {
    String units = "BKMGTPE";
    int index = 0;
    long v = n;
    while (v >= 1024 && index < 6) {
      v /= 1024;
      index++;
    }
    char u = units.charAt(index);
    if (index == 0) return Long.toString(n);
    if (n % (1L << (10 * index)) == 0) return v + String.valueOf(u);
    double d = (double) n / (1L << (10 * index));
    for (int precision = 2; precision >= 0; precision--) {
      String s = String.format(Locale.ROOT, "%." + precision + "f%c", d, u);
      if (s.length() <= 5) return s;
    }
    return String.format(Locale.ROOT, "%.0f%c", d, u);
  }
}
