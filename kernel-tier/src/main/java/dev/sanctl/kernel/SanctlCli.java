package dev.sanctl.kernel;

import dev.sanctl.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * The sanctl command line of this build, run in-process with captured output (the same picocli
 * command tree as the {@code sanctl} launcher): scenarios drive guests through {@code validate},
 * {@code plan}, {@code apply} and {@code drift} exactly as an operator does.
 */
public record SanctlCli(List<String> args, int exitCode, String out, String err) {
  public static SanctlCli run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new SanctlCli(List.of(args), code, out.toString(), err.toString());
  }

  /** {@code sanctl -C configDir --no-color <args>}. */
  public static SanctlCli in(java.nio.file.Path configDir, String... args) {
    List<String> all = new ArrayList<>(List.of("-C", configDir.toString(), "--no-color"));
    all.addAll(Arrays.asList(args));
    return run(all.toArray(String[]::new));
  }

  @Override
  public String toString() {
    return "sanctl "
        + String.join(" ", args)
        + "\nexit "
        + exitCode
        + "\n--- stdout\n"
        + out
        + "--- stderr\n"
        + err;
  }
}
