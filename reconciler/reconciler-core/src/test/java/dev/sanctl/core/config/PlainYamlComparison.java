package dev.sanctl.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sanctl.spi.diag.Diagnostic;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads a text with {@link YamlFileReader#read} (which tries {@link PlainYamlReader} first) and
 * with snakeyaml-engine alone, and asserts that both give the same file: the same JSON tree with
 * the same node classes and field order, every written position of a value and of a key, and the
 * same diagnostics.
 */
final class PlainYamlComparison {
  private PlainYamlComparison() {}

  /** True when the plain reader took the text (and then matched), false when it declined. */
  static boolean compare(String file, String text) {
    boolean handled = PlainYamlReader.read(file, text, new CoreSchemaFastPath.Resolver()) != null;
    List<Diagnostic> fastDiagnostics = new ArrayList<>();
    Optional<ParsedFile> fast = YamlFileReader.read(file, text, fastDiagnostics);
    List<Diagnostic> refDiagnostics = new ArrayList<>();
    Optional<ParsedFile> ref = YamlFileReader.readWithSnakeyaml(file, text, refDiagnostics);
    String context = file + " (" + (handled ? "plain reader" : "declined") + "):\n" + text;
    assertEquals(refDiagnostics, fastDiagnostics, context);
    assertEquals(ref.isPresent(), fast.isPresent(), context);
    if (ref.isPresent()) {
      ParsedFile a = ref.get();
      ParsedFile b = fast.get();
      assertEquals(a.file(), b.file(), context);
      assertEquals(a.root(), b.root(), context);
      assertEquals(a.root().toString(), b.root().toString(), context);
      sameNodeClasses(a.root(), b.root(), context);
      assertEquals(a.positions().writtenValues(), b.positions().writtenValues(), context);
      assertEquals(a.positions().writtenKeys(), b.positions().writtenKeys(), context);
    }
    return handled;
  }

  private static void sameNodeClasses(JsonNode a, JsonNode b, String context) {
    assertEquals(a.getClass(), b.getClass(), context);
    if (a.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> ia = a.properties().iterator();
      Iterator<Map.Entry<String, JsonNode>> ib = b.properties().iterator();
      while (ia.hasNext()) {
        Map.Entry<String, JsonNode> ea = ia.next();
        Map.Entry<String, JsonNode> eb = ib.next();
        assertEquals(ea.getKey(), eb.getKey(), context);
        sameNodeClasses(ea.getValue(), eb.getValue(), context);
      }
    } else if (a.isArray()) {
      for (int i = 0; i < a.size(); i++) sameNodeClasses(a.get(i), b.get(i), context);
    }
  }
}
