package dev.sanctl.core.config;

import dev.sanctl.core.validate.Shown;
import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.model.SourceRef;
import java.util.Locale;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** Turns YAML parser exceptions into one plain sentence a storage administrator understands. */
final class YamlSyntaxMessages {
  private YamlSyntaxMessages() {}

  static Diagnostic of(String file, MarkedYamlEngineException e) {
    boolean unterminated =
        e.getProblem() != null
            && e.getProblem().contains("end of stream")
            && e.getContextMark().isPresent();
    Mark mark =
        unterminated
            ? e.getContextMark().get()
            : e.getProblemMark().or(e::getContextMark).orElse(null);
    SourceRef at =
        mark == null
            ? new SourceRef(file, 1, 1)
            : new SourceRef(file, mark.getLine() + 1, mark.getColumn() + 1);
    String problem = e.getProblem() == null ? "" : e.getProblem();
    String context = e.getContext() == null ? "" : e.getContext();
    String p = problem.toLowerCase(Locale.ROOT);
    if (p.contains("\\t") || p.contains("tab")) {
      return Diagnostic.error(
          at, "YAML syntax error: a tab character is used for indentation", "indent with spaces");
    }
    if (p.contains("mapping values are not allowed")) {
      return Diagnostic.error(
          at,
          "YAML syntax error: unexpected ':' (a key is indented wrongly, or a value containing ': '"
              + " is not quoted)",
          "check the indentation, or put the value in quotes");
    }
    if (p.contains("expected <block end>") || p.contains("did not find expected key")) {
      return Diagnostic.error(
          at,
          "YAML syntax error: this line does not line up with the keys above it",
          "indent keys of the same map by the same number of spaces");
    }
    if (p.contains("could not find expected ':'")) {
      return Diagnostic.error(
          at,
          "YAML syntax error: a key without ':' (or a multi-line value that is not quoted)",
          "write 'key: value'");
    }
    if (p.contains("undefined alias")) {
      return Diagnostic.error(
          at,
          "YAML syntax error: " + Shown.value(problem) + " (no anchor of that name above it)",
          null);
    }
    if (p.contains("end of stream") && context.contains("quoted")) {
      return Diagnostic.error(
          at,
          "YAML syntax error: the quoted value starting here is not closed",
          "add the closing quote");
    }
    if (context.contains("flow sequence") || context.contains("flow mapping")) {
      String what = context.contains("sequence") ? "'[' list" : "'{' map";
      return Diagnostic.error(
          at,
          "YAML syntax error: a " + what + " is not closed or has a stray character",
          "check the brackets and commas");
    }
    if (p.contains("number of aliases")) {
      return Diagnostic.error(at, "too many YAML aliases in one file", "write the values out");
    }
    String detail = problem.isEmpty() ? context : problem;
    return Diagnostic.error(at, "YAML syntax error: " + Shown.value(detail.strip()), null);
  }

  static String unmarked(YamlEngineException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    if (m.toLowerCase(Locale.ROOT).contains("code point")) {
      return "the file is too large (more than 8 MiB)";
    }
    if (m.toLowerCase(Locale.ROOT).contains("number of aliases")) {
      return "too many YAML aliases in one file";
    }
    return "YAML syntax error: " + Shown.value(m.lines().findFirst().orElse("").strip());
  }
}
