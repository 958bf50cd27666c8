package dev.sanctl.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;

/**
 * Composes the plain subset of YAML that sanctl configurations are written in into the same node
 * graph as snakeyaml-engine's composer (same tags, values and start marks of every node), several
 * times faster; {@link YamlFileReader} converts either graph the same way.
 *
 * <p>The contract is <em>exactly or decline</em>: for a text inside the subset the graph is the one
 * snakeyaml-engine composes with the settings of {@link YamlFileReader} (checked by {@code
 * PlainYamlReaderDifferentialTest} and {@code PlainYamlReaderPropertyTest}); for any other text
 * {@link #read} returns null and the caller runs snakeyaml-engine, which gives the answer or the
 * error message. Declining is always safe.
 *
 * <p>The subset: printable ASCII, {@code \n} and the printable characters of the basic plane except
 * line breaks and the BOM (no tab, {@code \r}, DEL, other control character or surrogate: a column
 * is then one character, as snakeyaml-engine counts code points), at most {@link #MAX_CHARS}
 * characters; one document whose root is a block map, no {@code ---} or {@code ...} line; block
 * maps and block lists nested by indentation, lists also at the indentation of their key, and
 * {@code - key: value} maps in list items; keys plain (without spaces, {@code #} or flow
 * indicators, not starting with an indicator or {@code <}) or quoted, on one line, followed by
 * {@code ": "} or {@code :} at the end of the line; values are one-line plain scalars (never
 * holding {@code ": "} or ending in {@code :}), single-quoted and double-quoted scalars on one line
 * (double quotes without backslash), empty values (null), and flow lists and maps of those, which
 * may continue on lines indented more than their block collection after an opening bracket or a
 * comma (no empty entry, no trailing comma, keys followed by {@code ": "}); comments on their own
 * lines and after a space. Everything else is declined: anchors, aliases, tags, directives, {@code
 * ?} keys, block scalars, multi-line scalars, escapes, nesting deeper than {@link #MAX_NESTING}.
 */
final class PlainYamlReader extends PlainYamlText {
  /** Well below snakeyaml-engine's code point limit in {@link YamlFileReader}. */
  static final int MAX_CHARS = 4 * 1024 * 1024;

  /** Below snakeyaml-engine's 1024 characters for a simple key. */
  private static final int MAX_KEY = 1000;

  private int flowFloor; // the lines of a flow collection are indented more than this

  private PlainYamlReader(String file, String text, ScalarResolver resolver) {
    super(file, text, resolver);
  }

  /** The root map of {@code text}, or null when {@code text} is outside the subset. */
  static MappingNode read(String file, String text, ScalarResolver resolver) {
    if (text.length() > MAX_CHARS || !plainCharacters(text)) return null;
    try {
      return new PlainYamlReader(file, text, resolver).document();
    } catch (Decline e) {
      return null;
    }
  }

  private MappingNode document() {
    nextContentLine();
    if (indent < 0 || entryLine()) throw Decline.INSTANCE;
    MappingNode root = mapping(indent);
    if (indent >= 0) throw Decline.INSTANCE;
    return root;
  }

  /** The block collection whose first entry or key starts the current line. */
  private Node block() {
    return entryLine() ? sequence(indent, false) : mapping(indent);
  }

  /** A block map whose first key is at {@code column} of the current line. */
  private MappingNode mapping(int column) {
    enter();
    List<NodeTuple> tuples = new ArrayList<>();
    Optional<Mark> start = mark(lineStart + column);
    int keyStart = lineStart + column;
    while (true) {
      int colon = keyEnd(keyStart);
      if (colon < 0) throw Decline.INSTANCE;
      Node key = key(keyStart, colon);
      Node value;
      int after = skipSpaces(colon + 1);
      if (after == lineEnd || text.charAt(after) == '#') {
        Optional<Mark> empty = mark(colon + 1);
        nextContentLine();
        if (indent > column) {
          value = block();
        } else if (indent == column && entryLine()) {
          value = sequence(column, true);
        } else {
          value = scalar("", empty, ScalarStyle.PLAIN, true);
        }
      } else {
        value = inlineValue(after, column);
        nextContentLine();
      }
      tuples.add(new NodeTuple(key, value));
      if (indent < column) break;
      if (indent > column || entryLine()) throw Decline.INSTANCE;
      keyStart = lineStart + column;
    }
    leave();
    return new MappingNode(Tag.MAP, true, tuples, FlowStyle.BLOCK, start, Optional.empty());
  }

