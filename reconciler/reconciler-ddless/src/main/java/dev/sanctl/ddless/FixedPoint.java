package dev.sanctl.ddless;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The texts of a run's result ({@code --json}, the stats line) without {@link java.util.Formatter}
 * or a {@link DateTimeFormatter} pattern: their first use in a JVM (parsing the format, in the
 * interpreter) cost 20-40 ms of every ddless run's wall time on the 2-vCPU test machine
 * (docs/benchmarks.md, "ddless: the rest of the 2-worker window"). The results are the same texts,
 * character for character (FixedPointTest).
 */
final class FixedPoint {
  private FixedPoint() {}

  /**
   * {@code v} with {@code places} decimals, as {@code String.format(Locale.ROOT, "%.<places>f", v)}
   * writes it: the shortest decimal that reads back as {@code v} ({@link Double#toString}), rounded
   * half up. Negative, infinite and NaN values go to {@link String#format} itself.
   */
  static String of(double v, int places) {
    if (Double.isNaN(v) || Double.isInfinite(v) || Double.doubleToRawLongBits(v) < 0) {
      return String.format(Locale.ROOT, "%." + places + "f", v);
    }
    return new BigDecimal(Double.toString(v))
        .setScale(places, RoundingMode.HALF_UP)
        .toPlainString();
  }

  /** {@code t} as {@code DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")} writes it. */
  static String dateTime(LocalDateTime t) {
    int year = t.getYear();
    if (year < 1000 || year > 9999) {
      return t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    }
    StringBuilder b = new StringBuilder(19).append(year).append('-');
    two(b, t.getMonthValue()).append('-');
    two(b, t.getDayOfMonth()).append(' ');
    two(b, t.getHour()).append(':');
    two(b, t.getMinute()).append(':');
    return two(b, t.getSecond()).toString();
  }

  private static StringBuilder two(StringBuilder b, int n) {
    return b.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
  }
}
