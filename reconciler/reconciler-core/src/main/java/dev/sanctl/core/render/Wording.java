package dev.sanctl.core.render;

import dev.sanctl.core.plan.Plan;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.spi.values.Sizes;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/** The shared plan vocabulary of the human renderers. */
final class Wording {
  private static final Pattern BYTE_COUNT = Pattern.compile("[0-9]{1,18}");
  static final String NO_CHANGES = "No changes. Storage matches the desired state.";

  /** Said instead of {@link #NO_CHANGES} when a node could not be compared. */
  static final String NO_CHANGES_OBSERVED =
      "No changes on the observed nodes; the unknown nodes were not compared.";

  /**
   * Said instead of {@link #NO_CHANGES} when the plan has errors: the objects they name were not
   * compared (e.g. a volume group active on two nodes), so storage is not known to match.
   */
  static final String NO_CHANGES_ERRORED =
      "No changes planned; the objects named in the errors above are left as they are.";

  /** {@code Incomplete: N node(s) unknown (a, b), nothing was planned on them.} */
  static String incomplete(Plan plan) {
    return "Incomplete: "
        + plan.unknownNodes().size()
        + " node(s) unknown ("
        + String.join(", ", plan.unknownNodes().keySet())
        + "), nothing was planned on them.";
  }

  /** The last line: the counts, or that nothing changes (only where live state was compared). */
  static String summaryLine(Plan plan) {
    if (plan.hasChanges()) return plan.summary().line();
    if (!plan.complete()) return NO_CHANGES_OBSERVED;
    return plan.errored() ? NO_CHANGES_ERRORED : NO_CHANGES;
  }

  private Wording() {}

  static String impact(Impact i) {
    return switch (i) {
      case NONE -> "none";
      case DISRUPTIVE -> "disruptive";
      case DESTRUCTIVE -> "destructive";
      case BREAKING -> "breaking identity";
    };
  }

  /** {@code # <address> will be created}. */
  static String header(Change c) {
    return "# " + c.address() + " " + c.action().phrase();
  }

  /** Changes that need attention, worst first (breaking, destructive, disruptive), stable. */
  static List<Change> attention(Plan plan) {
    return plan.changes().stream()
        .filter(c -> c.impact() != Impact.NONE)
        .sorted(Comparator.comparing((Change c) -> c.impact()).reversed())
        .toList();
  }

  static String symbol(FieldChange f) {
    if (f.before() == null) return "+";
    if (f.after() == null) return "-";
    return "~";
  }

  static String value(FieldChange f, String v) {
    if (v == null) return "null";
    if (f.sensitive()) return Command.REDACTED;
    if (isByteCount(f, v)) return Sizes.human(Long.parseLong(v));
    return "\"" + v + "\"";
  }

  /** A {@code size} field (or {@code ….size}) holds bytes: shown human, kept in bytes in JSON. */
  private static boolean isByteCount(FieldChange f, String v) {
    return (f.path().equals("size") || f.path().endsWith(".size"))
        && BYTE_COUNT.matcher(v).matches();
  }

  /** {@code path: before -> after}, or one side for an added or removed attribute. */
  static String field(FieldChange f) {
    if (f.before() == null) return f.path() + ": " + value(f, f.after());
    if (f.after() == null) return f.path() + ": " + value(f, f.before());
    return f.path() + ": " + value(f, f.before()) + " -> " + value(f, f.after());
  }

  static String command(Command c) {
    int n = c.stdin().length;
    return "$ " + c + (n == 0 ? "" : "  (stdin: " + n + " bytes)");
  }

  static String findingKind(Finding.Kind k) {
    return switch (k) {
      case UNMANAGED -> "unmanaged";
      case ERROR -> "error";
      case WARNING -> "warning";
      case DRIFT -> "drift";
    };
  }

  static String finding(Finding f) {
    String where = f.address() != null ? f.address() : f.node() != null ? f.node() : "cluster";
    String src = f.source() == null || f.source().file().isEmpty() ? "" : " (" + f.source() + ")";
    return where + ": " + f.message() + (f.hint() == null ? "" : " — " + f.hint()) + src;
  }
}
