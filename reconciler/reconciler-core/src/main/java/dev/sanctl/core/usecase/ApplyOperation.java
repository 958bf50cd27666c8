package dev.sanctl.core.usecase;

import dev.sanctl.core.apply.Applier;
import dev.sanctl.core.apply.ApplyResult;
import dev.sanctl.core.apply.ClusterLock;
import dev.sanctl.core.apply.Journal;
import dev.sanctl.core.apply.StalePlanCheck;
import dev.sanctl.core.engine.ClusterObservation;
import dev.sanctl.core.engine.Engine;
import dev.sanctl.core.plan.Plan;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The apply use case, the same for {@code sanctl apply}, the {@code watch} daemon, {@code sanctl
 * demo} and the provider contract. In this order:
 *
 * <ol>
 *   <li>take the cluster lock ({@link ApplyReport.Kind#LOCKED} when another apply holds it; nothing
 *       is observed before the lock is held);
 *   <li>observe the nodes of the scope and plan;
 *   <li>refuse a stale saved plan ({@link ApplyReport.Kind#STALE});
 *   <li>a plan with errors applies nothing ({@link ApplyReport.Kind#PLAN_ERRORS});
 *   <li>the gate's {@link ApplyGate.Checkpoint#VALID_PLAN} hold;
 *   <li>no changes: {@link ApplyReport.Kind#NOTHING_TO_DO} (incomplete when a node is unknown);
 *   <li>the gate's {@link ApplyGate.Checkpoint#CHANGES} hold;
 *   <li>the approval policy ({@link ApplyReport.Kind#REFUSED});
 *   <li>the gate's {@link ApplyGate.Checkpoint#ALLOWED} hold (the CLI asks for {@code yes});
 *   <li>apply with a journal, then re-plan the same scope: it must be empty;
 *   <li>record the verdict in {@code last-apply.json} ({@link LastApply}) and release the lock.
 * </ol>
 *
 * Incomplete is never success: a node that could not be observed makes the verdict {@code
 * incomplete}, never {@code ok}.
 */
public final class ApplyOperation {
  private final Engine engine;
  private final Path stateDir;
  private final Clock clock;

  public ApplyOperation(Engine engine, Path stateDir, Clock clock) {
    this.engine = engine;
    this.stateDir = stateDir;
    this.clock = clock;
  }

  /**
   * Runs the apply.
   *
   * @throws IOException when the state directory cannot be written (lock, journal)
   */
  public ApplyReport run(ApplyRequest request, ApplyGate gate) throws IOException {
    try (ClusterLock lock = ClusterLock.acquire(stateDir, clock)) {
      gate.locked();
      ApplyReport report = underLock(request, gate);
      if (report.recorded()) {
        LastApply.write(stateDir, report, request.desired().revision(), clock, request.by());
      }
      return report;
    } catch (ClusterLock.HeldException e) {
      return ApplyReport.locked(e.getMessage());
    }
  }

  private ApplyReport underLock(ApplyRequest r, ApplyGate gate) {
    ClusterObservation observed = engine.observe(r.desired(), r.scope());
    Plan plan = engine.plan(r.desired(), observed, r.warnings());
    if (r.saved() != null) {
      Optional<String> stale = StalePlanCheck.staleness(r.saved(), plan);
      if (stale.isPresent()) return ApplyReport.stopped(ApplyReport.Kind.STALE, plan, stale.get());
    }
    gate.planned(plan);
    if (plan.errored()) return ApplyReport.stopped(ApplyReport.Kind.PLAN_ERRORS, plan, null);
    Optional<ApplyReport> held = hold(gate, ApplyGate.Checkpoint.VALID_PLAN, plan);
    if (held.isPresent()) return held.get();
    if (!plan.hasChanges()) return ApplyReport.stopped(ApplyReport.Kind.NOTHING_TO_DO, plan, null);
    held = hold(gate, ApplyGate.Checkpoint.CHANGES, plan);
    if (held.isPresent()) return held.get();
    List<String> refused = r.approval().refusals(plan);
    if (!refused.isEmpty()) return ApplyReport.refused(plan, refused);
    held = hold(gate, ApplyGate.Checkpoint.ALLOWED, plan);
    if (held.isPresent()) return held.get();
    Journal journal = new Journal(stateDir, clock);
    ApplyResult result =
        new Applier(engine, journal).apply(r.desired(), plan, observed, gate::progress);
    gate.applied(result);
    Plan replan = result.ok() ? engine.plan(r.desired(), r.scope(), r.warnings()) : null;
    return ApplyReport.applied(plan, result, replan, journal.file());
  }

  private static Optional<ApplyReport> hold(ApplyGate gate, ApplyGate.Checkpoint at, Plan plan) {
    List<String> why = gate.hold(at, plan);
    return why.isEmpty() ? Optional.empty() : Optional.of(ApplyReport.held(plan, at, why));
  }
}
