package dev.sanctl.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.model.SourceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class YamlFileReaderTest {
  private static List<String> problems(String yaml) {
    List<Diagnostic> diags = new ArrayList<>();
    Optional<ParsedFile> f = YamlFileReader.read("c.yaml", yaml, diags);
    assertTrue(f.isEmpty() || diags.isEmpty());
    return diags.stream().map(Diagnostic::render).toList();
  }

  @Test
  void positionsOfKeysAndValuesAreOneBased() {
    List<Diagnostic> diags = new ArrayList<>();
    ParsedFile f = YamlFileReader.read("c.yaml", "nodes:\n  n1: {address: x}\n", diags).get();
    YamlPath address = YamlPath.of("nodes", "n1", "address");
    assertEquals(new SourceRef("c.yaml", 2, 3), f.positions().key(YamlPath.of("nodes", "n1")));
    assertEquals(new SourceRef("c.yaml", 2, 8), f.positions().key(address));
    assertEquals(new SourceRef("c.yaml", 2, 17), f.positions().value(address));
  }

  @Test
  void yamlScalarsFollowTheCoreSchema() {
    List<Diagnostic> diags = new ArrayList<>();
    ParsedFile f =
        YamlFileReader.read("c.yaml", "a: on\nb: Yes\nc: true\nd: 0x10\ne: ~\nf: '8'\n", diags)
            .get();
    assertEquals(
        "{\"a\":\"on\",\"b\":\"Yes\",\"c\":true,\"d\":16,\"e\":null,\"f\":\"8\"}",
        f.root().toString());
  }

  @Test
  void mergeKeysAreExpandedByTheParser() {
    List<Diagnostic> diags = new ArrayList<>();
    ParsedFile f = YamlFileReader.read("c.yaml", "a: &x {b: 1}\nc: {<<: *x, d: 2}\n", diags).get();
    assertEquals("{\"a\":{\"b\":1},\"c\":{\"d\":2,\"b\":1}}", f.root().toString());
  }

  @Test
  void emptyFilesAreSkipped() {
    assertTrue(YamlFileReader.read("c.yaml", "# only a comment\n", new ArrayList<>()).isEmpty());
  }

  @Test
  void structuralProblemsAreDiagnostics() {
    assertEquals(
        List.of("c.yaml:1:10: an alias refers to a value that contains it"),
        problems("cluster: &c {name: x, self: *c}\n"));
    assertEquals(
        List.of(
            "c.yaml:1:1: the document is nested more than 64 levels deep (sanctl's format needs"
                + " far fewer levels; check the brackets and indentation)"),
        problems("a: " + "[".repeat(100) + "]".repeat(100) + "\n"));
    assertEquals(
        List.of("c.yaml:1:3: a map key must be a plain name, not a list"),
        problems("? [a, b]\n: 1\n"));
    assertEquals(
        List.of(
            "c.yaml:3:1: a second YAML document ('---') in one file (put each document in its"
                + " own file)"),
        problems("a: 1\n---\nb: 2\n"));
    assertEquals(
        List.of(
            "c.yaml:1:1: the file must be a map of sections (cluster:, nodes:, ...), not a list"),
        problems("- a\n- b\n"));
  }
}
