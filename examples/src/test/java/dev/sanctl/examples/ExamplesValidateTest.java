package dev.sanctl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.Main;
import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.config.LoadResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/** Every directory of {@code examples/} is a config repository that validates cleanly. */
class ExamplesValidateTest {
  private static final Path EXAMPLES = Path.of(".").toAbsolutePath().normalize();
  private static final Set<String> NOT_EXAMPLES = Set.of("src", "target");

  static List<Path> examples() throws IOException {
    try (Stream<Path> s = Files.list(EXAMPLES)) {
      return s.filter(Files::isDirectory)
          .filter(p -> !NOT_EXAMPLES.contains(p.getFileName().toString()))
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    }
  }

  @Test
  void theDocumentedExamplesExist() throws IOException {
    List<String> names = examples().stream().map(p -> p.getFileName().toString()).toList();
    assertTrue(names.containsAll(List.of("amherst", "quickstart", "stmf-ha")), names.toString());
  }

  @TestFactory
  Stream<DynamicTest> everyExampleValidatesWithExitZero() throws IOException {
    return examples().stream()
        .map(
            dir ->
                DynamicTest.dynamicTest(
                    dir.getFileName().toString(),
                    () -> {
                      LoadResult r = ConfigLoader.loadDirectory(dir);
                      assertTrue(r.ok(), r.diagnostics().toString());
                      assertTrue(r.diagnostics().isEmpty(), r.diagnostics().toString());
                      CommandLine cl = Main.commandLine();
                      StringWriter out = new StringWriter();
                      cl.setOut(new PrintWriter(out, true));
                      int code = cl.execute("validate", "-C", dir.toString());
                      assertEquals(0, code, out.toString());
                      assertTrue(out.toString().startsWith("valid: "), out.toString());
                    }));
  }
}
