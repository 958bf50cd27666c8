package dev.sanctl.spi.values;

/**
 * A byte count as the desired state writes sizes ({@code 8G}, {@code 1536G}): the largest of the
 * units K, M, G, T, P (powers of 1024) that divides it exactly, else plain bytes. Never rounded, so
 * an imported size plans to exactly the size that is live.
 */
public final class ExactSize {
  private static final String UNITS = "KMGTP";

  private ExactSize() {}

  /** {@code 1073741824} is {@code 1G}, {@code 1610612736} is {@code 1536M}, {@code 1000} stays. */
  public static String text(long bytes) {
    if (bytes <= 0) return Long.toString(bytes);
    long v = bytes;
    int unit = -1;
    while (unit + 1 < UNITS.length() && v % 1024 == 0) {
      v /= 1024;
      unit++;
    }
    return unit < 0 ? Long.toString(bytes) : v + String.valueOf(UNITS.charAt(unit));
  }
}
