package dev.sanctl.core.render;

import dev.sanctl.core.plan.Plan;
import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Impact;
import java.util.List;
import java.util.Map;

/**
 * Terminal output in terraform's vocabulary: the nodes that could not be observed first, then node
 * by node in apply order, with the changes that need attention (breaking, destructive, disruptive)
 * repeated at the end just above the summary. ANSI colour only when asked for (the CLI asks when
 * stdout is a terminal and no {@code --no-color}).
 */
public final class TextRenderer implements PlanRenderer {
  private static final String RESET = "\u001b[0m";
  private final boolean color;

  public TextRenderer(boolean color) {
    this.color = color;
  }

  @Override
  public String render(Plan plan) {
    StringBuilder sb = new StringBuilder();
    if (!plan.complete()) {
      unknownNodes(plan, sb);
      sb.append('\n');
    }
    for (Diagnostic d : plan.diagnostics()) sb.append(d.render()).append('\n');
    if (!plan.diagnostics().isEmpty()) sb.append('\n');
    if (plan.hasChanges()) {
      sb.append("sanctl will perform the following actions:\n");
      for (Map.Entry<String, List<Change>> e : plan.changesByNode().entrySet()) {
        if (e.getValue().isEmpty()) continue;
        sb.append('\n').append(paint("1", "Node " + e.getKey())).append(":\n");
        for (Change c : e.getValue()) change(c, sb);
      }
    }
    findings(plan, sb);
    attention(plan, sb);
    sb.append('\n');
    if (!plan.hasChanges()) {
      sb.append(
              paint(
                  plan.complete() && !plan.errored() ? "32;1" : "33;1", Wording.summaryLine(plan)))
          .append('\n');
    } else {
      Plan.Summary s = plan.summary();
      sb.append("Plan: ")
          .append(paint("32", s.add() + " to add"))
          .append(", ")
          .append(paint("33", s.change() + " to change"))
          .append(", ")
          .append(paint(s.destroy() > 0 ? "31;1" : "31", s.destroy() + " to destroy"))
          .append(".\n");
    }
    if (!plan.complete()) {
      sb.append(paint("33;1", Wording.incomplete(plan))).append('\n');
    }
    return sb.toString();
  }

  private void change(Change c, StringBuilder sb) {
    sb.append('\n');
    String impact = c.impact() == Impact.NONE ? "" : " [" + Wording.impact(c.impact()) + "]";
    sb.append("  ")
        .append(paint("1", Wording.header(c)))
        .append(paint(impactColor(c.impact()), impact));
    sb.append('\n');
    if (c.reason() != null) sb.append("  # (").append(c.reason()).append(")\n");
    if (!c.affectedInitiators().isEmpty()) {
      sb.append("  # initiators with live sessions: ")
          .append(String.join(", ", c.affectedInitiators()))
          .append('\n');
    }
    sb.append("  ")
        .append(paint(actionColor(c.action()), c.action().symbol()))
        .append(' ')
        .append(c.provider())
        .append('.')
        .append(c.kind())
        .append(" \"")
        .append(c.name())
        .append("\"");
    if (c.fields().isEmpty()) {
      sb.append('\n');
    } else {
      sb.append(" {\n");
      for (FieldChange f : c.fields()) {
        String sym = Wording.symbol(f);
        sb.append("      ")
            .append(paint(sym.equals("+") ? "32" : sym.equals("-") ? "31" : "33", sym))
            .append(' ')
            .append(Wording.field(f))
            .append('\n');
      }
      sb.append("    }\n");
    }
    for (Command cmd : c.commands()) {
      sb.append("      ").append(paint("2", Wording.command(cmd))).append('\n');
    }
  }

  private void unknownNodes(Plan plan, StringBuilder sb) {
    sb.append(paint("33;1", "Unknown nodes (not observed, nothing planned on them):"));
    sb.append('\n');
    plan.unknownNodes()
        .forEach(
            (n, r) ->
                sb.append("  ")
                    .append(paint("33", "!"))
                    .append(' ')
                    .append(n)
                    .append(": ")
                    .append(r)
                    .append('\n'));
  }

  private void findings(Plan plan, StringBuilder sb) {
    section(plan, Finding.Kind.ERROR, "Errors (these objects are not changed):", "31;1", sb);
    section(
        plan,
        Finding.Kind.UNMANAGED,
        "Unmanaged (on the node, not in the desired state; never destroyed):",
        "36",
        sb);
    section(plan, Finding.Kind.DRIFT, "Drift:", "33", sb);
    section(plan, Finding.Kind.WARNING, "Warnings:", "33", sb);
  }

  private void section(
      Plan plan, Finding.Kind kind, String title, String colour, StringBuilder sb) {
    List<Finding> list = plan.findings().stream().filter(f -> f.kind() == kind).toList();
    if (list.isEmpty()) return;
    sb.append('\n').append(paint(colour, title)).append('\n');
    for (Finding f : list) sb.append("  - ").append(Wording.finding(f)).append('\n');
  }

  private void attention(Plan plan, StringBuilder sb) {
    List<Change> list = Wording.attention(plan);
    if (list.isEmpty()) return;
    sb.append('\n')
        .append(paint("31;1", "Changes that need attention (" + list.size() + "):"))
        .append('\n');
    for (Change c : list) {
      sb.append("  ")
          .append(paint(impactColor(c.impact()), Wording.impact(c.impact())))
          .append(": ")
          .append(c.address())
          .append(' ')
          .append(c.action().phrase());
      if (!c.affectedInitiators().isEmpty()) {
        sb.append(" (initiators: ").append(String.join(", ", c.affectedInitiators())).append(')');
      }
      sb.append('\n');
    }
  }

  private static String actionColor(Action a) {
    return switch (a) {
      case CREATE -> "32";
      case UPDATE -> "33";
      case REPLACE -> "35";
      case DELETE -> "31";
    };
  }

  private static String impactColor(Impact i) {
    return switch (i) {
      case NONE -> "0";
      case DISRUPTIVE -> "33";
      case DESTRUCTIVE, BREAKING -> "31;1";
    };
  }

  private String paint(String sgr, String s) {
    if (!color || s.isEmpty()) return s;
    return "\u001b[" + sgr + "m" + s + RESET;
  }
}
