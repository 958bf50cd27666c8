package dev.sanctl.cli.ddless;

/** Runs {@code sanctl ARGS} in-process, capturing exit code, standard output and error. */
record CliRun(int exit, String out, String err) {
  static CliRun of(String... args) {
    var r = dev.sanctl.testkit.CliRunner.run(args);
    return new CliRun(r.exitCode(), r.out(), r.err());
  }
}
