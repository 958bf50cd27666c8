package dev.sanctl.cli.ddless;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Reads the inherited global {@code -v} and {@code -q} flags of a command, if it has them. */
final class Verbosity {
  private Verbosity() {}

  static boolean verbose(CommandSpec spec) {
    OptionSpec v = spec.findOption("-v");
    return v != null && Boolean.TRUE.equals(v.getValue());
  }

  /** The global {@code -q}: no progress, only results and errors. */
  static boolean quiet(CommandSpec spec) {
    OptionSpec q = spec.findOption("-q");
    return q != null && Boolean.TRUE.equals(q.getValue());
  }
}
