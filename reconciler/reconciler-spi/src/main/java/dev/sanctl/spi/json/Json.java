package dev.sanctl.spi.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * sanctl's one small JSON utility (no dependency): a deterministic writer ({@link #write}: maps
 * with sorted keys, two-space indentation, {@code \n} line ends; values are maps, lists, strings,
 * numbers, booleans and null), the one string escaper ({@link #quote}) for hand-built documents,
 * and a strict reader ({@link #parse}) for tools' JSON reports (lvm2 {@code --reportformat json}).
 */
public final class Json {
  private final String s;
  private int i;

  private Json(String s) {
    this.s = s;
  }

  /**
   * Parses one JSON document strictly: objects become {@link Map}s (key order kept), arrays {@link
   * List}s, strings {@link String}s, numbers {@link String}s as written, {@code true}/{@code false}
   * {@link Boolean}s and {@code null} null. Throws {@link IllegalArgumentException} with the
   * offset.
   */
  public static Object parse(String text) {
    Json j = new Json(text);
    Object v = j.value();
    j.skipSpace();
    if (j.i != text.length()) throw j.error("trailing characters");
    return v;
  }

  private Object value() {
    skipSpace();
    if (i >= s.length()) throw error("unexpected end");
    char c = s.charAt(i);
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> number();
    };
  }

  private Map<String, Object> object() {
    Map<String, Object> m = new LinkedHashMap<>();
    i++;
    skipSpace();
    if (peek() == '}') {
      i++;
      return m;
    }
    while (true) {
      skipSpace();
      if (peek() != '"') throw error("expected a key");
      String k = string();
      skipSpace();
      expect(':');
      m.put(k, value());
      skipSpace();
      char c = next();
      if (c == '}') return m;
      if (c != ',') throw error("expected , or }");
    }
  }

  private List<Object> array() {
    List<Object> l = new ArrayList<>();
    i++;
    skipSpace();
    if (peek() == ']') {
      i++;
      return l;
    }
    while (true) {
      l.add(value());
      skipSpace();
      char c = next();
      if (c == ']') return l;
      if (c != ',') throw error("expected , or ]");
    }
  }

  private String string() {
    expect('"');
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') return sb.toString();
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'u' -> {
          if (i + 4 > s.length()) throw error("bad \\u escape");
          sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
          i += 4;
        }
        default -> sb.append(e);
      }
    }
  }

  private String number() {
    int start = i;
    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
    if (start == i) throw error("unexpected character '" + s.charAt(i) + "'");
    return s.substring(start, i);
  }

  private Object literal(String word, Object value) {
    if (!s.startsWith(word, i)) throw error("expected " + word);
    i += word.length();
    return value;
  }

  private void skipSpace() {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
  }

  private char peek() {
    if (i >= s.length()) throw error("unexpected end");
    return s.charAt(i);
  }

  private char next() {
    char c = peek();
    i++;
    return c;
  }

  private void expect(char c) {
    if (next() != c) throw error("expected '" + c + "'");
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at offset " + i);
  }

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

  /**
   * {@code s} as a JSON string literal: {@code "}, {@code \\}, {@code \n}, {@code \r}, {@code \t}
   * and the other control characters ({@code \\u00xx}) escaped; null is {@code null}.
   */
  public static String quote(String s) {
    if (s == null) return "null";
    StringBuilder sb = new StringBuilder();
    quote(s, sb);
    return sb.toString();
  }

  /** Appends {@code s} as a JSON string literal ({@link #quote(String)}). */
  public static void quote(String s, StringBuilder sb) {
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
