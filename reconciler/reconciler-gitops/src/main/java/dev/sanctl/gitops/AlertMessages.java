package dev.sanctl.gitops;

import dev.sanctl.core.apply.ApplyResult;
import dev.sanctl.core.apply.ChangeOutcome;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.render.TextRenderer;
import dev.sanctl.spi.diag.Diagnostic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The wording of every alert. Bodies hold the plan as the text renderer prints it (without colour),
 * which masks secrets; the HTML part is the same text, escaped, with a heading.
 */
public final class AlertMessages {
  private final String cluster;

  public AlertMessages(String cluster) {
    this.cluster = cluster;
  }

  /** A new drift (one mail per distinct drift). */
  public Alert drift(String revision, Plan plan, boolean repairing, Instant now) {
    List<String> lines = new ArrayList<>();
    lines.add("Live state of cluster " + cluster + " differs from revision " + rev(revision) + ".");
    lines.add(
        repairing
            ? "The policy sets selfHeal: true, so sanctl watch applies the plan below to repair it."
            : "Nothing was changed. Review the plan below, then fix the cause or run sanctl"
                + " apply.");
    lines.add("Drift fingerprint: " + DriftFingerprint.of(plan));
    return alert("drift", "drift detected", lines, plan, now);
  }

  /** The drift reported earlier is gone. */
  public Alert resolved(String revision, String fingerprint, Instant now) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "Live state of cluster "
            + cluster
            + " matches revision "
            + rev(revision)
            + " again: the drift reported earlier (fingerprint "
            + fingerprint
            + ") is resolved.");
    return alert("resolved", "drift resolved", lines, null, now);
  }

  /** An apply that failed. */
  public Alert failed(String revision, Plan plan, ApplyResult result, Instant now) {
    List<String> lines = new ArrayList<>();
    lines.add("Applying revision " + rev(revision) + " to cluster " + cluster + " failed.");
    lines.add(result.summary());
    for (ChangeOutcome o : result.outcomes()) {
      if (o.status() != ChangeOutcome.Status.APPLIED) {
        lines.add("  " + o.address() + ": " + o.status().name().toLowerCase() + ": " + o.message());
      }
    }
    lines.add(
        "The journal in the state directory has every step; the next apply finishes the rest.");
    return alert("failed", "apply failed", lines, plan, now);
  }

  /** An apply that failed before it could run (lock held, nodes unknown, not converged). */
  public Alert failed(String revision, String why, Plan plan, Instant now) {
    List<String> lines = new ArrayList<>();
    lines.add("Applying revision " + rev(revision) + " to cluster " + cluster + " failed: " + why);
    return alert("failed", "apply failed", lines, plan, now);
  }

  /** Changes the policy does not let the daemon apply. */
  public Alert refused(String revision, Plan plan, List<String> reasons, Instant now) {
    List<String> lines = new ArrayList<>();
    lines.add(revisionOf(revision) + " was not applied: the policy does not allow these changes.");
    reasons.forEach(r -> lines.add("  " + r));
    if (reasons.stream().anyMatch(r -> r.startsWith("policy."))) {
      lines.add(
          "The commit changes the policy itself: review the change and the plan below, then accept"
              + " it with sanctl watch --accept-policy "
              + (revision == null ? "REVISION" : revision)
              + " (or revert it).");
    } else {
      lines.add(
          "A human applies them with sanctl apply (and the flags named above) when intended.");
    }
    return alert("refused", "apply refused by policy", lines, plan, now);
  }

  /** A commit whose configuration is not valid: never applied. */
  public Alert invalid(String revision, List<Diagnostic> errors, Instant now) {
    List<String> lines = new ArrayList<>();
    lines.add(revisionOf(revision) + " is not a valid configuration and was not applied:");
    errors.forEach(d -> lines.add("  " + d.render().replace("\n", "\n  ")));
    lines.add("The next valid commit is applied as usual.");
    return alert("invalid", "invalid commit skipped", lines, null, now);
  }

  private Alert alert(String kind, String what, List<String> lines, Plan plan, Instant now) {
    String subject = "[sanctl] " + cluster + ": " + what;
    String planText = plan == null ? null : new TextRenderer(false).render(plan);
    StringBuilder text = new StringBuilder();
    lines.forEach(l -> text.append(l).append('\n'));
    if (planText != null) text.append('\n').append(planText);
    StringBuilder html = new StringBuilder("<html><body>\n<h2>").append(escape(subject));
    html.append("</h2>\n");
    lines.forEach(l -> html.append("<p>").append(escape(l)).append("</p>\n"));
    if (planText != null) html.append("<pre>").append(escape(planText)).append("</pre>\n");
    html.append("</body></html>\n");
    return Alert.of(kind, subject, text.toString(), html.toString(), now);
  }

  private String revisionOf(String revision) {
    return "Revision " + rev(revision) + " of cluster " + cluster;
  }

  private static String rev(String revision) {
    if (revision == null) return "(working tree)";
    return revision.length() > 12 ? revision.substring(0, 12) : revision;
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
