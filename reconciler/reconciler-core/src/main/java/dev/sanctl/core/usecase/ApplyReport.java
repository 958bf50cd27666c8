package dev.sanctl.core.usecase;

import dev.sanctl.core.apply.ApplyResult;
import dev.sanctl.core.apply.ChangeOutcome;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.render.PlanErrors;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What an {@link ApplyOperation} did, and its one verdict: the summary line, the status recorded in
 * {@code last-apply.json} and (through the CLI's mapping) the exit code all come from here.
 *
 * @param kind how far the operation got
 * @param plan the plan computed under the lock; null only for {@link Kind#LOCKED}
 * @param result the outcomes of the changes; null unless {@link Kind#APPLIED}
 * @param replan the verifying plan after the apply; null unless every change was applied
 * @param reasons why the operation stopped ({@link Kind#LOCKED}, {@link Kind#STALE}, {@link
 *     Kind#HELD}, {@link Kind#REFUSED}); empty otherwise
 * @param heldAt the checkpoint of a {@link Kind#HELD} operation, else null
 * @param journal the journal file of an {@link Kind#APPLIED} operation, else null
 */
public record ApplyReport(
    Kind kind,
    Plan plan,
    ApplyResult result,
    Plan replan,
    List<String> reasons,
    ApplyGate.Checkpoint heldAt,
    Path journal) {

  /** How far an apply got, in the order of {@link ApplyOperation}. */
  public enum Kind {
    /** Another apply holds the cluster lock; nothing was observed. */
    LOCKED,
    /** The saved plan differs from the fresh plan; nothing was applied. */
    STALE,
    /** The plan has errors; nothing was applied. */
    PLAN_ERRORS,
    /** The caller's gate held the plan; nothing was applied. */
    HELD,
    /** The plan has no changes. */
    NOTHING_TO_DO,
    /** The approval policy refused a change; nothing was applied. */
    REFUSED,
    /** The changes ran (see {@link #result}). */
    APPLIED
  }

  /** The verdict recorded for {@code sanctl status}. */
  public enum Status {
    OK,
    FAILED,
    INCOMPLETE;

    /** {@code ok}, {@code failed} or {@code incomplete}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public ApplyReport {
    reasons = List.copyOf(reasons);
  }

  static ApplyReport locked(String why) {
    return new ApplyReport(Kind.LOCKED, null, null, null, List.of(why), null, null);
  }

  static ApplyReport stopped(Kind kind, Plan plan, String why) {
    return new ApplyReport(
        kind, plan, null, null, why == null ? List.of() : List.of(why), null, null);
  }

  static ApplyReport held(Plan plan, ApplyGate.Checkpoint at, List<String> why) {
    return new ApplyReport(Kind.HELD, plan, null, null, why, at, null);
  }

  static ApplyReport refused(Plan plan, List<String> refusals) {
    return new ApplyReport(Kind.REFUSED, plan, null, null, refusals, null, null);
  }

  static ApplyReport applied(Plan plan, ApplyResult result, Plan replan, Path journal) {
    return new ApplyReport(Kind.APPLIED, plan, result, replan, List.of(), null, journal);
  }

  /** True when every change was applied and the verifying re-plan is empty. */
  public boolean converged() {
    return kind == Kind.APPLIED && result.ok() && replan != null && !replan.hasChanges();
  }

  /**
   * The verdict: {@code FAILED} for a plan with errors, a failed change or a non-empty re-plan;
   * {@code INCOMPLETE} when a node could not be observed (never {@code OK}); {@code OK} when
   * applied and converged or nothing to do; null when nothing was attempted (locked, stale, held,
   * refused).
   */
  public Status status() {
    return switch (kind) {
      case LOCKED, STALE, HELD, REFUSED -> null;
      case PLAN_ERRORS -> Status.FAILED;
      case NOTHING_TO_DO -> plan.complete() ? Status.OK : Status.INCOMPLETE;
      case APPLIED -> {
        if (!converged()) yield Status.FAILED;
        yield plan.complete() ? Status.OK : Status.INCOMPLETE;
      }
    };
  }

  /** True for {@link Status#OK}: the scope matches the desired state and every node was seen. */
  public boolean ok() {
    return status() == Status.OK;
  }

  /** Whether the verdict is recorded in {@code last-apply.json} (something was tried or wrong). */
  public boolean recorded() {
    return kind == Kind.PLAN_ERRORS
        || kind == Kind.APPLIED
        || (kind == Kind.NOTHING_TO_DO && !plan.complete());
  }

  /** The plan after the operation: the re-plan after an apply, the plan when nothing was to do. */
  public Plan after() {
    return kind == Kind.NOTHING_TO_DO ? plan : replan;
  }

  /** The last line of an apply's output, or null when there is nothing to say. */
  public String summary() {
    return switch (kind) {
      case LOCKED, STALE, HELD, REFUSED -> null;
      case PLAN_ERRORS ->
          "Apply failed: the plan has "
              + PlanErrors.lines(plan).size()
              + " error(s); nothing was applied.";
      case NOTHING_TO_DO ->
          plan.complete() ? null : "Apply incomplete: nothing was applied; " + unknown(plan);
      case APPLIED -> appliedSummary();
    };
  }

  private String appliedSummary() {
    if (!result.ok()) return result.summary();
    long applied = result.count(ChangeOutcome.Status.APPLIED);
    if (!converged()) {
      return "Apply failed: "
          + applied
          + " change(s) applied, but a new plan still has changes (see above).";
    }
    if (!plan.complete()) {
      return "Apply incomplete: " + applied + " change(s) applied; " + unknown(plan);
    }
    return result.summary();
  }

  private static String unknown(Plan plan) {
    return plan.unknownNodes().size()
        + " node(s) could not be observed and were left alone: "
        + String.join(", ", plan.unknownNodes().keySet())
        + ".";
  }
}
