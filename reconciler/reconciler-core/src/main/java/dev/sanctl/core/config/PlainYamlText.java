package dev.sanctl.core.config;

import java.util.Optional;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;

/**
 * The text under {@link PlainYamlReader}: its lines, one at a time, the scalars on a line with the
 * marks snakeyaml-engine gives them, and {@link Decline} for anything outside the plain subset.
 */
abstract class PlainYamlText {
  /** Above {@link YamlFileReader#MAX_DEPTH}, so that its error is still the one of both paths. */
  static final int MAX_NESTING = YamlFileReader.MAX_DEPTH + 6;

  static final String NOT_FIRST = "-?:,[]{}#&*!|>'\"%@`<";
  private static final int[] NO_CODE_POINTS = new int[0];

  final String file;
  final String text;
  private final ScalarResolver resolver;
  int lineStart; // index of the current line's first character
  int lineEnd = -1; // index of the current line's '\n' or the text's end
  int line = -1; // 0-based number of the current line
  int indent; // column of the current line's first character, -1 at the end of the text
  int pos; // cursor on the current line
  private int depth;

  PlainYamlText(String file, String text, ScalarResolver resolver) {
    this.file = file;
    this.text = text;
    this.resolver = resolver;
  }

  static boolean plainCharacters(String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c >= ' ' ? c > '~' && !printableInOneChar(c) : c != '\n') return false;
    }
    return true;
  }

  /**
   * A printable character of the basic plane other than a line break or the byte order mark: one
   * character, one code point, so that columns count characters as snakeyaml-engine counts code
   * points.
   */
  static boolean printableInOneChar(char c) {
    return (c >= 0xA0 && c <= 0xD7FF && c != 0x2028 && c != 0x2029)
        || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);
  }

  /** Moves to the next line that holds more than spaces and a comment. */
  void nextContentLine() {
    int n = text.length();
    while (lineEnd < n) {
      lineStart = lineEnd + 1;
      line++;
      int end = text.indexOf('\n', lineStart);
      lineEnd = end < 0 ? n : end;
      int i = lineStart;
      while (i < lineEnd && text.charAt(i) == ' ') i++;
      if (i == lineEnd || text.charAt(i) == '#') continue;
      indent = i - lineStart;
      if (indent == 0 && (text.startsWith("---", i) || text.startsWith("...", i))) {
        throw Decline.INSTANCE;
      }
      return;
    }
    indent = -1;
  }

  /** Whether the current line's content is a list entry ({@code -} and a space or the end). */
  boolean entryLine() {
    return entryAt(lineStart + indent);
  }

  boolean entryAt(int i) {
    return text.charAt(i) == '-' && (i + 1 == lineEnd || text.charAt(i + 1) == ' ');
  }

  /** One of {@code ,[]{}}. */
  static boolean flowIndicator(char c) {
    return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
  }

  /** A character that ends a plain key in a flow map (or makes it one outside the subset). */
  static boolean endsFlowKey(char c) {
    return c == ':' || c == ' ' || c == '#' || c == '\'' || c == '"' || flowIndicator(c);
  }

  /** Declines unless a plain scalar of the subset starts at {@code i}. */
  void plainStart(int i) {
    char c = text.charAt(i);
    if (c == '-') {
      if (i + 1 == lineEnd || " #,[]{}".indexOf(text.charAt(i + 1)) >= 0) throw Decline.INSTANCE;
    } else if (NOT_FIRST.indexOf(c) >= 0) {
      throw Decline.INSTANCE;
    }
  }

  /** A quoted scalar on the current line at {@code pos}; single quotes double to escape. */
  Node quoted(char quote) {
    int open = pos;
    int close = closingQuote(open);
    if (close < 0) throw Decline.INSTANCE;
    pos = close + 1;
    String value = text.substring(open + 1, close);
    if (quote == '"') return scalar(value, mark(open), ScalarStyle.DOUBLE_QUOTED, false);
    return scalar(value.replace("''", "'"), mark(open), ScalarStyle.SINGLE_QUOTED, false);
  }

  /**
   * The index of the quote that closes the quoted scalar at {@code open} on this line, or -1 when
   * it does not close on this line or holds a backslash (double quotes).
   */
  int closingQuote(int open) {
    char quote = text.charAt(open);
    for (int i = open + 1; i < lineEnd; i++) {
      char c = text.charAt(i);
      if (c == '\\' && quote == '"') return -1;
      if (c == quote) {
        if (quote == '"' || i + 1 == lineEnd || text.charAt(i + 1) != '\'') return i;
        i++;
      }
    }
    return -1;
  }

  int skipSpaces(int i) {
    while (i < lineEnd && text.charAt(i) == ' ') i++;
    return i;
  }

  /** Counts one more level of nesting; declines beyond {@link #MAX_NESTING}. */
  void enter() {
    if (++depth > MAX_NESTING) throw Decline.INSTANCE;
  }

  void leave() {
    depth--;
  }

  ScalarNode scalar(String value, Optional<Mark> mark, ScalarStyle style, boolean plain) {
    Tag tag = resolver.resolve(value, plain);
    return new ScalarNode(tag, true, value, style, mark, Optional.empty());
  }

  Optional<Mark> mark(int index) {
    return Optional.of(new Mark(file, index, line, index - lineStart, NO_CODE_POINTS, 0));
  }

  /** The text is outside the subset. */
  static final class Decline extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Decline INSTANCE = new Decline();

    private Decline() {
      super("outside the plain subset", null, false, false);
    }
  }
}
