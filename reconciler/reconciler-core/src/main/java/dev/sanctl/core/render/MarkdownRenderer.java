package dev.sanctl.core.render;

import dev.sanctl.core.plan.Plan;
import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Finding;
import java.util.List;
import java.util.Map;

/**
 * A pull-request comment: title with the counts (and "incomplete" when a node could not be
 * observed), the unknown nodes first, then the breaking, destructive and disruptive changes, a
 * table per node, then per-node {@code <details>} sections with the changes as {@code diff} blocks,
 * and the findings. The comment stays under {@link #GITHUB_LIMIT} characters: details are truncated
 * from the end, the summary and the attention list never.
 */
public final class MarkdownRenderer implements PlanRenderer {
  /** GitHub rejects comment bodies longer than this many characters. */
  public static final int GITHUB_LIMIT = 65_536;

  private static final String TRUNCATED_NOTE =
      "\n_Details truncated to stay within GitHub's comment size limit: the full plan is in"
          + " `plan.json` (`sanctl plan --format json --out plan.json`) or the CI artifact._\n";

  private final int limit;

  public MarkdownRenderer() {
    this(GITHUB_LIMIT);
  }

  /** A renderer with another size limit (characters). */
  public MarkdownRenderer(int limit) {
    this.limit = limit;
  }

  @Override
  public String render(Plan plan) {
    String head = head(plan);
    String tail = tail(plan);
    int budget = limit - head.length() - tail.length() - TRUNCATED_NOTE.length() - 1;
    StringBuilder details = new StringBuilder();
    boolean truncated = false;
    for (Map.Entry<String, List<Change>> e : plan.changesByNode().entrySet()) {
      List<Change> changes = e.getValue();
      if (changes.isEmpty()) continue;
      String opening =
          "\n<details><summary>" + e.getKey() + " (" + count(changes.size()) + ")</summary>\n\n";
      String closing = "\n</details>\n";
      if (details.length() + opening.length() + closing.length() + 200 > budget) {
        truncated = true;
        break;
      }
      details.append(opening);
      int shown = 0;
      for (Change c : changes) {
        String block = change(c);
        if (details.length() + block.length() + closing.length() + 200 > budget) break;
        details.append(block);
        shown++;
      }
      if (shown < changes.size()) {
        truncated = true;
        details
            .append("\n_… ")
            .append(changes.size() - shown)
            .append(" more on ")
            .append(e.getKey())
            .append(" not shown._\n");
      }
      details.append(closing);
      if (truncated) break;
    }
    StringBuilder findings = new StringBuilder();
    String findingsText = findings(plan);
    if (!truncated && details.length() + findingsText.length() <= budget) {
      findings.append(findingsText);
    } else if (!findingsText.isEmpty()) {
      truncated = true;
    }
    StringBuilder sb = new StringBuilder(head).append(details).append(findings);
    if (truncated) sb.append(TRUNCATED_NOTE);
    return sb.append(tail).toString();
  }

  private static String count(int n) {
    return n + (n == 1 ? " change" : " changes");
  }

