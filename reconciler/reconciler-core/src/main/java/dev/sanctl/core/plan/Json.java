package dev.sanctl.core.plan;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small deterministic JSON writer: maps are written with sorted keys, two-space indentation,
 * {@code \n} line ends. Values are maps, lists, strings, numbers, booleans and null.
 */
public final class Json {
  private Json() {}

  /** The pretty-printed document, ending with a newline. */
  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb, 0);
    return sb.append('\n').toString();
  }

  /** The document on one line (journal entries), keys sorted. */
  public static String writeLine(Object value) {
    return write(value).lines().map(String::strip).reduce("", (a, b) -> join(a, b));
  }

  private static String join(String a, String b) {
    if (a.isEmpty()) return b;
    char last = a.charAt(a.length() - 1);
    return a
        + (last == '{' || last == '[' || b.startsWith("}") || b.startsWith("]") ? "" : " ")
        + b;
  }

  private static void write(Object v, StringBuilder sb, int indent) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      quote(s, sb);
    } else if (v instanceof Number || v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        sb.append("{}");
        return;
      }
      Map<String, Object> sorted = new TreeMap<>();
      m.forEach((k, x) -> sorted.put(String.valueOf(k), x));
      sb.append("{\n");
      int i = 0;
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        pad(sb, indent + 1);
        quote(e.getKey(), sb);
        sb.append(": ");
        write(e.getValue(), sb, indent + 1);
        sb.append(++i < sorted.size() ? ",\n" : "\n");
      }
      pad(sb, indent);
      sb.append('}');
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append("[\n");
      for (int i = 0; i < l.size(); i++) {
        pad(sb, indent + 1);
        write(l.get(i), sb, indent + 1);
        sb.append(i + 1 < l.size() ? ",\n" : "\n");
      }
      pad(sb, indent);
      sb.append(']');
    } else {
      quote(v.toString(), sb);
    }
  }

  private static void pad(StringBuilder sb, int indent) {
    sb.append("  ".repeat(indent));
  }

  private static void quote(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    sb.append('"');
  }
}
