package dev.sanctl.testkit;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import picocli.CommandLine;

/**
 * Runs the {@code sanctl} command line in-process and captures its exit code, standard output and
 * standard error: the one runner every test module uses (CLI tests, e2e, the kernel tier). The CLI
 * is found on the test's class path ({@code dev.sanctl.cli.Main.commandLine()}), since the test kit
 * itself sits below the CLI.
 */
public final class CliRunner {
  private CliRunner() {}

  /** What one {@code sanctl} invocation did. */
  public record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** Runs {@code sanctl args...}. */
  public static Result run(String... args) {
    CommandLine cl = commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  private static CommandLine commandLine() {
    try {
      return (CommandLine)
          Class.forName("dev.sanctl.cli.Main").getMethod("commandLine").invoke(null);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("reconciler-cli is not on the test class path", e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("Main.commandLine() failed", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
