package dev.sanctl.core.config;

/**
 * The common form of a size, read without a regular expression or decimal arithmetic: 1 to 18
 * digits, then at most one unit letter ({@code 512}, {@code 1G}, {@code 40m}). A 5,000-volume
 * estate has thousands of them, each read several times by validation and the model. Every other
 * text (decimals, 19 digits, anything malformed) is left to {@link Quantities}' grammar; {@code
 * QuantitiesTest} compares both readings.
 */
final class PlainSize {
  /** {@link #bytes}: the text is not of the plain form. */
  static final long NOT_PLAIN = -1;

  /** {@link #bytes}: the text is of the plain form but more bytes than a long holds. */
  static final long TOO_BIG = -2;

  private static final int MAX_DIGITS = 18; // always fits a long

  private PlainSize() {}

  /** Bytes of {@code text}, or {@link #NOT_PLAIN} or {@link #TOO_BIG}. */
  static long bytes(String text) {
    int shift = shift(text);
    if (shift < 0) return NOT_PLAIN;
    long n = number(text);
    return n > Long.MAX_VALUE >> shift ? TOO_BIG : n << shift;
  }

  /** The power of two of the text's unit (0 when it has none), or -1 when it is not plain. */
  static int shift(String text) {
    if (text == null || text.isEmpty()) return -1;
    int end = text.length();
    int shift = 0;
    if (!bare(text)) {
      shift = unitShift(text.charAt(end - 1));
      end--;
    }
    if (shift < 0 || end == 0 || end > MAX_DIGITS) return -1;
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') return -1;
    }
    return shift;
  }

  /** True when {@code text} (not empty) ends in a digit, i.e. has no unit. */
  private static boolean bare(String text) {
    char last = text.charAt(text.length() - 1);
    return last >= '0' && last <= '9';
  }

  private static int unitShift(char unit) {
    return switch (unit) {
      case 'b', 'B' -> 0;
      case 's', 'S' -> 9; // 512-byte sectors
      case 'k', 'K' -> 10;
      case 'm', 'M' -> 20;
      case 'g', 'G' -> 30;
      case 't', 'T' -> 40;
      case 'p', 'P' -> 50;
      case 'e', 'E' -> 60;
      default -> -1;
    };
  }

  /** The number before the unit of a plain {@link #shift} text. */
  static long number(String text) {
    int end = bare(text) ? text.length() : text.length() - 1;
    long n = 0;
    for (int i = 0; i < end; i++) n = n * 10 + (text.charAt(i) - '0');
    return n;
  }
}
