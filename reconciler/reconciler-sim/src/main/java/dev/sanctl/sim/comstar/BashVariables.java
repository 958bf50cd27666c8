package dev.sanctl.sim.comstar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the variable assignments of a simple bash file as {@code stmf-ha} sources it: {@code
 * name=value} and {@code name=( word... )} (arrays may span lines), words unquoted, in single or
 * double quotes; {@code #} comments. Anything else (commands, expansions) is ignored, which is
 * enough for configuration files that only assign.
 */
final class BashVariables {
  private BashVariables() {}

  /** Variables by name; a scalar is a one-element list. */
  static Map<String, List<String>> parse(String text) {
    Map<String, List<String>> vars = new LinkedHashMap<>();
    List<String> words = words(text);
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      int eq = w.indexOf('=');
      if (eq <= 0 || !w.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) continue;
      String name = w.substring(0, eq);
      String rest = w.substring(eq + 1);
      if (rest.equals("\u0000(")) {
        List<String> values = new ArrayList<>();
        while (++i < words.size() && !words.get(i).equals("\u0000)")) values.add(words.get(i));
        vars.put(name, values);
      } else {
        vars.put(name, List.of(rest));
      }
    }
    return vars;
  }

  /** Shell words; unquoted parentheses become the marker words NUL( and NUL). */
  private static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '#' && !inWord) {
        while (i < text.length() && text.charAt(i) != '\n') i++;
        continue;
      }
      if (c == '\'' || c == '"') {
        int end = text.indexOf(c, i + 1);
        if (end < 0) end = text.length();
        w.append(text, i + 1, end);
        i = end;
        inWord = true;
      } else if (c == '\\' && i + 1 < text.length()) {
        w.append(text.charAt(++i));
        inWord = true;
      } else if (c == '(' || c == ')') {
        if (c == '(' && inWord && w.toString().endsWith("=")) {
          w.append("\u0000(");
          out.add(w.toString());
        } else {
          if (inWord) out.add(w.toString());
          out.add("\u0000" + c);
        }
        w.setLength(0);
        inWord = false;
      } else if (Character.isWhitespace(c) || c == ';') {
        if (inWord) out.add(w.toString());
        w.setLength(0);
        inWord = false;
      } else {
        w.append(c);
        inWord = true;
      }
    }
    if (inWord) out.add(w.toString());
    return out;
  }
}
