package dev.sanctl.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.spi.diag.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class YamlFilesTest {
  private static String targets(int n) {
    StringBuilder sb = new StringBuilder("targets:\n");
    for (int i = 0; i < n; i++) {
      sb.append("  - {volume: vg0/lv").append(i).append(", serial: S").append(i).append("}\n");
    }
    return sb.toString();
  }

  /** Files large enough to be read side by side: valid ones and broken ones, in mixed order. */
  private static final List<SourceFile> FILES =
      List.of(
          new SourceFile("a-small.yaml", "cluster: {name: a}\n"),
          new SourceFile("b-broken.yaml", targets(900) + "nodes: [\n"),
          new SourceFile("c-large.yaml", targets(3000)),
          new SourceFile("d-duplicate.yaml", "nodes: {n1: {}}\nnodes: {n2: {}}\n"),
          new SourceFile("e-medium.yaml", targets(1200) + "policy: {autoApply: false}\n"));

  @Test
  void sideBySideReadsGiveWhatOneAfterTheOtherGives() {
    assertTrue(
        FILES.stream().mapToInt(f -> f.text().length()).sum() > YamlFiles.PARALLEL_CHARS,
        "the files are read side by side");
    List<Diagnostic> expectedDiagnostics = new ArrayList<>();
    List<ParsedFile> expected = new ArrayList<>();
    for (SourceFile f : FILES) {
      Optional<ParsedFile> p = YamlFileReader.read(f.path(), f.text(), expectedDiagnostics);
      p.ifPresent(expected::add);
    }
    for (int round = 0; round < 5; round++) {
      List<Diagnostic> diagnostics = new ArrayList<>();
      AtomicInteger sideTasks = new AtomicInteger();
      List<ParsedFile> parsed = YamlFiles.read(FILES, diagnostics, sideTasks::incrementAndGet);
      assertEquals(1, sideTasks.get());
      assertEquals(render(expectedDiagnostics), render(diagnostics));
      assertEquals(2, diagnostics.size());
      assertEquals(
          expected.stream().map(ParsedFile::file).toList(),
          parsed.stream().map(ParsedFile::file).toList());
      for (int i = 0; i < expected.size(); i++) {
        assertEquals(expected.get(i).root(), parsed.get(i).root());
        YamlPath serial = YamlPath.of("targets", 2999, "serial");
        assertEquals(
            expected.get(i).positions().value(serial), parsed.get(i).positions().value(serial));
      }
    }
  }

  @Test
  void aSmallConfigurationIsReadOnThisThread() {
    List<SourceFile> small = FILES.subList(0, 1);
    AtomicInteger sideTasks = new AtomicInteger();
    List<ParsedFile> parsed = YamlFiles.read(small, new ArrayList<>(), sideTasks::incrementAndGet);
    assertEquals(0, sideTasks.get());
    assertEquals(1, parsed.size());
  }

  private static List<String> render(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(Diagnostic::render).toList();
  }
}
