package dev.sanctl.cli.ddless;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Reads the inherited global {@code -v} flag of a command, if it has one. */
final class Verbosity {
  private Verbosity() {}

  static boolean verbose(CommandSpec spec) {
    OptionSpec v = spec.findOption("-v");
    return v != null && Boolean.TRUE.equals(v.getValue());
  }
}