  private static String head(Plan plan) {
    StringBuilder sb = new StringBuilder();
    Plan.Summary s = plan.summary();
    String rev = plan.sourceRevision() == null ? "working tree" : "`" + shortRev(plan) + "`";
    sb.append("### Plan for ").append(rev).append(" — ");
    if (!plan.complete()) {
      sb.append("**incomplete: ").append(plan.unknownNodes().size()).append(" node(s) unknown**, ");
    }
    if (!plan.hasChanges()) {
      sb.append(plan.complete() ? "no changes\n" : "no changes on the observed nodes\n");
    } else {
      sb.append(s.add()).append(" to add, ").append(s.change()).append(" to change, ");
      sb.append(s.destroy() > 0 ? "**" + s.destroy() + " to destroy**" : "0 to destroy");
      sb.append('\n');
    }
    if (!plan.unknownNodes().isEmpty()) {
      sb.append("\n> [!CAUTION]\n> **Unknown nodes** (not observed, nothing planned on them):\n");
      plan.unknownNodes()
          .forEach((n, r) -> sb.append("> - `").append(n).append("`: ").append(r).append('\n'));
    }
    List<Change> attention = Wording.attention(plan);
    if (!attention.isEmpty()) {
      sb.append("\n> [!WARNING]\n> **")
          .append(attention.size())
          .append(" breaking, destructive or disruptive change(s)**\n>\n");
      for (Change c : attention) {
        sb.append("> - **")
            .append(Wording.impact(c.impact()))
            .append("**: `")
            .append(c.address())
            .append("` ")
            .append(c.action().phrase());
        if (!c.affectedInitiators().isEmpty()) {
          sb.append(" — initiators with live sessions: ");
          sb.append(
              String.join(", ", c.affectedInitiators().stream().map(i -> "`" + i + "`").toList()));
        }
        sb.append('\n');
      }
    }
    if (!plan.diagnostics().isEmpty()) {
      sb.append('\n');
      for (Diagnostic d : plan.diagnostics()) sb.append("- ").append(d.render()).append('\n');
    }
    sb.append("\n| Node | Status | Add | Change | Destroy | Unmanaged | Errors |\n");
    sb.append("|---|---|---:|---:|---:|---:|---:|\n");
    Map<String, List<Change>> byNode = plan.changesByNode();
    for (String n : plan.nodes()) {
      Plan.Summary ns = plan.withChanges(byNode.getOrDefault(n, List.of())).summary();
      List<Finding> f = plan.findingsOf(n);
      sb.append("| ")
          .append(n)
          .append(" | ")
          .append(plan.unknownNodes().containsKey(n) ? "unknown" : "observed")
          .append(" | ")
          .append(ns.add())
          .append(" | ")
          .append(ns.change())
          .append(" | ")
          .append(ns.destroy())
          .append(" | ")
          .append(f.stream().filter(x -> x.kind() == Finding.Kind.UNMANAGED).count())
          .append(" | ")
          .append(f.stream().filter(x -> x.kind() == Finding.Kind.ERROR).count())
          .append(" |\n");
    }
    return sb.toString();
  }

  private static String shortRev(Plan plan) {
    String r = plan.sourceRevision();
    return r.length() > 12 ? r.substring(0, 12) : r;
  }

  private static String tail(Plan plan) {
    String line = "\n**" + Wording.summaryLine(plan) + "**\n";
    return plan.complete() ? line : line + "\n**" + Wording.incomplete(plan) + "**\n";
  }

  private static String change(Change c) {
    StringBuilder sb = new StringBuilder("```diff\n");
    sb.append(Wording.header(c));
    if (c.impact() != dev.sanctl.spi.provider.Impact.NONE) {
      sb.append(" (").append(Wording.impact(c.impact())).append(')');
    }
    sb.append('\n');
    if (c.reason() != null) sb.append("# (").append(c.reason()).append(")\n");
    if (!c.affectedInitiators().isEmpty()) {
      sb.append("# initiators with live sessions: ")
          .append(String.join(", ", c.affectedInitiators()))
          .append('\n');
    }
    for (FieldChange f : c.fields()) {
      if (f.before() != null) {
        sb.append("- ")
            .append(f.path())
            .append(": ")
            .append(Wording.value(f, f.before()))
            .append('\n');
      }
      if (f.after() != null) {
        sb.append("+ ")
            .append(f.path())
            .append(": ")
            .append(Wording.value(f, f.after()))
            .append('\n');
      }
    }
    for (Command cmd : c.commands()) sb.append("# ").append(Wording.command(cmd)).append('\n');
    return sb.append("```\n").toString();
  }

  private static String findings(Plan plan) {
    if (plan.findings().isEmpty()) return "";
    StringBuilder sb = new StringBuilder("\n#### Findings\n\n");
    for (Finding f : plan.findings()) {
      sb.append("- **")
          .append(Wording.findingKind(f.kind()))
          .append("** ")
          .append(Wording.finding(f).replace("|", "\\|"))
          .append('\n');
    }
    return sb.toString();
  }
}
