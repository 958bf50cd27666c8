package dev.sanctl.cli.snaprotate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sanctl snaprotate}: snapshot rotation ({@code docs/snaprotate.md}). */
@Command(
    name = "snaprotate",
    mixinStandardHelpOptions = true,
    description = {
      "Snapshot rotation: plan offline from a saved listing, or run (and --simulate) on a node.",
      "Exit codes: 0 done, 1 a destroy failed or a configuration error, 3 a brake engaged,"
          + " 64 usage error."
    },
    subcommands = {SnaprotatePlanCommand.class, SnaprotateRunCommand.class})
public class SnaprotateCommand implements java.util.concurrent.Callable<Integer> {
  @Spec CommandSpec spec;

  /** Without a subcommand: the help, exit 64. */
  @Override
  public Integer call() {
    return dev.sanctl.cli.GroupUsage.print(spec);
  }

  /** The config directory given with the root's {@code -C} option (default {@code .}). */
  static java.nio.file.Path configDir(CommandSpec anySpec) {
    var option = anySpec.root().findOption("-C");
    Object v = option == null ? null : option.getValue();
    return v instanceof java.nio.file.Path p ? p : java.nio.file.Path.of(".");
  }

  /** A usage error: one line with where to read more; exit 64. */
  static int usage(java.io.PrintWriter err, String message) {
    err.println("sanctl: error: " + message + " (see: sanctl snaprotate --help)");
    err.flush();
    return dev.sanctl.cli.ExitCodes.USAGE;
  }
}
