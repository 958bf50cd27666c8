package dev.sanctl.core.config;

import java.math.BigDecimal;
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
   * The one size grammar, lvm2's ({@code lvcreate -L}): an integer of at most 19 digits (bytes), or
   * a number with up to 9 decimals followed by a unit, in either case: {@code b} bytes, {@code s}
   * 512-byte sectors, {@code k m g t p e} powers of 1024 ({@code 50g}, {@code 1.5T}, {@code 512m}).
   * Unlike lvm2, a bare number is bytes (lvm2 reads it as MiB). The schema's {@code $defs/size}
   * pattern is this between {@code ^} and {@code $} (QuantitiesTest), and {@code sanctl sim init
   * --vg-size} reads it with {@link #sizeBytes(String)}.
   */
  public static final String SIZE_GRAMMAR = "[0-9]{1,19}((\\.[0-9]{1,9})?[bBsSkKmMgGtTpPeE])?";

  private static final Pattern SIZE = Pattern.compile(SIZE_GRAMMAR);
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h|d)");
  private static final String UNITS = "bskmgtpe";

  private Quantities() {}

  /** Bytes of a size value; empty when it is malformed, not whole bytes or does not fit a long. */
  public static OptionalLong sizeBytes(JsonNode value) {
    if (value == null) return OptionalLong.empty();
    if (value.isIntegralNumber()) {
      BigInteger b = value.bigIntegerValue();
      return b.bitLength() < 64 ? OptionalLong.of(b.longValue()) : OptionalLong.empty();
    }
    return value.isString() ? sizeBytes(value.stringValue()) : OptionalLong.empty();
  }

  /**
   * Bytes of a size written as text ({@link #SIZE_GRAMMAR}); empty when malformed, fractional or
   * too big.
   */
  public static OptionalLong sizeBytes(String text) {
    long plain = PlainSize.bytes(text);
    if (plain >= 0) return OptionalLong.of(plain);
    if (plain == PlainSize.TOO_BIG) return OptionalLong.empty();
    return sizeBytesOf(exactBytesByGrammar(text));
  }

  /** {@link #sizeBytes(String)} of an exact size (null when malformed). */
  static OptionalLong sizeBytesOf(BigDecimal exact) {
    if (exact == null || exact.signum() < 0) return OptionalLong.empty();
    BigInteger whole;
    try {
      whole = exact.toBigIntegerExact();
    } catch (ArithmeticException fractional) {
      return OptionalLong.empty();
    }
    return whole.bitLength() < 64 ? OptionalLong.of(whole.longValue()) : OptionalLong.empty();
  }

  /**
   * The exact number of bytes a size text means, possibly fractional ({@code 0.3k} is 307.2); null
   * when it does not follow {@link #SIZE_GRAMMAR}.
   */
  public static BigDecimal exactBytes(String text) {
    int shift = PlainSize.shift(text);
    if (shift < 0) return exactBytesByGrammar(text);
    return new BigDecimal(BigInteger.valueOf(PlainSize.number(text)).shiftLeft(shift));
  }

  /** {@link #exactBytes} by the grammar's regular expression and decimal arithmetic. */
  static BigDecimal exactBytesByGrammar(String text) {
    if (text == null || !SIZE.matcher(text).matches()) return null;
    char last = Character.toLowerCase(text.charAt(text.length() - 1));
    int unit = UNITS.indexOf(last);
    if (unit < 0) return new BigDecimal(text);
    BigDecimal n = new BigDecimal(text.substring(0, text.length() - 1));
    BigInteger factor =
        switch (last) {
          case 'b' -> BigInteger.ONE;
          case 's' -> BigInteger.valueOf(512);
          default -> BigInteger.ONE.shiftLeft(10 * (unit - 1));
        };
    return n.multiply(new BigDecimal(factor));
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
