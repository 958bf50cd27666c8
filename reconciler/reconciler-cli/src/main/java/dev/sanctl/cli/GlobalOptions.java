package dev.sanctl.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command accepts: {@code -C DIR}, {@code --no-color}, {@code -q}, {@code -v} (read
 * them from any command with {@link Verbosity}).
 */
public class GlobalOptions {
  @Option(
      names = "-C",
      paramLabel = "DIR",
      description = "Config repository directory (default: .).",
      scope = ScopeType.INHERIT)
  public Path configDir = Path.of(".");

  @Option(names = "--no-color", description = "Never colour output.", scope = ScopeType.INHERIT)
  public boolean noColor;

  @Option(
      names = {"-v", "--verbose"},
      description = "More output: what ran and how long it took (on standard error), and details.",
      scope = ScopeType.INHERIT)
  public boolean verbose;

  @Option(
      names = {"-q", "--quiet"},
      description = "Only errors and the result (summary line or machine output).",
      scope = ScopeType.INHERIT)
  public boolean quiet;
}
