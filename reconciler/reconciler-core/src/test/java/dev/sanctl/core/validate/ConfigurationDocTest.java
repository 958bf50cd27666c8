package dev.sanctl.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * docs/configuration.md documents every field of the schema with its default: its reference part is
 * generated from the schema annotations and must match. Regenerate with {@code
 * -Dsanctl.updateDocs=true}.
 */
class ConfigurationDocTest {
  static final Path DOC = Path.of("../../docs/configuration.md").toAbsolutePath().normalize();
  static final String BEGIN = "<!-- BEGIN GENERATED REFERENCE (ConfigurationDocTest) -->\n";
  static final String END = "<!-- END GENERATED REFERENCE -->\n";

  @Test
  void referenceSectionMatchesTheSchema() throws Exception {
    String doc = Files.readString(DOC);
    int b = doc.indexOf(BEGIN);
    int e = doc.indexOf(END);
    assertTrue(b >= 0 && e > b, "markers missing in " + DOC);
    String generated = SchemaReference.markdown(SchemaValidator.schemaDocument());
    String current = doc.substring(b + BEGIN.length(), e);
    if (Boolean.getBoolean("sanctl.updateDocs") && !generated.equals(current)) {
      Files.writeString(DOC, doc.substring(0, b + BEGIN.length()) + generated + doc.substring(e));
      current = generated;
    }
    assertEquals(
        generated, current, "docs/configuration.md is stale: run with -Dsanctl.updateDocs=true");
  }

  @Test
  void everySchemaPropertyAppearsInTheDocumentation() throws Exception {
    String doc = Files.readString(DOC);
    List<String> undocumented = new ArrayList<>();
    collect(
        SchemaValidator.schemaDocument(), SchemaValidator.schemaDocument(), undocumented, doc, 0);
    assertEquals(List.of(), undocumented);
  }

  private static void collect(
      JsonNode root, JsonNode node, List<String> undocumented, String doc, int depth) {
    if (depth > 12) return;
    for (Map.Entry<String, JsonNode> p : node.path("properties").properties()) {
      if (!doc.contains("." + p.getKey() + "`") && !doc.contains("`" + p.getKey() + "`")) {
        undocumented.add(p.getKey());
      }
      collect(root, p.getValue(), undocumented, doc, depth + 1);
    }
    for (Map.Entry<String, JsonNode> d : node.path("$defs").properties()) {
      collect(root, d.getValue(), undocumented, doc, depth + 1);
    }
    for (String child : List.of("additionalProperties", "items")) {
      if (node.path(child).isObject()) collect(root, node.get(child), undocumented, doc, depth + 1);
    }
  }
}
