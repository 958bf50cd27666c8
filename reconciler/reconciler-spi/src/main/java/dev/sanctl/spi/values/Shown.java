package dev.sanctl.spi.values;

/** Values and characters as they can be shown inside a one-line message. */
final class Shown {
  private static final int MAX = 60;

  private Shown() {}

  /** {@code s} on one line: every character outside printable text as U+XXXX, long values cut. */
  static String of(String s) {
    StringBuilder sb = new StringBuilder();
    int shown = 0;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      if (shown++ == MAX) return sb + "...";
      if (ValueKind.printable(c)) sb.appendCodePoint(c);
      else sb.append(String.format("\\u%04X", c));
    }
    return sb.toString();
  }

  /** One character: {@code ','}, or its code and Unicode name for invisible ones. */
  static String character(int c) {
    if (c != ' ' && c != '\'' && ValueKind.printable(c)) {
      return "'" + new String(Character.toChars(c)) + "'";
    }
    String name = Character.getName(c);
    return String.format("U+%04X", c) + (name == null ? "" : " " + name);
  }
}
