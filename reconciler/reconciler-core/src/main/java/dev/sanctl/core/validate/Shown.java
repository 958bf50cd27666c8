package dev.sanctl.core.validate;

/** Renders user-written values inside one-line messages. */
public final class Shown {
  private Shown() {}

  /** A value as it can be shown on one line: control characters escaped, long values cut. */
  public static String value(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && sb.length() < 80; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.length() >= 80 && s.length() > 80 ? sb + "..." : sb.toString();
  }
}
