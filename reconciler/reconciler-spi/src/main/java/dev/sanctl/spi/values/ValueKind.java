package dev.sanctl.spi.values;

import java.util.Locale;

/**
 * A kind of configuration value and the characters every file and parameter list it reaches can
 * carry. Each kind is an <em>allowlist</em>: an explicit set of characters (never "anything but a
 * newline" — Java's {@code .} and {@code \s} miss U+0085, U+2028 and U+2029) and a length limit,
 * plus rules a character set cannot say (a marker line, an unescaped {@code %}).
 *
 * <p>The same instance is used twice: {@code sanctl validate} reports {@link #check} at the value's
 * {@code file:line:column}, and every renderer and command builder calls {@link #require} before a
 * value reaches a node file or an argument, so a value that bypassed validation is refused (as an
 * {@link UnsafeValueException}, which the engine turns into an error finding), never escaped.
 */
public abstract class ValueKind {
  private final String name;
  private final String allowed;
  private final int maxBytes;

  /**
   * @param name what the value is, for messages ("serial", "IET option value")
   * @param allowed the allowed set in words, completing "a NAME is ..."
   * @param maxBytes the longest value, in UTF-8 bytes
   */
  protected ValueKind(String name, String allowed, int maxBytes) {
    this.name = name;
    this.allowed = allowed;
    this.maxBytes = maxBytes;
  }

  /** What the value is, for messages. */
  public final String name() {
    return name;
  }

  /** The allowed set in words ("1 to 16 letters, digits, ..."). */
  public final String allowed() {
    return allowed;
  }

  /** Whether code point {@code c} may appear at {@code index} (a code point index). */
  protected abstract boolean allowedAt(int c, int index);

  /** The smallest length in code points (1 unless the empty value is allowed). */
  protected int minLength() {
    return 1;
  }

  /** A problem that is not about single characters (a marker, an escape), or null. */
  protected String more(String value) {
    return null;
  }

  /** Whether messages may show the value (false for secrets). */
  protected boolean showsValue() {
    return true;
  }

  /** How to fix a value of this kind (the allowed set is already in the message). */
  public String hint() {
    return "write the value with only those characters";
  }

  /** "a" or "an", for "a serial", "an IET option value". */
  protected String article() {
    return "AEIOUaeiou".indexOf(name.charAt(0)) >= 0 ? "an" : "a";
  }

  /**
   * The problem of {@code value} as one sentence that names the kind, the value, the first
   * offending character and the allowed set; null when the value can be written.
   */
  public final String check(String value) {
    if (value == null) return null;
    String problem = problem(value);
    if (problem == null) return null;
    return problem + "; " + article() + " " + name + " is " + allowed;
  }

  private String problem(String value) {
    // the value as messages show it is made only for a problem: most values have none
    if (value.codePointCount(0, value.length()) < minLength()) return shown(value) + " is empty";
    int index = 0;
    int bytes = 0; // as value.getBytes(UTF_8).length, which encodes a lone surrogate as '?'
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      bytes +=
          c < 0x80 || (c < 0x10000 && Character.isSurrogate((char) c))
              ? 1
              : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      if (!allowedAt(c, index)) {
        return shown(value)
            + " "
            + (index == 0 && c == '-' ? "starts with '-'" : "contains " + Shown.character(c))
            + (showsValue() ? " at character " + (index + 1) : "");
      }
      i += Character.charCount(c);
      index++;
    }
    if (bytes > maxBytes) {
      return shown(value) + " is " + bytes + " bytes long, more than " + maxBytes;
    }
    String more = more(value);
    return more == null ? null : shown(value) + " " + more;
  }

  /**
   * The kind and the value as messages show it ({@link Shown#of}), or the kind alone for secrets.
   */
  private String shown(String value) {
    return showsValue() ? name + " '" + Shown.of(value) + "'" : name;
  }

  /**
   * {@code value} unchanged when it can be written, else an {@link UnsafeValueException} naming
   * {@code where} (a target, a file) and the problem.
   */
  public final String require(String value, String where) {
    String p = check(value);
    if (p == null) return value;
    throw new UnsafeValueException(this, (where == null ? "" : where + ": ") + p);
  }

  /** {@link #require} without a place. */
  public final String require(String value) {
    return require(value, null);
  }

  @Override
  public String toString() {
    return name;
  }

  // Character classes shared by the kinds.

  static boolean asciiLetterOrDigit(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  static boolean oneOf(int c, String set) {
    return c < 0x80 && set.indexOf(c) >= 0;
  }

  /**
   * Printable text: a Unicode letter, mark, number, punctuation or symbol, or the ASCII space. No
   * control character (tab, CR, LF, NUL, U+0085), no line or paragraph separator (U+2028, U+2029),
   * no other space (U+00A0), no format character (U+200B, U+202E), no surrogate or unassigned code.
   */
  static boolean printable(int c) {
    if (c == ' ') return true;
    return switch (Character.getType(c)) {
      case Character.UPPERCASE_LETTER,
              Character.LOWERCASE_LETTER,
              Character.TITLECASE_LETTER,
              Character.MODIFIER_LETTER,
              Character.OTHER_LETTER,
              Character.NON_SPACING_MARK,
              Character.ENCLOSING_MARK,
              Character.COMBINING_SPACING_MARK,
              Character.DECIMAL_DIGIT_NUMBER,
              Character.LETTER_NUMBER,
              Character.OTHER_NUMBER,
              Character.CONNECTOR_PUNCTUATION,
              Character.DASH_PUNCTUATION,
              Character.START_PUNCTUATION,
              Character.END_PUNCTUATION,
              Character.INITIAL_QUOTE_PUNCTUATION,
              Character.FINAL_QUOTE_PUNCTUATION,
              Character.OTHER_PUNCTUATION,
              Character.MATH_SYMBOL,
              Character.CURRENCY_SYMBOL,
              Character.MODIFIER_SYMBOL,
              Character.OTHER_SYMBOL ->
          true;
      default -> false;
    };
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
