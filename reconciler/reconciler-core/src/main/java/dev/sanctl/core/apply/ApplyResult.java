package dev.sanctl.core.apply;

import java.util.List;

/** The outcomes of an apply, in plan order. */
public record ApplyResult(List<ChangeOutcome> outcomes) {
  public ApplyResult {
    outcomes = List.copyOf(outcomes);
  }

  public boolean ok() {
    return outcomes.stream().allMatch(o -> o.status() == ChangeOutcome.Status.APPLIED);
  }

  public long count(ChangeOutcome.Status s) {
    return outcomes.stream().filter(o -> o.status() == s).count();
  }

  /** {@code Apply complete: N applied.} or the failure counts. */
  public String summary() {
    if (ok()) return "Apply complete! " + outcomes.size() + " change(s) applied.";
    return "Apply failed: "
        + count(ChangeOutcome.Status.APPLIED)
        + " applied, "
        + count(ChangeOutcome.Status.FAILED)
        + " failed, "
        + count(ChangeOutcome.Status.SKIPPED)
        + " skipped.";
  }
}
