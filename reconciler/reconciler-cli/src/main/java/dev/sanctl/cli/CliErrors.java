package dev.sanctl.cli;

import dev.sanctl.spi.diag.IoErrors;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How {@code sanctl} reports what goes wrong on its command line: a usage error is one line, the
 * command's synopsis and where to read more (exit 64), never the whole help; an unknown command is
 * an error even with {@code --help}; an exception escaping a command is one clean message without
 * Java class names (exit 1; {@code SANCTL_DEBUG=1} adds the stack trace).
 */
final class CliErrors {
  private CliErrors() {}

  /** Installs the handlers on {@code cl} (the root; picocli passes them to its subcommands). */
  static void install(CommandLine cl) {
    cl.registerConverter(Instant.class, new InstantConverter());
    cl.setParameterExceptionHandler(usageErrors());
    cl.setExecutionExceptionHandler(executionErrors());
    cl.setExecutionStrategy(rejectingUnmatched(Verbosity.timed(new CommandLine.RunLast())));
  }

  /** One line, the synopsis, and "Try 'sanctl CMD --help'"; exit 64. */
  static IParameterExceptionHandler usageErrors() {
    return (ParameterException ex, String[] args) -> {
      CommandLine cmd = ex.getCommandLine();
      PrintWriter err = cmd.getErr();
      String name = cmd.getCommandSpec().qualifiedName();
      String unknownCommand = unknownCommand(ex, cmd);
      if (unknownCommand != null) {
        err.println("sanctl: error: unknown command '" + unknownCommand + "' for '" + name + "'");
      } else {
        err.println("sanctl: error: " + usageMessage(ex));
      }
      UnmatchedArgumentException.printSuggestions(ex, err);
      err.print("Usage: " + cmd.getHelp().synopsis(0));
      err.println("Try '" + name + " --help' for more information.");
      err.flush();
      return ExitCodes.USAGE;
    };
  }

  /**
   * Picocli's message, with a failed conversion's cause in words: picocli appends the cause's
   * {@code toString()}, a Java class name.
   */
  static String usageMessage(ParameterException ex) {
    String m = ex.getMessage();
    Throwable cause = ex.getCause();
    if (m == null) return "invalid command line";
    if (cause != null && m.contains(cause.toString())) {
      m = m.replace(cause.toString(), message(cause));
    }
    return m;
  }

  /** ISO-8601 instants with a message that shows how to write one. */
  static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return Instant.parse(value);
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not an instant; write it in UTC as e.g. 2024-12-31T12:00:00Z");
      }
    }
  }

  /** The first unmatched word of a command that has subcommands, when it is not an option. */
  private static String unknownCommand(ParameterException ex, CommandLine cmd) {
    if (!(ex instanceof UnmatchedArgumentException u) || cmd.getSubcommands().isEmpty()) {
      return null;
    }
    List<String> unmatched = u.getUnmatched();
    if (unmatched.isEmpty() || unmatched.get(0).startsWith("-")) return null;
    return unmatched.get(0);
  }

  /**
   * Picocli skips its unmatched-argument check when help is asked for, so {@code sanctl nosuchcmd
   * --help} would print the top-level help and exit 0: refuse unmatched arguments first.
   */
  static IExecutionStrategy rejectingUnmatched(IExecutionStrategy next) {
    return parseResult -> {
      for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
        if (!p.unmatched().isEmpty()) {
          throw new UnmatchedArgumentException(p.commandSpec().commandLine(), p.unmatched());
        }
      }
      return next.execute(parseResult);
    };
  }

  /** "sanctl: error: MESSAGE" (exit 1); the stack trace only with {@code SANCTL_DEBUG}. */
  static IExecutionExceptionHandler executionErrors() {
    return (ex, cmd, parsed) -> report(ex, cmd.getErr());
  }

  /** Reports an exception that escaped a command on {@code err}, as above; returns exit 1. */
  static int report(Throwable ex, PrintWriter err) {
    err.println("sanctl: error: " + message(ex));
    if (System.getenv("SANCTL_DEBUG") != null) ex.printStackTrace(err);
    else if (ex.getMessage() == null) err.println("(SANCTL_DEBUG=1 shows where it happened)");
    err.flush();
    return ExitCodes.ERROR;
  }

  /** A message a person can act on, never a Java class name. */
  static String message(Throwable ex) {
    Throwable e = ex;
    while (e.getCause() != null && wrapper(e)) e = e.getCause();
    if (e instanceof FileSystemException f) return IoErrors.describe(f);
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return "internal error: sanctl stopped unexpectedly (a defect; please report it)";
    }
    return m;
  }

  /** A wrapper says nothing of its own: no message, or its cause's {@code toString()}. */
  private static boolean wrapper(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() || m.equals(e.getCause().toString());
  }
}
