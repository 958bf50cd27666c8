package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdsTrainingTest {
  private static final Path AMHERST =
      Path.of("../../examples/amherst").toAbsolutePath().normalize();

  /**
   * The training's copy of a configuration outside the plain YAML subset (every YAML file starts
   * with {@code ---}, which only snakeyaml-engine reads) is the same valid configuration, so the
   * training run still succeeds and archives snakeyaml-engine's classes.
   */
  @Test
  void theCopyOutsideThePlainSubsetIsTheSameValidConfiguration(@TempDir Path tmp)
      throws IOException {
    Path copy = CdsTraining.outsideThePlainSubset(AMHERST, tmp);
    List<Path> yaml;
    try (Stream<Path> files = Files.list(copy)) {
      yaml = files.filter(p -> p.toString().endsWith(".yaml")).toList();
    }
    assertEquals(7, yaml.size());
    for (Path p : yaml) {
      assertEquals(
          "---\n" + Files.readString(AMHERST.resolve(p.getFileName())), Files.readString(p));
    }
    CliRun original = CliRun.of("validate", "-C", AMHERST.toString());
    CliRun run = CliRun.of("validate", "-C", copy.toString());
    assertEquals(ExitCodes.OK, run.exitCode(), run.out() + run.err());
    assertEquals(original.out(), run.out());
    assertTrue(run.out().startsWith("valid: "), run.out());
  }
}
