package dev.sanctl.spi.diag;

import dev.sanctl.spi.model.SourceRef;

/**
 * A problem the user can fix: printed as {@code file:line:column: message} followed by the hint.
 * Never a stack trace.
 *
 * @param source where in the config it was found, or {@link SourceRef#NONE}
 * @param message one sentence saying what is wrong
 * @param hint how to fix it, or null
 */
public record Diagnostic(Severity severity, SourceRef source, String message, String hint)
    implements Comparable<Diagnostic> {

  public static Diagnostic error(SourceRef at, String message, String hint) {
    return new Diagnostic(Severity.ERROR, at, message, hint);
  }

  public static Diagnostic warning(SourceRef at, String message, String hint) {
    return new Diagnostic(Severity.WARNING, at, message, hint);
  }

  /** {@code file:line:column: message (hint)} as the validate command prints it. */
  public String render() {
    String where = source == null || source.equals(SourceRef.NONE) ? "" : source + ": ";
    String prefix = severity == Severity.WARNING ? "warning: " : "";
    return where + prefix + message + (hint == null ? "" : " (" + hint + ")");
  }

  @Override
  public int compareTo(Diagnostic o) {
    SourceRef a = source == null ? SourceRef.NONE : source;
    SourceRef b = o.source == null ? SourceRef.NONE : o.source;
    int c = a.compareTo(b);
    return c != 0 ? c : message.compareTo(o.message);
  }
}