  /**
   * A block list whose first {@code -} is at {@code column} of the current line; {@code indentless}
   * when it is at the column of the key whose value it is.
   */
  private SequenceNode sequence(int column, boolean indentless) {
    enter();
    List<Node> items = new ArrayList<>();
    Optional<Mark> start = mark(lineStart + column);
    while (true) {
      int dash = lineStart + column;
      int content = skipSpaces(dash + 1);
      if (content == lineEnd || text.charAt(content) == '#') {
        Optional<Mark> empty = mark(dash + 1);
        nextContentLine();
        items.add(indent > column ? block() : scalar("", empty, ScalarStyle.PLAIN, true));
      } else if (entryAt(content)) {
        throw Decline.INSTANCE;
      } else if (keyEnd(content) >= 0) {
        items.add(mapping(content - lineStart));
      } else {
        items.add(inlineValue(content, column));
        nextContentLine();
      }
      if (indent < column || (indentless && indent == column && !entryLine())) break;
      if (indent > column || !entryLine()) throw Decline.INSTANCE;
    }
    leave();
    return new SequenceNode(Tag.SEQ, true, items, FlowStyle.BLOCK, start, Optional.empty());
  }

  /**
   * The index of the {@code :} that ends the plain key starting at {@code i}, or -1 when a plain
   * scalar starting there is no key (or no plain scalar starts there).
   */
  private int keyEnd(int i) {
    char first = text.charAt(i);
    if (first == '[' || first == '{') return -1;
    if (first == '\'' || first == '"') {
      int close = closingQuote(i);
      int j = close + 1;
      boolean colon = close > 0 && j < lineEnd && text.charAt(j) == ':';
      return colon && (j + 1 == lineEnd || text.charAt(j + 1) == ' ') ? j : -1;
    }
    for (int j = i; j < lineEnd; j++) {
      char c = text.charAt(j);
      if (c == ':' && (j + 1 == lineEnd || text.charAt(j + 1) == ' ')) return j;
      if (c == ' ' && j + 1 < lineEnd && text.charAt(j + 1) == '#') return -1;
    }
    return -1;
  }

  /** The key from {@code from} to the {@code :} at {@code to}, plain or quoted. */
  private Node key(int from, int to) {
    if (to - from > MAX_KEY) throw Decline.INSTANCE;
    char c = text.charAt(from);
    if (c != '\'' && c != '"') return plainKey(from, to);
    pos = from;
    return quoted(c);
  }

