package dev.sanctl.cli;

import dev.sanctl.core.apply.ApplyResult;
import dev.sanctl.core.apply.ChangeOutcome;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.render.PlanErrors;

/**
 * The one verdict of an apply, so that the summary line, the status recorded for {@code sanctl
 * status} and the exit code always agree.
 *
 * @param status {@code ok}, {@code failed} or {@code incomplete} (the {@code last-apply.json}
 *     status)
 * @param summary the last line on standard output
 * @param exitCode per {@link ExitCodes}
 */
record ApplyVerdict(String status, String summary, int exitCode) {

  /** A plan with errors applies nothing. */
  static ApplyVerdict planErrors(Plan plan) {
    return new ApplyVerdict(
        "failed",
        "Apply failed: the plan has "
            + PlanErrors.lines(plan).size()
            + " error(s); nothing was applied.",
        ExitCodes.ERROR);
  }

  /** A plan without changes: nothing to do, but only where live state was compared. */
  static ApplyVerdict nothingToDo(Plan plan) {
    if (plan.complete()) return new ApplyVerdict("ok", null, ExitCodes.OK);
    return new ApplyVerdict(
        "incomplete",
        "Apply incomplete: nothing was applied; " + unknown(plan),
        ExitCodes.INCOMPLETE);
  }

  /** After the changes ran: {@code converged} when a new plan of the same scope is empty. */
  static ApplyVerdict of(Plan plan, ApplyResult result, boolean converged) {
    if (!result.ok()) return new ApplyVerdict("failed", result.summary(), ExitCodes.ERROR);
    long applied = result.count(ChangeOutcome.Status.APPLIED);
    if (!converged) {
      return new ApplyVerdict(
          "failed",
          "Apply failed: "
              + applied
              + " change(s) applied, but a new plan still has changes (see above).",
          ExitCodes.ERROR);
    }
    if (!plan.complete()) {
      return new ApplyVerdict(
          "incomplete",
          "Apply incomplete: " + applied + " change(s) applied; " + unknown(plan),
          ExitCodes.INCOMPLETE);
    }
    return new ApplyVerdict("ok", result.summary(), ExitCodes.OK);
  }

  private static String unknown(Plan plan) {
    return plan.unknownNodes().size()
        + " node(s) could not be observed and were left alone: "
        + String.join(", ", plan.unknownNodes().keySet())
        + ".";
  }
}
