package dev.sanctl.providers.zfs;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Property values compared as zfs prints them with {@code -p}: sizes as byte counts ({@code none}
 * is 0), everything else as written.
 */
final class ZfsValues {
  /** Native properties whose values are sizes. */
  static final Set<String> SIZES =
      Set.of(
          "quota",
          "refquota",
          "reservation",
          "refreservation",
          "volsize",
          "volblocksize",
          "recordsize");

  private static final Pattern SIZE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([BKMGTPE]?)(?:I?B)?", Pattern.CASE_INSENSITIVE);

  private ZfsValues() {}

  /** The value of {@code property} as {@code zfs get -p} would print it after setting {@code v}. */
  static String normalize(String property, String v) {
    if (!SIZES.contains(property)) return v;
    if (v.equals("none")) return "0";
    long b = parseSize(v);
    return b < 0 ? v : Long.toString(b);
  }

  /** {@code 10G}, {@code 64K}, {@code 1.5G}, {@code 1048576} in bytes (powers of 1024), or -1. */
  static long parseSize(String v) {
    Matcher m = SIZE.matcher(v.trim());
    if (!m.matches()) return -1;
    int shift = "BKMGTPE".indexOf(m.group(2).isEmpty() ? "B" : m.group(2).toUpperCase(Locale.ROOT));
    double n = Double.parseDouble(m.group(1));
    return (long) Math.ceil(n * Math.pow(1024, shift));
  }
}
