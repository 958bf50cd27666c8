package dev.sanctl.cli;

import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The global {@code -q} and {@code -v} ({@link GlobalOptions}), readable from any command: {@code
 * -q} leaves only errors and the result (the summary line or the machine output); {@code -v} adds,
 * on every command, what it ran and how long it took on standard error (and command-specific detail
 * where a command has more to say). Both at once are a usage error.
 */
public final class Verbosity {
  private Verbosity() {}

  /** True when {@code -q} was given (anywhere on the command line). */
  public static boolean quiet(CommandSpec spec) {
    return flag(spec, "-q");
  }

  /** True when {@code -v} was given (anywhere on the command line). */
  public static boolean verbose(CommandSpec spec) {
    return flag(spec, "-v");
  }

  private static boolean flag(CommandSpec spec, String name) {
    OptionSpec o = spec.findOption(name);
    if (o == null) o = spec.root().findOption(name);
    return o != null && Boolean.TRUE.equals(o.getValue());
  }

  /** Refuses {@code -q -v}; with {@code -v} reports the command, its exit code and its time. */
  static IExecutionStrategy timed(IExecutionStrategy next) {
    return parseResult -> {
      CommandSpec leaf = leaf(parseResult).commandSpec();
      if (quiet(leaf) && verbose(leaf)) {
        throw new ParameterException(leaf.commandLine(), "-q and -v cannot be used together");
      }
      if (!verbose(leaf)) return next.execute(parseResult);
      long start = System.nanoTime();
      int code = next.execute(parseResult);
      PrintWriter err = leaf.commandLine().getErr();
      err.println(
          String.format(
              Locale.ROOT,
              "sanctl: %s finished in %.2f s (exit %d)",
              leaf.qualifiedName(),
              (System.nanoTime() - start) / 1e9,
              code));
      err.flush();
      return code;
    };
  }

  private static ParseResult leaf(ParseResult p) {
    while (p.subcommand() != null) p = p.subcommand();
    return p;
  }

  /** A writer that drops everything: where non-result output goes with {@code -q}. */
  static PrintWriter unlessQuiet(CommandSpec spec, PrintWriter w) {
    return quiet(spec) ? new PrintWriter(java.io.Writer.nullWriter()) : w;
  }
}
