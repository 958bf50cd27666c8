package dev.sanctl.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No main class over {@value #MAX_LINES} lines outside the simulator's tools (the models of lvm2,
 * ietadm, zfs, stmfadm, coreutils, ... whose size follows the real tool's surface): a class that
 * grows past it does several jobs and is split along its seams (ARCHITECTURE.md).
 */
class SourceSizeTest {

  static final int MAX_LINES = 400;

  /** A simulator tool: a class under dev/sanctl/sim that models one external command or module. */
  private static final Pattern SIMULATOR_TOOL =
      Pattern.compile(".*/dev/sanctl/sim/(.*/)?(\\w+Tool|\\w+Sim|Coreutils|IetRuntime)\\.java");

  @Test
  void noMainClassIsOverTheLimitOutsideTheSimulatorsTools() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    List<String> tooLong;
    try (Stream<Path> files = Files.walk(root)) {
      tooLong =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> p.toString().contains("/src/main/java/"))
              .filter(Predicate.not(p -> p.toString().contains("/target/")))
              .filter(Predicate.not(p -> SIMULATOR_TOOL.matcher(p.toString()).matches()))
              .filter(p -> lines(p) > MAX_LINES)
              .map(p -> root.relativize(p) + " (" + lines(p) + " lines)")
              .sorted()
              .collect(Collectors.toList());
    }
    assertEquals(List.of(), tooLong, "classes over " + MAX_LINES + " lines");
  }

  private static long lines(Path p) {
    try (Stream<String> s = Files.lines(p)) {
      return s.count();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
