package dev.sanctl.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * A command that only groups subcommands ({@code sanctl}, {@code sanctl sim}, ...) run without one:
 * its help on standard error and exit 64, since nothing was asked for.
 */
public final class GroupUsage {
  private GroupUsage() {}

  /** Prints the help of {@code spec} to standard error; returns {@link ExitCodes#USAGE}. */
  public static int print(CommandSpec spec) {
    var err = spec.commandLine().getErr();
    spec.commandLine().usage(err);
    err.flush();
    return ExitCodes.USAGE;
  }
}
