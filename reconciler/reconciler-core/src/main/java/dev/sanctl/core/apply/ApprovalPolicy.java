package dev.sanctl.core.apply;

import dev.sanctl.core.plan.Plan;
import dev.sanctl.spi.model.Policy;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.Impact;
import java.util.ArrayList;
import java.util.List;

/**
 * What an apply may do without refusing: destructive changes need {@code allowDestroy}; breaking
 * identity changes, and disruptive changes that affect initiators with live sessions or that {@link
 * Change#requiresApproval() require approval} (an export dropped at the next restart, a CHAP
 * account or access line removed, a managed block emptied), need {@code allowDisruptive}. A human
 * grants these with {@code --allow-destroy} and {@code --allow-disruptive}; the daemon takes them
 * from the cluster's {@code policy}.
 */
public record ApprovalPolicy(boolean allowDestroy, boolean allowDisruptive) {

  /** The policy of an unattended apply by the daemon. */
  public static ApprovalPolicy of(Policy p) {
    return new ApprovalPolicy(p.allowDestroy(), p.allowDisruptive());
  }

  /** One line per refused change, naming the flag and the initiators; empty when allowed. */
  public List<String> refusals(Plan plan) {
    List<String> out = new ArrayList<>();
    for (Change c : plan.changes()) {
      String flag = flagNeeded(c);
      if (flag == null) continue;
      StringBuilder sb = new StringBuilder();
      sb.append(c.address())
          .append(' ')
          .append(c.action().phrase())
          .append(" (")
          .append(c.impact().name().toLowerCase(java.util.Locale.ROOT))
          .append(")");
      if (!c.affectedInitiators().isEmpty()) {
        sb.append(", initiators with live sessions: ")
            .append(String.join(", ", c.affectedInitiators()));
      }
      sb.append(": needs ").append(flag);
      out.add(sb.toString());
    }
    return out;
  }

  private String flagNeeded(Change c) {
    if (c.impact() == Impact.DESTRUCTIVE && !allowDestroy) return "--allow-destroy";
    if (c.impact() == Impact.BREAKING && !allowDisruptive) return "--allow-disruptive";
    if (c.impact() == Impact.DISRUPTIVE
        && (c.requiresApproval() || !c.affectedInitiators().isEmpty())
        && !allowDisruptive) {
      return "--allow-disruptive";
    }
    return null;
  }
}
