package dev.sanctl.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The hostile-input corpus of issue #14: values that would change the meaning of a node file or a
 * parameter list if they were pasted in unchecked. Every value here must be refused by every value
 * kind that reaches a file or an argument (tests assert it never appears in one).
 */
public final class HostileValues {
  private HostileValues() {}

  /** The reported injections and the corpus of every separator and metacharacter class. */
  public static final List<String> ALL = build();

  private static List<String> build() {
    List<String> v = new ArrayList<>();
    // the reported injections
    v.add("S,Path=/dev/v/db");
    v.add("S,readonly=1");
    v.add("$(id>/tmp/p)");
    v.add("No,Wthreads=1");
    v.add("x\nTarget iqn.2001-04.com.evil:t\n    Lun 0 Path=/dev/v/db");
    // shell metacharacters, one class each
    for (String s : List.of("`id`", "a;id", "a|id", "a&id", "a>b", "a<b", "a*", "a?", "{a,b}")) {
      v.add(s);
    }
    for (String s : List.of("a$HOME", "~root", "a!b", "a\\b", "a'b", "a\"b", "a(b)", "a[b")) {
      v.add(s);
    }
    // parameter-list and file syntax
    for (String s : List.of("a=b", "a,b", "a#b", "#a", "a b", "-rf", "--op=delete")) v.add(s);
    // line breaks and invisible separators
    for (String sep :
        List.of(
            "\n", "\r", "\r\n", "\t", "\u0000", "\u000b", "\u000c", "\u001b", "\u007f", "\u0085",
            "\u2028", "\u2029", "\u00a0", "\u200b", "\u202e", "\ufeff")) {
      v.add("a" + sep + "b");
    }
    v.add("ab\n"); // a final newline (Java's $ matches before it)
    v.add("ab\u2028");
    v.add(""); // empty
    v.add(String.join("", Collections.nCopies(10000, "A"))); // very long
    return List.copyOf(v);
  }

  /** A value for display in test names: control characters escaped, long values cut. */
  public static String label(String value) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < value.length() && i < 40; i++) {
      char c = value.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c <= 0xa0) || (c >= 0x2000 && c <= 0x206f) || c == 0xfeff) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    if (value.isEmpty()) return "(empty)";
    return value.length() > 40 ? sb + "...(" + value.length() + ")" : sb.toString();
  }

  /** {@code value} as a YAML double-quoted scalar (every character survives the round trip). */
  public static String yaml(String value) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') sb.append('\\').append(c);
      else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x2000 && c <= 0x206f) || c >= 0xfeff)
        sb.append(String.format("\\u%04x", (int) c));
      else sb.append(c);
    }
    return sb.append('"').toString();
  }
}
