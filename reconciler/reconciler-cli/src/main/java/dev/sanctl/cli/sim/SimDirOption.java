package dev.sanctl.cli.sim;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The simulated cluster of a {@code sim} subcommand: {@code --sim DIR} like every other command, or
 * (the older form, still accepted) {@code DIR} as the first argument.
 */
public class SimDirOption {
  @Option(
      names = "--sim",
      paramLabel = "DIR",
      description =
          "Simulated cluster directory (the older form, DIR as the first argument, still works).")
  Path sim;

  /** The directory and the arguments after it. */
  record Words(Path dir, List<String> rest) {
    String get(int i) {
      return rest.get(i);
    }
  }

  /**
   * Splits the positional arguments: the directory from {@code --sim} or else the first word; then
   * at least {@code labels.length} words (a usage error names the first one missing).
   */
  Words split(CommandSpec spec, List<String> positional, String... labels) {
    List<String> words = positional == null ? List.of() : positional;
    Path dir = sim;
    if (dir == null) {
      if (words.isEmpty()) {
        throw new ParameterException(spec.commandLine(), "Missing required option: '--sim=DIR'");
      }
      dir = Path.of(words.get(0));
      words = words.subList(1, words.size());
    }
    if (words.size() < labels.length) {
      throw new ParameterException(
          spec.commandLine(), "Missing required parameter: '" + labels[words.size()] + "'");
    }
    return new Words(dir, List.copyOf(words));
  }

  /** A usage error when more words were given than {@code expected}. */
  static void noMoreThan(CommandSpec spec, Words w, int expected) {
    if (w.rest().size() > expected) {
      throw new ParameterException(
          spec.commandLine(),
          "Unexpected argument: '"
              + w.rest().get(expected)
              + "' (see: "
              + spec.qualifiedName()
              + " --help)");
    }
  }
}