  private Node plainKey(int from, int to) {
    if (to == from || to - from > MAX_KEY || NOT_FIRST.indexOf(text.charAt(from)) >= 0) {
      throw Decline.INSTANCE;
    }
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '#' || flowIndicator(c)) throw Decline.INSTANCE;
    }
    return scalar(text.substring(from, to), mark(from), ScalarStyle.PLAIN, true);
  }

  /**
   * A value that starts at {@code i} and ends the current line, or for a flow collection, a later
   * line; the lines a flow collection continues on are indented more than {@code column}, the
   * column of the block collection that holds it.
   */
  private Node inlineValue(int i, int column) {
    char c = text.charAt(i);
    Node value;
    if (c == '[' || c == '{' || c == '\'' || c == '"') {
      pos = i;
      flowFloor = column;
      value = flowNode();
      int end = skipSpaces(pos);
      if (end != lineEnd && (end == pos || text.charAt(end) != '#')) throw Decline.INSTANCE;
      return value;
    }
    plainStart(i);
    int j = i;
    while (j < lineEnd) {
      c = text.charAt(j);
      if (c == ':' && (j + 1 == lineEnd || text.charAt(j + 1) == ' ')) throw Decline.INSTANCE;
      if (c == ' ' && j + 1 < lineEnd && text.charAt(j + 1) == '#') break;
      j++;
    }
    while (text.charAt(j - 1) == ' ') j--;
    return scalar(text.substring(i, j), mark(i), ScalarStyle.PLAIN, true);
  }

  /** The flow node at {@code pos}, on the current line; {@code pos} ends after it. */
  private Node flowNode() {
    char c = text.charAt(pos);
    if (c == '[') return flowSequence();
    if (c == '{') return flowMapping();
    if (c == '\'' || c == '"') return quoted(c);
    return flowPlain();
  }

  private SequenceNode flowSequence() {
    enter();
    Optional<Mark> start = mark(pos);
    List<Node> items = new ArrayList<>();
    pos = flowBreak(pos + 1);
    if (text.charAt(pos) != ']') {
      while (true) {
        items.add(flowNode());
        if (!flowSeparator(']')) break;
      }
    }
    pos++;
    leave();
    return new SequenceNode(Tag.SEQ, true, items, FlowStyle.FLOW, start, Optional.empty());
  }

  private MappingNode flowMapping() {
    enter();
    Optional<Mark> start = mark(pos);
    List<NodeTuple> tuples = new ArrayList<>();
    pos = flowBreak(pos + 1);
    if (text.charAt(pos) != '}') {
      while (true) {
        int from = pos;
        Node key;
        char first = text.charAt(from);
        if (first == '\'' || first == '"') {
          key = quoted(first);
          if (pos - from > MAX_KEY) throw Decline.INSTANCE;
        } else {
          while (pos < lineEnd && !endsFlowKey(text.charAt(pos))) pos++;
          key = null;
        }
        if (pos + 1 >= lineEnd || text.charAt(pos) != ':' || text.charAt(pos + 1) != ' ') {
          throw Decline.INSTANCE;
        }
        if (key == null) key = plainKey(from, pos);
        pos = flowSpaces(pos + 2);
        if (text.charAt(pos) == ',' || text.charAt(pos) == '}') throw Decline.INSTANCE;
        tuples.add(new NodeTuple(key, flowNode()));
        if (!flowSeparator('}')) break;
      }
    }
    pos++;
    leave();
    return new MappingNode(Tag.MAP, true, tuples, FlowStyle.FLOW, start, Optional.empty());
  }

  /**
   * After an entry: true at a {@code ,} followed by another entry, false at {@code close} (then at
   * {@code pos}); declines on anything else.
   */
  private boolean flowSeparator(char close) {
    pos = flowSpaces(pos);
    char c = text.charAt(pos);
    if (c == close) return false;
    if (c != ',') throw Decline.INSTANCE;
    pos = flowBreak(pos + 1);
    char next = text.charAt(pos);
    if (flowIndicator(next) && next != '[' && next != '{') {
      throw Decline.INSTANCE;
    }
    return true;
  }

  private Node flowPlain() {
    int i = pos;
    plainStart(i);
    int j = i;
    while (true) {
      if (j == lineEnd) throw Decline.INSTANCE;
      char c = text.charAt(j);
      if (flowIndicator(c)) break;
      if (c == ':') {
        if (j + 1 == lineEnd || text.charAt(j + 1) == ' ' || flowIndicator(text.charAt(j + 1))) {
          throw Decline.INSTANCE;
        }
      } else if (c == ' ' && j + 1 < lineEnd && text.charAt(j + 1) == '#') {
        throw Decline.INSTANCE;
      }
      j++;
    }
    if (text.charAt(j) == '[' || text.charAt(j) == '{') throw Decline.INSTANCE;
    pos = j;
    while (text.charAt(j - 1) == ' ') j--;
    return scalar(text.substring(i, j), mark(i), ScalarStyle.PLAIN, true);
  }

  /** Skips spaces inside a flow collection, which must not end on this line. */
  private int flowSpaces(int i) {
    i = skipSpaces(i);
    if (i == lineEnd) throw Decline.INSTANCE;
    return i;
  }

  /**
   * Skips spaces after an opening bracket or a comma, then a comment after a space, the end of the
   * line and blank and comment lines; the next line must be indented more than {@link #flowFloor}.
   */
  private int flowBreak(int i) {
    int j = skipSpaces(i);
    if (j < lineEnd && (text.charAt(j) != '#' || j == i)) return j;
    nextContentLine();
    if (indent <= flowFloor) throw Decline.INSTANCE;
    return lineStart + indent;
  }
}
