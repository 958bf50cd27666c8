package dev.sanctl.core.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sanctl.spi.diag.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes the whole loader (YAML, schema, merge, semantic rules, model): whatever the bytes, the
 * answer is a state or diagnostics, never an exception (the fuzz entry point does not catch them,
 * unlike {@link ConfigLoader#loadFiles}), and every diagnostic is one line.
 *
 * <p>Normal test runs replay the seed corpus in {@code
 * src/test/resources/dev/sanctl/core/config/ConfigLoaderFuzzTestInputs/}. Fuzz for real with {@code
 * JAZZER_FUZZ=1 mvn -pl reconciler/reconciler-core -am test -Dtest=ConfigLoaderFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false} (see docs/fuzzing.md).
 */
class ConfigLoaderFuzzTest {
  /** Separates files inside one fuzz input, so merges across files are fuzzed too. */
  static final String FILE_SEPARATOR = "\n#%%file\n";

  @FuzzTest(maxDuration = "5m")
  void loaderAnswersEveryInputWithAStateOrDiagnostics(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    List<SourceFile> files = new ArrayList<>();
    String[] parts = text.split(FILE_SEPARATOR, 4);
    for (int i = 0; i < parts.length; i++) files.add(new SourceFile("f" + i + ".yaml", parts[i]));

    LoadResult r = ConfigLoader.loadFilesUnchecked(files);

    assertNotNull(r.diagnostics());
    if (r.ok()) {
      assertNotNull(r.state());
    } else {
      assertNull(r.state());
      assertFalse(r.errors().isEmpty());
    }
    for (Diagnostic d : r.diagnostics()) {
      String line = d.render();
      assertFalse(line.contains("\n") || line.contains("\r"), line);
      assertTrue(!d.message().isBlank(), line);
      assertNotNull(d.source(), line);
    }
  }
}
