package dev.sanctl.spi.host;

import java.util.List;

/**
 * The one quoting function: renders an argument vector as a POSIX shell command line in which every
 * word reaches the program unchanged. Every word is single-quoted ({@code '} becomes {@code '\''});
 * NUL and newline are refused so logs and remote shells stay unambiguous.
 */
public final class ShellQuoting {
  private ShellQuoting() {}

  /** Quotes each word and joins them with single spaces. */
  public static String join(List<String> argv) {
    if (argv.isEmpty()) throw new IllegalArgumentException("empty argv");
    StringBuilder sb = new StringBuilder();
    for (String word : argv) {
      if (sb.length() > 0) sb.append(' ');
      sb.append(quote(word));
    }
    return sb.toString();
  }

  /** Quotes one word. */
  public static String quote(String word) {
    if (word.indexOf('\0') >= 0 || word.indexOf('\n') >= 0 || word.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("argument contains NUL or a line break");
    }
    if (!word.isEmpty() && word.charAt(0) != '=' && word.chars().allMatch(ShellQuoting::isSafe)) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  private static boolean isSafe(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "@%+=:,./_-".indexOf(c) >= 0;
  }
}
