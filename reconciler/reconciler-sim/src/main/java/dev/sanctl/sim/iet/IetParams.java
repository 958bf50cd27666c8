package dev.sanctl.sim.iet;

import java.util.List;
import java.util.Map;

/**
 * IET's target and session keys ({@code usr/param.c}): names, kernel defaults, ranges and the way
 * {@code ietadm} parses and prints their values.
 */
public final class IetParams {
  enum Kind {
    MINIMUM,
    MAXIMUM,
    BOOL,
    DIGEST,
    MARKER
  }

  public record Key(String name, int def, int min, int max, Kind kind) {}

  static final int DIGEST_NONE = 1;
  static final int DIGEST_CRC32C = 2;

  public static final List<Key> TARGET_KEYS =
      List.of(
          new Key("Wthreads", 8, 1, 128, Kind.MINIMUM),
          new Key("Type", 0, 0, 16, Kind.MINIMUM),
          new Key("QueuedCommands", 32, 1, 256, Kind.MINIMUM),
          new Key("NOPInterval", 0, 0, 90, Kind.MINIMUM),
          new Key("NOPTimeout", 0, 0, 90, Kind.MINIMUM));

  public static final List<Key> SESSION_KEYS =
      List.of(
          new Key("InitialR2T", 1, 0, 1, Kind.BOOL),
          new Key("ImmediateData", 1, 0, 1, Kind.BOOL),
          new Key("MaxConnections", 1, 1, 65535, Kind.MINIMUM),
          new Key("MaxRecvDataSegmentLength", 8192, 512, 16777215, Kind.MINIMUM),
          new Key("MaxXmitDataSegmentLength", 8192, 512, 16777215, Kind.MINIMUM),
          new Key("MaxBurstLength", 262144, 512, 16777215, Kind.MINIMUM),
          new Key("FirstBurstLength", 65536, 512, 16777215, Kind.MINIMUM),
          new Key("DefaultTime2Wait", 2, 0, 3600, Kind.MAXIMUM),
          new Key("DefaultTime2Retain", 0, 0, 3600, Kind.MINIMUM),
          new Key("MaxOutstandingR2T", 1, 1, 65535, Kind.MINIMUM),
          new Key("DataPDUInOrder", 1, 0, 1, Kind.BOOL),
          new Key("DataSequenceInOrder", 1, 0, 1, Kind.BOOL),
          new Key("ErrorRecoveryLevel", 0, 0, 2, Kind.MINIMUM),
          new Key("HeaderDigest", DIGEST_NONE, DIGEST_NONE, 3, Kind.DIGEST),
          new Key("DataDigest", DIGEST_NONE, DIGEST_NONE, 3, Kind.DIGEST),
          new Key("OFMarker", 0, 0, 1, Kind.BOOL),
          new Key("IFMarker", 0, 0, 1, Kind.BOOL),
          new Key("OFMarkInt", 2048, 1, 65535, Kind.MARKER),
          new Key("IFMarkInt", 2048, 1, 65535, Kind.MARKER));

  private IetParams() {}

  /** The key named {@code name} (case-insensitive), or null. */
  public static Key find(List<Key> keys, String name) {
    return keys.stream().filter(k -> k.name().equalsIgnoreCase(name)).findFirst().orElse(null);
  }

  /** Parses a value as ietadm does; null when ietadm reports it invalid. */
  public static Integer parse(Key key, String value) {
    switch (key.kind()) {
      case BOOL:
        return value.equals("Yes")
            ? Integer.valueOf(1)
            : value.equals("No") ? Integer.valueOf(0) : null;
      case DIGEST:
        {
          int v = 0;
          for (String part : value.split(",", -1)) {
            if (part.equals("None")) v |= DIGEST_NONE;
            else if (part.equals("CRC32C")) v |= DIGEST_CRC32C;
            else return null;
          }
          return v;
        }
      case MARKER:
        return key.def();
      default:
        {
          long v = strtol(value);
          if (v < key.min() || v > key.max())
            v = key.kind() == Kind.MAXIMUM ? key.max() : key.min();
          return (int) v;
        }
    }
  }

  /** C {@code strtol(s, NULL, 0)}: leading digits in base 10, 16 ({@code 0x}) or 8 ({@code 0}). */
  public static long strtol(String s) {
    String t = s.strip();
    boolean neg = t.startsWith("-");
    if (t.startsWith("-") || t.startsWith("+")) t = t.substring(1);
    int radix = 10;
    if (t.startsWith("0x") || t.startsWith("0X")) {
      radix = 16;
      t = t.substring(2);
    } else if (t.startsWith("0") && t.length() > 1) {
      radix = 8;
      t = t.substring(1);
    }
    long v = 0;
    for (char c : t.toCharArray()) {
      int d = Character.digit(c, radix);
      if (d < 0) break;
      if (v > (Long.MAX_VALUE - d) / radix) return neg ? Long.MIN_VALUE : Long.MAX_VALUE;
      v = v * radix + d;
    }
    return neg ? -v : v;
  }

  /** Renders a value as {@code ietadm --op show} does. */
  static String show(Key key, int value) {
    return switch (key.kind()) {
      case BOOL -> value == 0 ? "No" : "Yes";
      case DIGEST -> {
        String s = (value & DIGEST_NONE) != 0 ? "None" : "";
        if ((value & DIGEST_CRC32C) != 0) s = s.isEmpty() ? "CRC32C" : s + ",CRC32C";
        yield s;
      }
      case MARKER -> value == 0 ? "Irrelevant" : "Reject";
      default -> Integer.toString(value);
    };
  }

  /** {@code Name=Value} lines for every key, configured values over defaults. */
  static String showAll(List<Key> keys, Map<String, Integer> configured) {
    StringBuilder sb = new StringBuilder();
    for (Key k : keys) {
      sb.append(k.name()).append('=').append(show(k, configured.getOrDefault(k.name(), k.def())));
      sb.append('\n');
    }
    return sb.toString();
  }
}
