package dev.sanctl.gitops;

import dev.sanctl.core.plan.Plan;
import dev.sanctl.spi.provider.Finding;
import java.time.Instant;
import java.util.Objects;

/**
 * Turns a drift check into at most one alert: a mail when the drift's fingerprint is new (not again
 * while it stays the same), a recovery mail when drift reported earlier is gone. The fingerprint of
 * the reported drift lives in {@link WatchState}, shared by {@code sanctl watch} and {@code sanctl
 * drift --notify}.
 */
public final class DriftAlerts {
  private DriftAlerts() {}

  /** What a drift check found, compared with the drift reported before. */
  public enum Outcome {
    CLEAN,
    RESOLVED,
    NEW_DRIFT,
    SAME_DRIFT
  }

  /** Compares, queues the alert if any, and records the check in the state (not saved). */
  public static Outcome record(
      WatchState state,
      AlertQueue queue,
      AlertMessages messages,
      String revision,
      Plan plan,
      boolean repairing,
      Instant now) {
    String before = state.driftFingerprint();
    String fingerprint = DriftFingerprint.of(plan);
    Outcome o;
    if (fingerprint == null) {
      o = before == null ? Outcome.CLEAN : Outcome.RESOLVED;
      if (o == Outcome.RESOLVED) queue.add(messages.resolved(revision, before, now));
    } else if (fingerprint.equals(before)) {
      o = Outcome.SAME_DRIFT;
    } else {
      o = Outcome.NEW_DRIFT;
      queue.add(messages.drift(revision, plan, repairing, now));
    }
    String status = !plan.complete() ? "incomplete" : fingerprint == null ? "clean" : "drift";
    state.driftChecked(now, status, fingerprint);
    return o;
  }

  /** What {@link #notify} did: the comparison, and the alerts still queued after delivery. */
  public record Notified(Outcome outcome, int sent, java.util.List<Alert> queued) {}

  /**
   * {@code sanctl drift --notify}: compares the plan's drift with the drift reported before (the
   * daemon's state in {@code stateDir}), queues the alert if any, saves, and delivers the queue.
   */
  public static Notified notify(
      java.nio.file.Path stateDir,
      dev.sanctl.spi.model.DesiredState desired,
      Plan plan,
      AlertSender sender,
      Instant now) {
    WatchState state = WatchState.load(stateDir);
    AlertQueue queue = AlertQueue.load(stateDir);
    AlertMessages messages = new AlertMessages(desired.cluster().name());
    Outcome o = record(state, queue, messages, desired.revision(), plan, false, now);
    state.save();
    int sent = queue.deliver(sender, now);
    return new Notified(o, sent, queue.pending());
  }

  /** One line: counts of what differs. */
  public static String describe(Plan plan) {
    long findings =
        plan.findings().stream()
            .filter(f -> f.kind() == Finding.Kind.DRIFT || f.kind() == Finding.Kind.ERROR)
            .count();
    return plan.changes().size()
        + " change(s), "
        + findings
        + " drift finding(s), "
        + plan.unknownNodes().size()
        + " unknown node(s); fingerprint "
        + Objects.requireNonNullElse(DriftFingerprint.of(plan), "-");
  }
}
