package dev.sanctl.gitops;

import static dev.sanctl.gitops.StepRecorder.messages;
import static dev.sanctl.gitops.StepRecorder.short12;

import dev.sanctl.core.apply.ApplyResult;
import dev.sanctl.core.apply.ApprovalPolicy;
import dev.sanctl.core.engine.Engine;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.render.PlanErrors;
import dev.sanctl.core.usecase.ApplyGate;
import dev.sanctl.core.usecase.ApplyOperation;
import dev.sanctl.core.usecase.ApplyReport;
import dev.sanctl.core.usecase.ApplyRequest;
import dev.sanctl.gitops.WatchState.Outcome;
import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.Policy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The daemon's applies: a new commit, or a drift repair, through the {@link ApplyOperation} that
 * {@code sanctl apply} runs (the cluster lock before anything is observed), under the policy in
 * force; its {@link ApplyReport} becomes the outcome, the pending state and the alerts.
 */
final class CommitApplier {
  /** The {@code by} of the daemon's {@code last-apply.json}. */
  static final String BY = "sanctl watch";

  private final Path stateDir;
  private final Clock clock;
  private final WatchState state;
  private final StepRecorder rec;

  CommitApplier(Path stateDir, Clock clock, WatchState state, StepRecorder rec) {
    this.stateDir = stateDir;
    this.clock = clock;
    this.state = state;
    this.rec = rec;
  }

  /**
   * Applies {@code commit} under {@code guard}: a commit that loosens the policy, and with {@code
   * autoApply: false} any change, waits for a human. False when another apply holds the cluster
   * lock (retry at the next poll).
   */
  boolean applyCommit(
      Engine engine,
      DesiredState desired,
      List<Diagnostic> warnings,
      PolicyGuard guard,
      String commit,
      List<WatchState.Result> added)
      throws IOException {
    Policy policy = guard.effective();
    ApplyGate gate =
        new ApplyGate() {
          @Override
          public List<String> hold(Checkpoint at, Plan plan) {
            if (at == Checkpoint.VALID_PLAN) return guard.loosened();
            if (at == Checkpoint.CHANGES && !policy.autoApply()) {
              return List.of(
                  "policy.autoApply is false: "
                      + plan.changes().size()
                      + " change(s) wait for sanctl apply");
            }
            return List.of();
          }
        };
    ApplyReport report = run(engine, desired, warnings, policy, gate);
    return handle(report, desired, commit, added, Outcome.APPLIED);
  }

  /**
   * Repairs drift of the applied {@code revision} ({@code selfHeal: true}); the repair re-observes
   * under the lock and applies only a complete plan the policy allows. Returns the report, or null
   * when nothing was applied.
   */
  ApplyReport repair(
      Engine engine, DesiredState desired, String revision, List<WatchState.Result> added)
      throws IOException {
    ApplyGate gate =
        new ApplyGate() {
          @Override
          public List<String> hold(Checkpoint at, Plan plan) {
            if (at != Checkpoint.VALID_PLAN || plan.complete()) return List.of();
            return List.of("nodes could not be observed: " + plan.unknownNodes());
          }
        };
    ApplyReport report = run(engine, desired, List.of(), desired.policy(), gate);
    if (report.kind() != ApplyReport.Kind.APPLIED) {
      if (report.kind() != ApplyReport.Kind.LOCKED) {
        rec.log(
            short12(revision) + " repair not applied: " + report.kind() + " " + report.reasons());
      } else {
        rec.log(short12(revision) + " waiting: " + report.reasons().get(0));
      }
      return null;
    }
    handle(report, desired, revision, added, Outcome.REPAIRED);
    return report;
  }

  private ApplyReport run(
      Engine engine, DesiredState desired, List<Diagnostic> warnings, Policy policy, ApplyGate gate)
      throws IOException {
    ApplyRequest request =
        new ApplyRequest(desired, List.of(), warnings, null, ApprovalPolicy.of(policy), BY);
    return new ApplyOperation(engine, stateDir, clock).run(request, gate);
  }

  /** The report as the daemon's outcome; false when the lock is held. */
  private boolean handle(
      ApplyReport report,
      DesiredState desired,
      String commit,
      List<WatchState.Result> added,
      Outcome success) {
    Plan plan = report.plan();
    AlertMessages messages = messages(desired);
    switch (report.kind()) {
      case LOCKED -> {
        rec.log(short12(commit) + " waiting: " + report.reasons().get(0));
        return false;
      }
      case PLAN_ERRORS -> { // a plan with errors applies nothing
        rec.result(added, commit, Outcome.FAILED, why(plan) + "; nothing was applied");
        rec.alert(messages.failed(commit, why(plan), plan, rec.now()));
      }
      case HELD -> {
        List<String> reasons = report.reasons();
        state.pending(new WatchState.Pending(commit, rec.now(), reasons));
        if (report.heldAt() == ApplyGate.Checkpoint.VALID_PLAN) { // the policy was loosened
          rec.result(added, commit, Outcome.PENDING, reasons.get(0) + "; nothing was applied");
          rec.alert(messages.refused(commit, plan, reasons, rec.now()));
        } else {
          rec.result(added, commit, Outcome.PENDING, reasons.get(0));
        }
      }
      case NOTHING_TO_DO -> {
        if (plan.complete()) {
          state.applied(commit, rec.now());
          rec.result(added, commit, Outcome.NO_CHANGES, "live state already matches");
        } else {
          rec.result(added, commit, Outcome.INCOMPLETE, why(plan));
          rec.alert(messages.failed(commit, why(plan), plan, rec.now()));
        }
      }
      case REFUSED -> {
        List<String> refusals = report.reasons();
        state.pending(new WatchState.Pending(commit, rec.now(), refusals));
        rec.result(
            added,
            commit,
            Outcome.PENDING,
            refusals.size() + " change(s) not allowed by policy, first: " + refusals.get(0));
        rec.alert(messages.refused(commit, plan, refusals, rec.now()));
      }
      case STALE -> rec.result(added, commit, Outcome.FAILED, report.reasons().get(0));
      case APPLIED -> applied(report, messages, commit, added, success);
    }
    return true;
  }

  private void applied(
      ApplyReport report,
      AlertMessages messages,
      String commit,
      List<WatchState.Result> added,
      Outcome success) {
    Plan plan = report.plan();
    ApplyResult result = report.result();
    switch (report.status()) {
      case OK -> {
        state.applied(commit, rec.now());
        rec.result(added, commit, success, result.summary());
      }
      case INCOMPLETE -> {
        rec.result(added, commit, Outcome.INCOMPLETE, why(plan));
        rec.alert(messages.failed(commit, why(plan), plan, rec.now()));
      }
      case FAILED -> {
        if (result.ok()) {
          String why = "a new plan after the apply still has changes";
          rec.result(added, commit, Outcome.FAILED, why);
          rec.alert(messages.failed(commit, why, plan, rec.now()));
        } else {
          rec.result(added, commit, Outcome.FAILED, result.summary());
          rec.alert(messages.failed(commit, plan, result, rec.now()));
        }
      }
    }
  }

  /** Why a plan was not applied, or not completely. */
  private static String why(Plan plan) {
    if (plan.errored()) {
      List<String> errors = PlanErrors.lines(plan);
      return "the plan has " + errors.size() + " error(s), first: " + errors.get(0);
    }
    return "nodes could not be observed: " + plan.unknownNodes();
  }
}
