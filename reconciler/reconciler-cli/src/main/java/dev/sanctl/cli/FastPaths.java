package dev.sanctl.cli;

import dev.sanctl.cli.ddless.DdlessFastPath;
import java.io.PrintWriter;

/**
 * Commands run without building picocli's command line, for start-up time (today: a plain {@code
 * sanctl ddless} copy, {@link DdlessFastPath}); errors are reported exactly as {@link CliErrors}
 * reports them for the picocli commands.
 */
public final class FastPaths {
  private FastPaths() {}

  /**
   * Runs {@code args} when a fast path takes them.
   *
   * @return the exit code, or {@code null} when picocli must handle these arguments
   */
  public static Integer run(String[] args, PrintWriter out, PrintWriter err) {
    DdlessFastPath.Parsed ddless = DdlessFastPath.parse(args);
    if (ddless == null) return null;
    try {
      return DdlessFastPath.execute(ddless, out, err);
    } catch (Exception ex) {
      return CliErrors.report(ex, err);
    }
  }

  /** {@link #run(String[], PrintWriter, PrintWriter)} on standard output and error. */
  static Integer run(String[] args) {
    return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
  }
}
