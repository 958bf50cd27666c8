package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.approvaltests.reporters.QuietReporter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The committed corpus {@code fixtures/invalid-configs}: every case holds one defect; {@code sanctl
 * validate} must exit 1 and print exactly the approved {@code file:line:column: message} lines
 * ({@code validate.approved.txt} beside the case).
 */
class InvalidConfigCorpusTest {
  static final Path CORPUS = Path.of("../../fixtures/invalid-configs").toAbsolutePath().normalize();
  private static final Pattern LINE = Pattern.compile("^[^: ]+\\.ya?ml:\\d+:\\d+: \\S.*");

  static List<Path> cases() throws IOException {
    try (Stream<Path> s = Files.list(CORPUS)) {
      return s.filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().startsWith("00-"))
          .sorted()
          .toList();
    }
  }

  @Test
  void corpusHasAtLeastFortyCases() throws IOException {
    assertTrue(cases().size() >= 40, "cases: " + cases().size());
  }

  @Test
  void baseOfTheCorpusIsValid() {
    CliRun run = CliRun.of("validate", "-C", CORPUS.resolve("00-valid-base").toString());
    assertEquals(ExitCodes.OK, run.exitCode(), run.out());
  }

  @TestFactory
  Stream<DynamicTest> everyCaseFailsWithItsApprovedDiagnostics() throws IOException {
    return cases().stream()
        .map(
            dir ->
                DynamicTest.dynamicTest(
                    dir.getFileName().toString(),
                    () -> {
                      CliRun run = CliRun.of("validate", "-C", dir.toString());
                      assertEquals(ExitCodes.ERROR, run.exitCode(), run.out());
                      assertEquals("", run.err());
                      List<String> lines = run.out().lines().toList();
                      assertFalse(lines.isEmpty());
                      for (String line : lines) {
                        assertTrue(LINE.matcher(line).matches(), "not file:line:col: " + line);
                        assertFalse(line.contains("Exception"), line);
                      }
                      Approvals.verify(
                          "exit " + run.exitCode() + "\n" + run.out(),
                          new Options()
                              .withReporter(new QuietReporter())
                              .forFile()
                              .withNamer(new FixtureNamer(dir, "validate")));
                    }));
  }
}
