package dev.sanctl.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command accepts: {@code -C DIR}, {@code --no-color}, {@code -v}, {@code -q}. */
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
      description = "More output.",
      scope = ScopeType.INHERIT)
  public boolean verbose;

  @Option(
      names = {"-q", "--quiet"},
      description = "Less output: no progress, only results and errors.",
      scope = ScopeType.INHERIT)
  public boolean quiet;
}
