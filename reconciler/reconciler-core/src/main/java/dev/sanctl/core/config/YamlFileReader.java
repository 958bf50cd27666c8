package dev.sanctl.core.config;

import dev.sanctl.core.validate.Shown;
import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.model.SourceRef;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one YAML file into a JSON tree (for the schema) with positions (for diagnostics). YAML
 * syntax errors, tabs, duplicate keys, several documents, aliases that loop or explode, and
 * non-string keys become diagnostics; nothing here throws for any input.
 */
public final class YamlFileReader {
  static final int MAX_NODES = 200_000;
  static final int MAX_DEPTH = 64;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** The resolver of the schema below; it holds no state between calls. */
  private static final CoreSchemaFastPath.Resolver PLAIN_RESOLVER =
      new CoreSchemaFastPath.Resolver();

  private final String file;
  private final List<Diagnostic> diagnostics;
  private final Positions positions = new Positions();
  private final IdentityHashMap<Node, Boolean> inProgress = new IdentityHashMap<>();
  private int nodeCount;

  private YamlFileReader(String file, List<Diagnostic> diagnostics) {
    this.file = file;
    this.diagnostics = diagnostics;
  }

  /**
   * Parses {@code text}; returns the file, or empty when it is empty (no document) or broken (then
   * diagnostics were added).
   */
  public static Optional<ParsedFile> read(String file, String text, List<Diagnostic> diagnostics) {
    return new YamlFileReader(file, diagnostics).read(text);
  }

  /**
   * As {@link #read(String, String, List)}, always with snakeyaml-engine (never with {@link
   * PlainYamlReader}): the reference the fast path is compared with.
   */
  static Optional<ParsedFile> readWithSnakeyaml(
      String file, String text, List<Diagnostic> diagnostics) {
    YamlFileReader reader = new YamlFileReader(file, diagnostics);
    return reader.fromSnakeyaml(reader.composeWithSnakeyaml(text));
  }

  /** The plain subset is composed by {@link PlainYamlReader}, anything else by snakeyaml-engine. */
  private Optional<ParsedFile> read(String text) {
    Node plain = PlainYamlReader.read(file, text, PLAIN_RESOLVER);
    return plain != null ? build(plain) : fromSnakeyaml(composeWithSnakeyaml(text));
  }

