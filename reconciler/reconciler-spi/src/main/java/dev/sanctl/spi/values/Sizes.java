package dev.sanctl.spi.values;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Byte counts as people read them in plans and messages, in the powers of 1024 the configuration
 * uses ({@code K M G T P}): a whole number of the largest unit as it is ({@code 50G}), anything
 * else as a short decimal followed by the exact byte count ({@code 1.5T (1649267441664 bytes)}),
 * below one KiB in bytes ({@code 512B}). Machine output (JSON) keeps plain byte counts.
 */
public final class Sizes {
  private static final String UNITS = "KMGTP";

  private Sizes() {}

  /**
   * {@code 53687091200} is {@code 50G}; {@code 1649267441664} is {@code 1.5T (1649267441664
   * bytes)}.
   */
  public static String human(long bytes) {
    if (bytes < 1024) return bytes + "B";
    int unit = 0;
    while (unit + 1 < UNITS.length() && bytes >= 1L << (10 * (unit + 2))) unit++;
    String suffix = String.valueOf(UNITS.charAt(unit));
    long whole = 1L << (10 * (unit + 1));
    if (bytes % whole == 0) return bytes / whole + suffix; // the common case, without BigDecimal
    BigDecimal exact = new BigDecimal(bytes).divide(pow(unit)); // a power of two: exact
    if (exact.stripTrailingZeros().scale() <= 0) return exact.toBigInteger() + suffix;
    BigDecimal shown = exact.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
    return shown.toPlainString() + suffix + " (" + bytes + " bytes)";
  }

  private static BigDecimal pow(int unit) {
    return new BigDecimal(1L << (10 * (unit + 1)));
  }
}
