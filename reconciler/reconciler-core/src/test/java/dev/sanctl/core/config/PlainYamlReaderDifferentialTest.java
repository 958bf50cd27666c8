package dev.sanctl.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.spi.diag.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PlainYamlReader} against snakeyaml-engine on every YAML file of the repository (examples,
 * fixtures with the invalid-config corpus, the test resources of reconciler-core and
 * reconciler-cli) and on a 5,000-target estate of {@code bench/estate-gen.sh}: declined, or the
 * same tree, positions and diagnostics ({@link PlainYamlComparison}). The examples and the estate
 * must not be declined.
 */
class PlainYamlReaderDifferentialTest {
  private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();

  @Test
  void everyYamlFileOfTheRepositoryReadsTheSameOrIsDeclined() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String dir :
        List.of(
            "examples",
            "fixtures",
            "reconciler/reconciler-core/src/test/resources",
            "reconciler/reconciler-cli/src/test/resources")) {
      try (Stream<Path> s = Files.walk(REPO.resolve(dir))) {
        s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
            .sorted()
            .forEach(files::add);
      }
    }
    assertTrue(files.size() > 300, "found " + files.size() + " files");
    List<String> declinedExamples = new ArrayList<>();
    int handled = 0;
    for (Path p : files) {
      String text = Files.readString(p, StandardCharsets.UTF_8);
      String name = REPO.relativize(p).toString();
      boolean plain = PlainYamlComparison.compare(name, text);
      if (plain) handled++;
      if (!plain && name.startsWith("examples/")) declinedExamples.add(name);
    }
    assertEquals(List.of(), declinedExamples, "examples outside the plain subset");
    assertTrue(handled > files.size() / 2, handled + " of " + files.size() + " read plainly");
  }

  @Test
  void aGeneratedEstateOf5000TargetsReadsTheSameAndIsNotDeclined(@TempDir Path dir)
      throws IOException, InterruptedException {
    Process gen =
        new ProcessBuilder(
                "bash", REPO.resolve("bench/estate-gen.sh").toString(), dir.toString(), "5000", "8")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertEquals(0, gen.waitFor());
    for (String f : List.of("cluster.yaml", "lvm.yaml", "iscsi.yaml")) {
      String text = Files.readString(dir.resolve(f), StandardCharsets.UTF_8);
      assertTrue(PlainYamlComparison.compare(f, text), f + " declined");
    }
  }

  @Test
  void textsOutsideTheSubsetAreDeclined() {
    for (String text :
        List.of(
            "",
            "# comment only\n",
            "- a\n",
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "a: |\n  x\n",
            "a: b\n  c\n",
            "a: 1\r\n",
            "a:\t1\n",
            "a: \"x\\ty\"\n",
            "? a\n: b\n",
            "'a' : b\n",
            "a: [b\n  , c]\n",
            "a: [b,\nc]\n",
            "---\na: 1\n",
            "a: 1\n...\n",
            "<<: {a: 1}\n",
            "a: \uD83D\uDE00\n",
            "\uFEFFa: 1\n",
            "a: b\u2028c\n")) {
      assertFalse(
          PlainYamlReader.read("c.yaml", text, new CoreSchemaFastPath.Resolver()) != null, text);
      PlainYamlComparison.compare("c.yaml", text);
    }
  }

  /**
   * The checks of {@link YamlFileReader} after composing run on the plain reader's graph too: the
   * same duplicate-key, depth and size diagnostics, at the same positions.
   */
  @Test
  void duplicateKeysAndLimitsGiveTheSameDiagnostics() {
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < 66; i++) deep.append(" ".repeat(i)).append("k").append(i).append(":\n");
    StringBuilder deepFlow = new StringBuilder("a: ");
    deepFlow.append("[".repeat(66)).append("]".repeat(66)).append('\n');
    StringBuilder many = new StringBuilder("a: [");
    for (int i = 0; i <= YamlFileReader.MAX_NODES; i++) many.append(i == 0 ? "" : ", ").append(i);
    many.append("]\n");
    for (String text :
        List.of(
            "a: 1\nb: 2\na: 3\n",
            "a: {b: 1, c: 2, b: 3}\n",
            "a:\n- {x: 1, x: 2}\n- y: 1\n  y: [2]\n",
            "'a': 1\n\"a\": 2\na: 3\n",
            deep.toString(),
            deepFlow.toString(),
            many.toString())) {
      assertTrue(PlainYamlComparison.compare("c.yaml", text), text);
      List<Diagnostic> diagnostics = new ArrayList<>();
      assertTrue(YamlFileReader.read("c.yaml", text, diagnostics).isEmpty(), text);
      assertFalse(diagnostics.isEmpty(), text);
    }
  }

  @Test
  void emptyValuesQuotedKeysAndFlowCollectionsOverSeveralLinesReadTheSame() {
    for (String text :
        List.of(
            "a:\nb: 1\n",
            "a:   # c\nb:\n",
            "a:",
            "a:\n- \n-\n- x\nb: {c: d}\n",
            "a:\n  - b:\n    - c\n    d:\n  -\n    e: 1\n",
            "a: [b, {c: d, e: [f, 'g''h', \"i\"]}, []]\nb: {}\n",
            "'a': {'b': c, \"d\": ''}\n\"e\": [f,  # g\n\n   h, {i: j,\n # k\n     l: m}]\n")) {
      assertTrue(PlainYamlComparison.compare("c.yaml", text), text);
    }
  }
}
