package dev.sanctl.gitops;

import dev.sanctl.core.config.LoadResult;
import dev.sanctl.gitops.WatchState.Outcome;
import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.diag.Severity;
import dev.sanctl.spi.model.DesiredState;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Where a step of the {@link Reconciler} writes what it learns: results into the {@link
 * WatchState}, alerts into the {@link AlertQueue}, one line per event into the log, all stamped by
 * the one clock.
 */
final class StepRecorder {
  private final WatchState state;
  private final AlertQueue queue;
  private final Clock clock;
  private final PrintWriter log;

  StepRecorder(WatchState state, AlertQueue queue, Clock clock, PrintWriter log) {
    this.state = state;
    this.queue = queue;
    this.clock = clock;
    this.log = log;
  }

  /** Records a result for {@code commit} (null: no commit) and logs it. */
  void result(List<WatchState.Result> added, String commit, Outcome o, String message) {
    WatchState.Result r = new WatchState.Result(now(), commit, o, message);
    state.record(r);
    added.add(r);
    log((commit == null ? "-" : short12(commit)) + " " + o.key() + ": " + message);
  }

  void alert(Alert a) {
    queue.add(a);
  }

  void log(String line) {
    log.println(now() + " " + line);
    log.flush();
  }

  Instant now() {
    return clock.instant();
  }

  static AlertMessages messages(DesiredState desired) {
    return new AlertMessages(desired == null ? "?" : desired.cluster().name());
  }

  static String short12(String commit) {
    return commit.length() > 12 ? commit.substring(0, 12) : commit;
  }

  static List<Diagnostic> warnings(LoadResult r) {
    return r.diagnostics().stream().filter(d -> d.severity() == Severity.WARNING).toList();
  }

  static String first(List<Diagnostic> errors) {
    return errors.isEmpty() ? "?" : errors.get(0).render().lines().findFirst().orElse("");
  }
}
