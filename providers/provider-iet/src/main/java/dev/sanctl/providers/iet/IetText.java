package dev.sanctl.providers.iet;

import java.util.ArrayList;
import java.util.List;

/**
 * How IET's text files are split into lines and words: hand-written scanners that give exactly what
 * splitting on the regular expressions {@code (?<=\n)} and {@code \s+} gives ({@code IetTextTest}
 * compares them on generated text), without a regular expression per line: a 5,000-target plan
 * splits every line of every node's files several times.
 */
final class IetText {
  private IetText() {}

  /** The lines of {@code text}, each with its {@code \n}: {@code text.split("(?<=\\n)")}. */
  static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      if (text.charAt(i) == '\n') {
        out.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < n || out.isEmpty()) out.add(text.substring(start));
    return out;
  }

  /**
   * The words of {@code line} without its surrounding whitespace: {@code
   * WHITESPACE.split(line.strip())}.
   */
  static String[] words(String line) {
    String s = line.strip();
    List<String> out = new ArrayList<>(4);
    int n = s.length();
    int i = 0;
    while (i < n) {
      int start = i;
      while (i < n && !isSpace(s.charAt(i))) i++;
      out.add(s.substring(start, i));
      while (i < n && isSpace(s.charAt(i))) i++;
    }
    if (out.isEmpty()) out.add(s);
    return out.toArray(String[]::new);
  }

  /**
   * The first word of {@code line}, "" for a blank line: {@code WHITESPACE.split(line.strip(),
   * 2)[0]}.
   */
  static String firstWord(String line) {
    String s = line.strip();
    int n = s.length();
    int i = 0;
    while (i < n && !isSpace(s.charAt(i))) i++;
    return i == n ? s : s.substring(0, i);
  }

  /**
   * A stripped line as its first word and the rest after the whitespace that follows it (one
   * element when there is no whitespace): {@code stripped.split("\\s+", 2)}.
   */
  static String[] firstAndRest(String stripped) {
    int n = stripped.length();
    int i = 0;
    while (i < n && !isSpace(stripped.charAt(i))) i++;
    if (i == n) return new String[] {stripped};
    int j = i;
    while (j < n && isSpace(stripped.charAt(j))) j++;
    return new String[] {stripped.substring(0, i), stripped.substring(j)};
  }

  /** Whether {@code c} is matched by the regular expression {@code \s}: {@code [ \t\n\x0B\f\r]}. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }
}
