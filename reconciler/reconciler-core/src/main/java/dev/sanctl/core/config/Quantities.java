package dev.sanctl.core.config;

import java.math.BigInteger;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Sizes ({@code 8G}: powers of 1024) and durations ({@code 10s}, {@code 10m}, {@code 1h}). */
public final class Quantities {
  /** The largest size sanctl accepts: 2 PiB, the ddless map-size limit. */
  public static final long MAX_SIZE = 2L << 50;

  private static final Pattern SIZE = Pattern.compile("([0-9]{1,19})([KMGTP]?)");
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h|d)");
  private static final String UNITS = "KMGTP";

  private Quantities() {}

  /** Bytes of a size value; empty when it is malformed or does not fit in a long. */
  public static OptionalLong sizeBytes(JsonNode value) {
    if (value == null) return OptionalLong.empty();
    if (value.isIntegralNumber()) {
      BigInteger b = value.bigIntegerValue();
      return b.bitLength() < 64 ? OptionalLong.of(b.longValue()) : OptionalLong.empty();
    }
    return value.isString() ? sizeBytes(value.stringValue()) : OptionalLong.empty();
  }

  /** Bytes of a size written as text. */
  public static OptionalLong sizeBytes(String text) {
    Matcher m = SIZE.matcher(text);
    if (!m.matches()) return OptionalLong.empty();
    BigInteger n = new BigInteger(m.group(1));
    int shift = m.group(2).isEmpty() ? 0 : 10 * (UNITS.indexOf(m.group(2)) + 1);
    BigInteger bytes = n.shiftLeft(shift);
    return bytes.bitLength() < 64 ? OptionalLong.of(bytes.longValue()) : OptionalLong.empty();
  }

  /** Parses {@code 500ms}, {@code 10s}, {@code 10m}, {@code 1h}, {@code 2d}; null if malformed. */
  public static Duration duration(String text) {
    Matcher m = text == null ? null : DURATION.matcher(text);
    if (m == null || !m.matches()) return null;
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
