package dev.sanctl.cli;

import dev.sanctl.gitops.AlertQueue;
import dev.sanctl.gitops.WatchState;
import dev.sanctl.gitops.WatchSuspension;
import java.io.PrintWriter;
import java.nio.file.Path;

/** The lines {@code sanctl status} adds when {@code sanctl watch} runs with this state dir. */
final class WatchStatus {
  private WatchStatus() {}

  static void print(Path stateDir, PrintWriter out) {
    try {
      printState(stateDir, out);
    } catch (IllegalStateException | java.io.UncheckedIOException e) {
      out.println("Watch state: unreadable: " + e.getMessage());
    }
  }

  private static void printState(Path stateDir, PrintWriter out) {
    WatchSuspension.read(stateDir)
        .ifPresent(
            s ->
                out.println(
                    "Watch: suspended "
                        + s.describe()
                        + " (applies nothing, reports drift; resume with: sanctl watch resume"
                        + " --state-dir "
                        + stateDir
                        + ")"));
    WatchState w = WatchState.read(stateDir).orElse(null);
    if (w == null) return;
    if (w.lastSeen() != null) {
      out.println(
          "Watch: last seen revision "
              + orNone(w.lastSeen())
              + ", last applied revision "
              + orNone(w.lastApplied())
              + (w.lastAppliedAt() == null ? "" : " at " + w.lastAppliedAt())
              + ", last drift check "
              + (w.lastDriftCheck() == null
                  ? "never"
                  : w.driftStatus() + " at " + w.lastDriftCheck()));
    }
    WatchState.Pending p = w.pending();
    if (p != null) {
      out.println(
          "Pending (blocked by policy, waits for sanctl apply): revision "
              + p.revision()
              + " since "
              + p.time());
      p.reasons().forEach(r -> out.println("  " + r));
      out.println(
          "  apply exactly this revision with: sanctl apply --rev "
              + p.revision()
              + " and the flags above (git fetch it into the config repository first)");
    }
    int queued = AlertQueue.load(stateDir).pending().size();
    if (queued > 0) out.println("Alerts queued (not delivered yet): " + queued);
  }

  private static String orNone(String rev) {
    return rev == null ? "none" : rev;
  }
}
