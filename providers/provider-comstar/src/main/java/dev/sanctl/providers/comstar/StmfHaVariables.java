package dev.sanctl.providers.comstar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables of a {@code stmf-ha.conf} as {@code stmf-ha start} reads them (the file is sourced
 * by bash): {@code name=( words )} arrays and {@code name=word} scalars (a one-element list), with
 * bash quoting ({@code '...'}, {@code "..."}, {@code \x}) and {@code #} comments. Anything else
 * (commands, expansions) is not interpreted.
 */
final class StmfHaVariables {
  private StmfHaVariables() {}

  /** The variables of {@code text}, in order of first assignment (a later assignment wins). */
  static Map<String, List<String>> parse(String text) {
    List<String> tokens = tokens(text);
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      int eq = t.indexOf('=');
      if (t == OPEN || t == CLOSE || eq <= 0 || !t.substring(0, eq).matches("[A-Za-z_]\\w*")) {
        continue;
      }
      String name = t.substring(0, eq);
      if (eq == t.length() - 1 && i + 1 < tokens.size() && tokens.get(i + 1) == OPEN) {
        List<String> values = new ArrayList<>();
        for (i += 2; i < tokens.size() && tokens.get(i) != CLOSE; i++) {
          if (tokens.get(i) != OPEN) values.add(tokens.get(i));
        }
        out.put(name, values);
      } else {
        out.put(name, List.of(t.substring(eq + 1)));
      }
    }
    return out;
  }

  private static final String OPEN = new String("(");
  private static final String CLOSE = new String(")");

  private static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder word = null;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '#' && word == null) {
        while (i < text.length() && text.charAt(i) != '\n') i++;
      } else if (Character.isWhitespace(ch) || ch == ';' || ch == '(' || ch == ')') {
        if (word != null) out.add(word.toString());
        word = null;
        if (ch == '(') out.add(OPEN);
        if (ch == ')') out.add(CLOSE);
      } else {
        if (word == null) word = new StringBuilder();
        if (ch == '\'') {
          int end = text.indexOf('\'', i + 1);
          if (end < 0) end = text.length();
          word.append(text, i + 1, end);
          i = end;
        } else if (ch == '"') {
          for (i++; i < text.length() && text.charAt(i) != '"'; i++) {
            char q = text.charAt(i);
            if (q == '\\' && i + 1 < text.length() && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
              q = text.charAt(++i);
            }
            word.append(q);
          }
        } else if (ch == '\\' && i + 1 < text.length()) {
          if (text.charAt(i + 1) != '\n') word.append(text.charAt(i + 1));
          i++;
        } else {
          word.append(ch);
        }
      }
    }
    if (word != null) out.add(word.toString());
    return out;
  }
}
