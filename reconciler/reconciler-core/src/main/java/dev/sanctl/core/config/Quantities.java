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

  /**
   * The one size grammar: an integer of at most 19 digits with an optional {@code K}, {@code M},
   * {@code G}, {@code T} or {@code P} (powers of 1024). The schema's {@code $defs/size} pattern is
   * this between {@code ^} and {@code $} (QuantitiesTest), and {@code sanctl sim init --vg-size}
   * reads it with {@link #sizeBytes(String)}.
   */
  public static final String SIZE_GRAMMAR = "[0-9]{1,19}[KMGTP]?";

  private static final Pattern SIZE = Pattern.compile(SIZE_GRAMMAR);
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

  /** Bytes of a size written as text ({@link #SIZE_GRAMMAR}); empty when malformed or too big. */
  public static OptionalLong sizeBytes(String text) {
    if (text == null || !SIZE.matcher(text).matches()) return OptionalLong.empty();
    int unit = UNITS.indexOf(text.charAt(text.length() - 1));
    BigInteger n = new BigInteger(unit < 0 ? text : text.substring(0, text.length() - 1));
    int shift = unit < 0 ? 0 : 10 * (unit + 1);
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
