package dev.sanctl.gitops;

import static dev.sanctl.gitops.StepRecorder.first;
import static dev.sanctl.gitops.StepRecorder.messages;
import static dev.sanctl.gitops.StepRecorder.short12;
import static dev.sanctl.gitops.StepRecorder.warnings;

import dev.sanctl.core.config.LoadResult;
import dev.sanctl.core.engine.Engine;
import dev.sanctl.gitops.WatchState.Outcome;
import dev.sanctl.spi.diag.Diagnostic;
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
import java.util.function.Function;

/**
 * The GitOps loop of {@code sanctl watch}. Each {@link #step()}: fetch the branch, and for every
 * new commit in order validate, plan and apply it under the {@link PolicyGuard policy in force}
 * ({@link CommitApplier}: the {@code ApplyOperation} of {@code sanctl apply}, so one apply at a
 * time and the cluster lock taken before anything is observed; a plan with errors applies nothing,
 * a commit that loosens the policy waits for a human); when the drift interval has passed, plan the
 * last applied revision against live state and report drift ({@link DriftCheck}, repairing it when
 * {@code selfHeal: true}); then deliver queued alerts. While {@link WatchSuspension suspended} new
 * commits wait and drift is reported, never repaired. Everything it learns is saved in {@link
 * WatchState} after each commit, so a restart resumes where it stopped. Time comes from the clock
 * and waiting from the {@link Sleeper}, so tests never wait on real intervals.
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
  private final StepRecorder rec;
  private final CommitApplier applier;
  private final DriftCheck drift;
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
    this.rec = new StepRecorder(state, queue, clock, log);
    this.applier = new CommitApplier(stateDir, clock, state, rec);
    this.drift = new DriftCheck(repo, engines, stateDir, state, queue, rec, applier);
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
    WatchSuspension suspended = WatchSuspension.read(stateDir).orElse(null);
    poll(added, suspended);
    if (latest == null && state.lastApplied() != null) {
      LoadResult applied = repo.load(state.lastApplied()); // alert settings after a restart
      if (applied.ok()) latest = applied.state();
    }
    if (driftDue()) {
      DesiredState checked = drift.check(added, suspended == null);
      if (latest == null) latest = checked;
    }
    deliverAlerts();
    state.save();
    return List.copyOf(added);
  }

  private void poll(List<WatchState.Result> added, WatchSuspension suspended) {
    String head;
    List<String> commits;
    try {
      head = repo.fetch();
      commits = repo.newCommits(state.lastSeen(), head);
    } catch (IOException e) {
      result(added, null, Outcome.ERROR, e.getMessage());
      return;
    }
    if (suspended != null && !commits.isEmpty()) {
      WatchState.Result last =
          state.results().stream()
              .filter(r -> r.outcome() == Outcome.SUSPENDED)
              .reduce((a, b) -> b)
              .orElse(null);
      if (last != null && head.equals(last.revision())) {
        added.add(last); // the same waiting head: recorded and logged at an earlier poll
        return;
      }
      String message =
          "suspended "
              + suspended.describe()
              + "; "
              + commits.size()
              + " new commit(s) wait (sanctl watch resume)";
      result(added, head, Outcome.SUSPENDED, message);
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
    try (Engine engine = engines.open(desired)) {
      return applier.applyCommit(engine, desired, warnings(loaded), guard, commit, added);
    } catch (IOException | RuntimeException e) {
      result(added, commit, Outcome.FAILED, "error: " + e.getMessage());
      alert(messages(desired).failed(commit, String.valueOf(e.getMessage()), null, now()));
      return true;
    }
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
    boolean suspended = WatchSuspension.read(stateDir).isPresent();
    if (p != null && p.revision().equals(commit) && !suspended) process(commit, added);
    state.save();
    return List.copyOf(added);
  }

  private boolean driftDue() {
    Instant last = state.lastDriftCheck();
    return last == null || !now().isBefore(last.plus(intervals.drift()));
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
    rec.alert(a);
  }

  private void result(List<WatchState.Result> added, String commit, Outcome o, String message) {
    rec.result(added, commit, o, message);
  }

  private void log(String line) {
    rec.log(line);
  }

  private Instant now() {
    return clock.instant();
  }
}
