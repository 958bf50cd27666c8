package dev.sanctl.gitops;

import static dev.sanctl.gitops.StepRecorder.first;
import static dev.sanctl.gitops.StepRecorder.messages;
import static dev.sanctl.gitops.StepRecorder.warnings;

import dev.sanctl.core.apply.ApprovalPolicy;
import dev.sanctl.core.config.LoadResult;
import dev.sanctl.core.engine.Engine;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.usecase.ApplyReport;
import dev.sanctl.core.usecase.DriftOperation;
import dev.sanctl.gitops.WatchState.Outcome;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.Policy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The daemon's drift check: plans the last applied revision against live state, records and alerts
 * drift once per distinct drift ({@link DriftAlerts}), writes {@code last-drift.json}, and with
 * {@code selfHeal: true} repairs drift the policy allows through {@link CommitApplier}.
 */
final class DriftCheck {
  private final RepoFollower repo;
  private final Reconciler.EngineFactory engines;
  private final Path stateDir;
  private final WatchState state;
  private final AlertQueue queue;
  private final StepRecorder rec;
  private final CommitApplier applier;

  DriftCheck(
      RepoFollower repo,
      Reconciler.EngineFactory engines,
      Path stateDir,
      WatchState state,
      AlertQueue queue,
      StepRecorder rec,
      CommitApplier applier) {
    this.repo = repo;
    this.engines = engines;
    this.stateDir = stateDir;
    this.state = state;
    this.queue = queue;
    this.rec = rec;
    this.applier = applier;
  }

  /**
   * Checks the applied revision; returns its desired state, or null when there is none. Drift is
   * repaired ({@code selfHeal}) only when {@code mayRepair} (not while the daemon is suspended).
   */
  DesiredState check(List<WatchState.Result> added, boolean mayRepair) {
    String revision = state.lastApplied();
    if (revision == null) {
      state.driftChecked(rec.now(), "none", state.driftFingerprint());
      rec.log("drift check skipped: no revision applied yet");
      return null;
    }
    LoadResult loaded = repo.load(revision);
    if (!loaded.ok()) {
      rec.result(
          added,
          revision,
          Outcome.ERROR,
          "cannot read the applied revision: " + first(loaded.errors()));
      state.driftChecked(rec.now(), "error", state.driftFingerprint());
      return null;
    }
    DesiredState desired = loaded.state();
    try (Engine engine = engines.open(desired)) {
      DriftOperation.DriftReport report =
          new DriftOperation(engine).run(desired, List.of(), warnings(loaded));
      Plan plan = report.plan();
      Policy policy = desired.policy();
      boolean repairing =
          mayRepair
              && policy.selfHeal()
              && plan.hasChanges()
              && plan.complete()
              && !plan.errored()
              && ApprovalPolicy.of(policy).refusals(plan).isEmpty();
      AlertMessages messages = messages(desired);
      DriftAlerts.Outcome o =
          DriftAlerts.record(state, queue, messages, revision, plan, repairing, rec.now());
      report.write(stateDir, revision, rec.now());
      if (o == DriftAlerts.Outcome.CLEAN) return desired;
      if (o == DriftAlerts.Outcome.RESOLVED) {
        rec.result(added, revision, Outcome.CLEAN, "drift resolved");
        return desired;
      }
      rec.result(
          added,
          revision,
          plan.complete() ? Outcome.DRIFT : Outcome.INCOMPLETE,
          DriftAlerts.describe(plan));
      if (repairing) repair(engine, desired, revision, added);
    } catch (IOException | RuntimeException e) {
      rec.result(added, revision, Outcome.ERROR, "drift check failed: " + e.getMessage());
      state.driftChecked(rec.now(), "error", state.driftFingerprint());
    }
    return desired;
  }

  private void repair(
      Engine engine, DesiredState desired, String revision, List<WatchState.Result> added)
      throws IOException {
    ApplyReport report = applier.repair(engine, desired, revision, added);
    if (report == null) return;
    Plan after =
        report.replan() != null ? report.replan() : engine.plan(desired, List.of(), List.of());
    DriftAlerts.record(state, queue, messages(desired), revision, after, false, rec.now());
  }
}