  /** The document composed by snakeyaml-engine, or empty (then diagnostics were added if any). */
  private Optional<Node> composeWithSnakeyaml(String text) {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file)
            .setAllowDuplicateKeys(true)
            .setMaxAliasesForCollections(50)
            .setCodePointLimit(8 * 1024 * 1024)
            .setAllowNonScalarKeys(true)
            .setSchema(new CoreSchemaFastPath())
            .build();
    try {
      Iterator<Node> docs = new Compose(settings).composeAllFromString(text).iterator();
      if (!docs.hasNext()) return Optional.empty();
      Node document = docs.next();
      if (docs.hasNext()) {
        Node second = docs.next();
        error(
            at(second.getStartMark()),
            "a second YAML document ('---') in one file",
            "put each document in its own file");
        return Optional.empty();
      }
      return Optional.of(document);
    } catch (MarkedYamlEngineException e) {
      diagnostics.add(YamlSyntaxMessages.of(file, e));
      return Optional.empty();
    } catch (YamlEngineException e) {
      error(new SourceRef(file, 1, 1), YamlSyntaxMessages.unmarked(e), null);
      return Optional.empty();
    } catch (RuntimeException | StackOverflowError e) {
      error(new SourceRef(file, 1, 1), "the file cannot be read as YAML", null);
      return Optional.empty();
    }
  }

  private Optional<ParsedFile> fromSnakeyaml(Optional<Node> composed) {
    if (composed.isEmpty()) return Optional.empty();
    Node document = composed.get();
    if (document instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
      return Optional.empty();
    }
    if (!(document instanceof MappingNode)) {
      error(
          at(document.getStartMark()),
          "the file must be a map of sections (cluster:, nodes:, ...), not " + kind(document),
          null);
      return Optional.empty();
    }
    return build(document);
  }

  /** The file of a composed document that is a map, converted and checked. */
  private Optional<ParsedFile> build(Node document) {
    int before = diagnostics.size();
    JsonNode root;
    try {
      root = convert(document, YamlPath.ROOT, 0);
    } catch (TooLarge e) {
      error(at(document.getStartMark()), e.getMessage(), e.hint);
      return Optional.empty();
    }
    if (diagnostics.size() > before) return Optional.empty();
    return Optional.of(new ParsedFile(file, (ObjectNode) root, positions));
  }

  private JsonNode convert(Node node, YamlPath path, int depth) {
    if (++nodeCount > MAX_NODES || depth > MAX_DEPTH) {
      throw depth > MAX_DEPTH
          ? new TooLarge(
              "the document is nested more than " + MAX_DEPTH + " levels deep",
              "sanctl's format needs far fewer levels; check the brackets and indentation")
          : new TooLarge(
              "the document expands to more than " + MAX_NODES + " values",
              "write the values out instead of repeating aliases, or split the file");
    }
    positions.putValue(path, at(node.getStartMark()));
    if (inProgress.containsKey(node)) {
      error(at(node.getStartMark()), "an alias refers to a value that contains it", null);
      return JSON.nullNode();
    }
    if (node instanceof ScalarNode s) return scalar(s);
    inProgress.put(node, Boolean.TRUE);
    try {
      if (node instanceof SequenceNode seq) {
        ArrayNode array = JSON.arrayNode();
        int i = 0;
        for (Node item : seq.getValue()) {
          array.add(convert(item, path.index(i++), depth + 1));
        }
        return array;
      }
      MappingNode map = (MappingNode) node;
      ObjectNode object = JSON.objectNode();
      Map<String, SourceRef> seen = new HashMap<>();
      for (NodeTuple t : map.getValue()) {
        Node k = t.getKeyNode();
        SourceRef keyRef = at(k.getStartMark());
        if (!(k instanceof ScalarNode ks)) {
          error(keyRef, "a map key must be a plain name, not " + kind(k), null);
          continue;
        }
        if (ks.getTag().equals(Tag.MERGE)) {
          error(keyRef, "YAML merge keys ('<<') are not supported", "write the keys out");
          continue;
        }
        String key = ks.getValue();
        SourceRef first = seen.putIfAbsent(key, keyRef);
        if (first != null) {
          error(
              keyRef,
              "duplicate key '"
                  + Shown.value(key)
                  + "' (first defined at line "
                  + first.line()
                  + ")",
              "remove one of them or merge their contents");
          continue;
        }
        YamlPath child = path.key(key);
        positions.putKey(child, keyRef);
        object.set(key, convert(t.getValueNode(), child, depth + 1));
      }
      return object;
    } finally {
      inProgress.remove(node);
    }
  }

  private static JsonNode scalar(ScalarNode s) {
    Tag tag = s.getTag();
    String v = s.getValue();
    try {
      if (tag.equals(Tag.NULL)) return JSON.nullNode();
      if (tag.equals(Tag.BOOL)) return JSON.booleanNode(v.equalsIgnoreCase("true"));
      if (tag.equals(Tag.INT)) return integer(v);
      if (tag.equals(Tag.FLOAT)) return JSON.numberNode(Double.parseDouble(v));
    } catch (NumberFormatException e) {
      return JSON.stringNode(v);
    }
    return JSON.stringNode(v);
  }

  private static JsonNode integer(String v) {
    String digits = v.startsWith("+") ? v.substring(1) : v;
    int radix = 10;
    if (digits.startsWith("0x")) {
      radix = 16;
      digits = digits.substring(2);
    } else if (digits.startsWith("0o")) {
      radix = 8;
      digits = digits.substring(2);
    }
    java.math.BigInteger b = new java.math.BigInteger(digits, radix);
    return b.bitLength() < 64 ? JSON.numberNode(b.longValue()) : JSON.numberNode(b);
  }

  static String kind(Node n) {
    if (n instanceof MappingNode) return "a map";
    if (n instanceof SequenceNode) return "a list";
    if (n instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) return "an empty value";
    return "a single value";
  }

  private SourceRef at(Optional<Mark> mark) {
    if (mark.isEmpty()) return new SourceRef(file, 1, 1);
    Mark m = mark.get();
    return new SourceRef(file, m.getLine() + 1, m.getColumn() + 1);
  }

  private void error(SourceRef at, String message, String hint) {
    diagnostics.add(Diagnostic.error(at, message, hint));
  }

  private static final class TooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final String hint;

    TooLarge(String message, String hint) {
      super(message, null, false, false);
      this.hint = hint;
    }
  }
}
