package dev.sanctl.gitops;

import dev.sanctl.core.apply.Applier;
import dev.sanctl.core.apply.ApplyResult;
import dev.sanctl.core.apply.ApprovalPolicy;
import dev.sanctl.core.apply.ChangeOutcome;
import dev.sanctl.core.apply.ClusterLock;
import dev.sanctl.core.apply.Journal;
import dev.sanctl.core.apply.StateFile;
import dev.sanctl.core.config.LoadResult;
import dev.sanctl.core.engine.ClusterObservation;
import dev.sanctl.core.engine.Engine;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.render.PlanErrors;
import dev.sanctl.gitops.WatchState.Outcome;
import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.diag.Severity;
import dev.sanctl.spi.model.Alerts;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.Policy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The GitOps loop of {@code sanctl watch}. Each {@link #step()}: fetch the branch, and for every
 * new commit in order validate, plan and apply it under the {@link PolicyGuard policy in force}
 * (one apply at a time, under the cluster lock; a plan with errors applies nothing, a commit that
 * loosens the policy waits for a human); when the drift interval has passed, plan the last applied
 * revision against live state and report drift (repairing it when {@code selfHeal: true}); then
 * deliver queued alerts. Everything it learns is saved in {@link WatchState} after each commit, so
 * a restart resumes where it stopped. Time comes from the clock and waiting from the {@link
 * Sleeper}, so tests never wait on real intervals.
 */
public final class Reconciler {
  /** Opens an engine (providers and node transports) for a desired state. */
  @FunctionalInterface
  public interface EngineFactory {
    Engine open(DesiredState desired) throws IOException;
  }

  /** Waits between steps; returns early when woken by {@link Reconciler#stop()}. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** How often to poll the branch and to check drift. */
  public record Intervals(Duration poll, Duration drift) {}

  private final RepoFollower repo;
  private final Path stateDir;
  private final EngineFactory engines;
  private final Function<Alerts.Email, AlertSender> mailers;
  private final Clock clock;
  private final Intervals intervals;
  private final PrintWriter log;
  private final WatchState state;
  private final AlertQueue queue;
  private volatile boolean stopped;
  private DesiredState latest;

  public Reconciler(
      RepoFollower repo,
      Path stateDir,
      EngineFactory engines,
      Function<Alerts.Email, AlertSender> mailers,
      Clock clock,
      Intervals intervals,
      PrintWriter log) {
    this.repo = repo;
    this.stateDir = stateDir;
    this.engines = engines;
    this.mailers = mailers;
    this.clock = clock;
    this.intervals = intervals;
    this.log = log;
    this.state = WatchState.load(stateDir);
    this.queue = AlertQueue.load(stateDir);
  }

  public WatchState state() {
    return state;
  }

  public AlertQueue queue() {
    return queue;
  }

  /** Asks {@link #run} to stop after the current step (an apply in progress finishes). */
  public void stop() {
    stopped = true;
  }

  public boolean stopped() {
    return stopped;
  }

  /** Runs steps until {@link #stop()}, sleeping the poll interval between them. */
  public void run(Sleeper sleeper) {
    while (!stopped) {
      step();
      if (stopped) break;
      try {
        sleeper.sleep(intervals.poll());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    log("stopped");
  }

  /**
   * One poll, one drift check when due, one alert delivery. Returns the results of this step (also
   * appended to the state).
   */
  public List<WatchState.Result> step() {
    List<WatchState.Result> added = new ArrayList<>();
    poll(added);
    if (latest == null && state.lastApplied() != null) {
      LoadResult applied = repo.load(state.lastApplied()); // alert settings after a restart
      if (applied.ok()) latest = applied.state();
    }
    if (driftDue()) checkDrift(added);
    deliverAlerts();
    state.save();
    return List.copyOf(added);
  }

  private void poll(List<WatchState.Result> added) {
    String head;
    List<String> commits;
    try {
      head = repo.fetch();
      commits = repo.newCommits(state.lastSeen(), head);
    } catch (IOException e) {
      result(added, null, Outcome.ERROR, e.getMessage());
      return;
    }
    for (String commit : commits) {
      if (stopped) return;
      if (!process(commit, added)) return; // the cluster lock is held: retry at the next poll
      state.lastSeen(commit);
      state.save();
    }
  }

  /** Validates, plans and applies one commit; false when it must be retried later. */
  private boolean process(String commit, List<WatchState.Result> added) {
    LoadResult loaded = repo.load(commit);
    if (!loaded.ok()) {
      List<Diagnostic> errors = loaded.errors();
      result(added, commit, Outcome.INVALID, errors.size() + " error(s), first: " + first(errors));
      alert(messages(latest).invalid(commit, errors, now()));
      return true;
    }
    DesiredState desired = loaded.state();
    latest = desired;
    PolicyGuard guard = new PolicyGuard(guardPolicy(desired), desired.policy());
    Policy policy = guard.effective();
    try (Engine engine = engines.open(desired)) {
      ClusterObservation observed = engine.observe(desired, List.of());
      Plan plan = engine.plan(desired, observed, warnings(loaded));
      if (plan.errored()) { // a plan with errors applies nothing
        result(added, commit, Outcome.FAILED, incomplete(plan) + "; nothing was applied");
        alert(messages(desired).failed(commit, incomplete(plan), plan, now()));
        return true;
      }
      List<String> loosened = guard.loosened();
      if (!loosened.isEmpty()) {
        state.pending(new WatchState.Pending(commit, now(), loosened));
        result(added, commit, Outcome.PENDING, loosened.get(0) + "; nothing was applied");
        alert(messages(desired).refused(commit, plan, loosened, now()));
        return true;
      }
      if (!plan.hasChanges()) {
        if (plan.complete()) {
          state.applied(commit, now());
          result(added, commit, Outcome.NO_CHANGES, "live state already matches");
        } else {
          result(added, commit, Outcome.INCOMPLETE, incomplete(plan));
          alert(messages(desired).failed(commit, incomplete(plan), plan, now()));
        }
        return true;
      }
      if (!policy.autoApply()) {
        List<String> why =
            List.of(
                "policy.autoApply is false: "
                    + plan.changes().size()
                    + " change(s) wait for sanctl apply");
        state.pending(new WatchState.Pending(commit, now(), why));
        result(added, commit, Outcome.PENDING, why.get(0));
        return true;
      }
      List<String> refusals = ApprovalPolicy.of(policy).refusals(plan);
      if (!refusals.isEmpty()) {
        state.pending(new WatchState.Pending(commit, now(), refusals));
        result(
            added,
            commit,
            Outcome.PENDING,
            refusals.size() + " change(s) not allowed by policy, first: " + refusals.get(0));
        alert(messages(desired).refused(commit, plan, refusals, now()));
        return true;
      }
      return applyCommit(engine, desired, plan, observed, commit, added, Outcome.APPLIED);
    } catch (IOException | RuntimeException e) {
      result(added, commit, Outcome.FAILED, "error: " + e.getMessage());
      alert(messages(desired).failed(commit, String.valueOf(e.getMessage()), null, now()));
      return true;
    }
  }

  /** Applies under the cluster lock; false when another apply holds the lock. */
  private boolean applyCommit(
      Engine engine,
      DesiredState desired,
      Plan plan,
      ClusterObservation observed,
      String commit,
      List<WatchState.Result> added,
      Outcome success)
      throws IOException {
    ApplyResult result;
    boolean converged;
    try (ClusterLock lock = ClusterLock.acquire(stateDir, clock)) {
      Journal journal = new Journal(stateDir, clock);
      result = new Applier(engine, journal).apply(desired, plan, observed, null);
      converged =
          result.ok()
              && plan.complete()
              && !engine.plan(desired, List.of(), List.of()).hasChanges();
    } catch (ClusterLock.HeldException e) {
      log(short12(commit) + " waiting: " + e.getMessage());
      return false;
    }
    Map<String, Object> m = new TreeMap<>();
    m.put("revision", commit);
    m.put("time", now().toString());
    m.put("status", converged ? "ok" : result.ok() && !plan.complete() ? "incomplete" : "failed");
    m.put("applied", result.count(ChangeOutcome.Status.APPLIED));
    m.put("failed", result.count(ChangeOutcome.Status.FAILED));
    m.put("skipped", result.count(ChangeOutcome.Status.SKIPPED));
    m.put("by", "sanctl watch");
    StateFile.write(stateDir, StateFile.LAST_APPLY, m);
    if (converged) {
      state.applied(commit, now());
      result(added, commit, success, result.summary());
    } else {
      String why = result.ok() ? incomplete(plan) : result.summary();
      boolean onlyUnknownNodes = result.ok() && !plan.complete();
      result(added, commit, onlyUnknownNodes ? Outcome.INCOMPLETE : Outcome.FAILED, why);
      alert(
          result.ok()
              ? messages(desired).failed(commit, why, plan, now())
              : messages(desired).failed(commit, plan, result, now()));
    }
    return true;
  }

  private static String incomplete(Plan plan) {
    if (plan.errored()) {
      List<String> errors = PlanErrors.lines(plan);
      return "the plan has " + errors.size() + " error(s), first: " + errors.get(0);
    }
    if (!plan.complete()) return "nodes could not be observed: " + plan.unknownNodes();
    return "a new plan after the apply still has changes";
  }

  /** The policy in force before a commit (see {@link PolicyGuard}). */
  private Policy guardPolicy(DesiredState commit) {
    String revision = state.policyRevision();
    if (revision == null) return PolicyGuard.bootstrap(commit.policy());
    LoadResult guarding = repo.load(revision);
    return guarding.ok() ? guarding.state().policy() : Policy.DEFAULTS;
  }

  /**
   * A human accepts the {@code policy} of {@code revision} after reviewing it: from now on it
   * guards the commits, and a commit pending for that policy change is processed again under it.
   */
  public List<WatchState.Result> acceptPolicy(String revision) {
    List<WatchState.Result> added = new ArrayList<>();
    LoadResult loaded = repo.load(revision);
    if (!loaded.ok()) {
      result(added, revision, Outcome.ERROR, "cannot accept the policy: " + first(loaded.errors()));
      state.save();
      return added;
    }
    String commit = loaded.state().revision();
    state.policyAccepted(commit);
    log(short12(commit) + " policy accepted: " + loaded.state().policy());
    WatchState.Pending p = state.pending();
    if (p != null && p.revision().equals(commit)) process(commit, added);
    state.save();
    return List.copyOf(added);
  }

  private boolean driftDue() {
    Instant last = state.lastDriftCheck();
    return last == null || !now().isBefore(last.plus(intervals.drift()));
  }

  private void checkDrift(List<WatchState.Result> added) {
    String revision = state.lastApplied();
    if (revision == null) {
      state.driftChecked(now(), "none", state.driftFingerprint());
      log("drift check skipped: no revision applied yet");
      return;
    }
    LoadResult loaded = repo.load(revision);
    if (!loaded.ok()) {
      result(
          added,
          revision,
          Outcome.ERROR,
          "cannot read the applied revision: " + first(loaded.errors()));
      state.driftChecked(now(), "error", state.driftFingerprint());
      return;
    }
    DesiredState desired = loaded.state();
    if (latest == null) latest = desired;
    try (Engine engine = engines.open(desired)) {
      ClusterObservation observed = engine.observe(desired, List.of());
      Plan plan = engine.plan(desired, observed, warnings(loaded));
      Policy policy = desired.policy();
      boolean repairing =
          policy.selfHeal()
              && plan.hasChanges()
              && plan.complete()
              && !plan.errored()
              && ApprovalPolicy.of(policy).refusals(plan).isEmpty();
      DriftAlerts.Outcome o =
          DriftAlerts.record(state, queue, messages(desired), revision, plan, repairing, now());
      StateFile.write(stateDir, StateFile.LAST_DRIFT, DriftAlerts.lastDrift(plan, revision, now()));
      if (o == DriftAlerts.Outcome.CLEAN) return;
      if (o == DriftAlerts.Outcome.RESOLVED) {
        result(added, revision, Outcome.CLEAN, "drift resolved");
        return;
      }
      result(
          added,
          revision,
          plan.complete() ? Outcome.DRIFT : Outcome.INCOMPLETE,
          DriftAlerts.describe(plan));
      if (repairing) repair(engine, desired, plan, observed, revision, added);
    } catch (IOException | RuntimeException e) {
      result(added, revision, Outcome.ERROR, "drift check failed: " + e.getMessage());
      state.driftChecked(now(), "error", state.driftFingerprint());
    }
  }

  private void repair(
      Engine engine,
      DesiredState desired,
      Plan plan,
      ClusterObservation observed,
      String revision,
      List<WatchState.Result> added)
      throws IOException {
    if (!applyCommit(engine, desired, plan, observed, revision, added, Outcome.REPAIRED)) return;
    Plan after = engine.plan(desired, List.of(), List.of());
    DriftAlerts.record(state, queue, messages(desired), revision, after, false, now());
  }

  private void deliverAlerts() {
    if (queue.pending().isEmpty()) return;
    Alerts.Email email = latest == null ? null : latest.alerts().email();
    if (email == null) {
      log(queue.pending().size() + " alert(s) queued, but no alerts.email is configured");
      return;
    }
    int sent = queue.deliver(mailers.apply(email), now());
    if (sent > 0) log(sent + " alert(s) sent");
    if (!queue.pending().isEmpty()) {
      Alert head = queue.pending().get(0);
      if (head.lastError() != null) {
        log(
            queue.pending().size()
                + " alert(s) queued, next attempt "
                + head.nextAttempt()
                + ": "
                + head.lastError());
      }
    }
  }

  private void alert(Alert a) {
    queue.add(a);
  }

  private AlertMessages messages(DesiredState desired) {
    return new AlertMessages(desired == null ? "?" : desired.cluster().name());
  }

  private void result(List<WatchState.Result> added, String commit, Outcome o, String message) {
    WatchState.Result r = new WatchState.Result(now(), commit, o, message);
    state.record(r);
    added.add(r);
    log((commit == null ? "-" : short12(commit)) + " " + o.key() + ": " + message);
  }

  private void log(String line) {
    log.println(now() + " " + line);
    log.flush();
  }

  private Instant now() {
    return clock.instant();
  }

  private static String short12(String commit) {
    return commit.length() > 12 ? commit.substring(0, 12) : commit;
  }

  private static List<Diagnostic> warnings(LoadResult r) {
    return r.diagnostics().stream().filter(d -> d.severity() == Severity.WARNING).toList();
  }

  private static String first(List<Diagnostic> errors) {
    return errors.isEmpty() ? "?" : errors.get(0).render().lines().findFirst().orElse("");
  }
}
