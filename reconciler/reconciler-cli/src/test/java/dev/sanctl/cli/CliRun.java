package dev.sanctl.cli;

/** Runs the sanctl command line in-process and captures exit code and output. */
public record CliRun(int exitCode, String out, String err) {
  /** Runs {@code sanctl args...}. */
  public static CliRun of(String... args) {
    var r = dev.sanctl.testkit.CliRunner.run(args);
    return new CliRun(r.exitCode(), r.out(), r.err());
  }
}
