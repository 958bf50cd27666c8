package dev.sanctl.sim.zfs;

import dev.sanctl.sim.Getopt;
import dev.sanctl.spi.host.CommandResult;

/**
 * How OpenZFS's {@code zfs} and {@code zpool} (built against glibc, optstrings with a leading
 * {@code :}) word a command line {@link Getopt} refused: {@code invalid option 'x'} for an
 * undeclared letter (a {@code --word} is the letter {@code -}, as {@code getopt} without long
 * options reads it), {@code missing argument for 'x' option} for an option without its argument;
 * exit status 2, followed by the subcommand's usage where the simulator prints it.
 */
final class ZfsOptions {
  private ZfsOptions() {}

  /** The refusal of {@code e}, followed by {@code usage} ({@code ""} for none). */
  static CommandResult refusal(Getopt.Error e, String usage) {
    String message =
        switch (e.kind()) {
          case MISSING_ARGUMENT -> "missing argument for '" + e.option() + "' option\n";
          case UNRECOGNIZED, NO_ARGUMENT_ALLOWED, AMBIGUOUS -> "invalid option '-'\n";
          case INVALID -> "invalid option '" + e.option() + "'\n";
        };
    return CommandResult.of(2, "", message + usage);
  }
}
