package dev.sanctl.e2e;

/** The sanctl command line, in-process, with captured output. */
record Cli(int exitCode, String out, String err) {
  static Cli run(String... args) {
    var r = dev.sanctl.testkit.CliRunner.run(args);
    return new Cli(r.exitCode(), r.out(), r.err());
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
