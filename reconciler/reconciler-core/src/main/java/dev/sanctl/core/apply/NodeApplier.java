package dev.sanctl.core.apply;

import dev.sanctl.core.engine.ClusterObservation;
import dev.sanctl.core.engine.Engine;
import dev.sanctl.core.engine.NodeObservation;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.NodeSpec;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.Observation;
import dev.sanctl.spi.provider.PlanResult;
import dev.sanctl.spi.provider.Provider;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Applies the changes of one node in plan order, in <em>waves</em>: a wave is a run of consecutive
 * changes of one provider none of which depends on a change not yet verified (in the wave itself or
 * on another node). The commands of a wave's changes run one change after the other; then the
 * provider observes the node once and plans again, and every change of the wave that still shows up
 * is an "inconsistent result after apply" (failed). So a node costs one observation per wave, not
 * one per change, and a change still runs only after the changes it depends on were verified.
 *
 * <p>A command that fails (or an unreachable node) fails its change at once; the changes run before
 * it in the wave are verified first, and the rest of the node is not attempted. A change that fails
 * verification stops the node after its wave (the changes of the wave after it already ran, and are
 * reported as what verification finds). Every command is journalled before and after it runs; a
 * change's end when its wave is verified.
 */
final class NodeApplier {
  private final Engine engine;
  private final Journal journal;
  private final DesiredState desired;
  private final NodeSpec spec;
  private final Map<String, CompletableFuture<Boolean>> done;
  private final Map<String, ChangeOutcome> outcomes;
  private final Applier.Listener listener;
  private NodeObservation current;
  private String stopped;

  NodeApplier(
      Engine engine,
      Journal journal,
      DesiredState desired,
      NodeSpec spec,
      NodeObservation start,
      Map<String, CompletableFuture<Boolean>> done,
      Map<String, ChangeOutcome> outcomes,
      Applier.Listener listener) {
    this.engine = engine;
    this.journal = journal;
    this.desired = desired;
    this.spec = spec;
    this.current = start;
    this.done = done;
    this.outcomes = outcomes;
    this.listener = listener;
  }

  /** A change whose commands succeeded, with what they printed, awaiting verification. */
  private record Ran(Change change, List<String> printed) {}

  /** Applies {@code changes} (this node's, in plan order). */
  void apply(List<Change> changes) {
    List<Ran> wave = new ArrayList<>();
    for (Change c : changes) {
      if (!wave.isEmpty() && !joins(wave, c)) verify(wave);
      String blocker = stopped != null ? stopped : failedDependency(c);
      if (blocker != null) {
        journal.changeEnd(c.address(), "skipped", blocker);
        record(
            c, new ChangeOutcome(c.address(), spec.name(), ChangeOutcome.Status.SKIPPED, blocker));
        continue;
      }
      journal.changeStart(c.address());
      String failure;
      List<String> printed = new ArrayList<>();
      try {
        failure = run(c, printed);
      } catch (IOException e) {
        failure = "node " + c.node() + " unreachable: " + e.getMessage();
      }
      if (failure == null) {
        wave.add(new Ran(c, printed));
        continue;
      }
      if (!wave.isEmpty()) verify(wave);
      failed(c, failure);
    }
    if (!wave.isEmpty()) verify(wave);
  }

  /**
   * Whether {@code c} can join the wave: same provider, and every change it depends on is already
   * verified (not in the wave, not pending on another node).
   */
  private boolean joins(List<Ran> wave, Change c) {
    if (!wave.get(0).change().provider().equals(c.provider())) return false;
    for (String d : c.dependsOnAddresses()) {
      CompletableFuture<Boolean> f = done.get(d);
      if (f != null && !f.isDone()) return false;
    }
    return true;
  }

  private String failedDependency(Change c) {
    for (String d : c.dependsOnAddresses()) {
      CompletableFuture<Boolean> f = done.get(d);
      if (f != null && !f.join()) return "not attempted: it depends on " + d + ", which failed";
    }
    return null;
  }

  /** Runs the change's commands; null when all succeeded, else why the change failed. */
  private String run(Change c, List<String> printed) throws IOException {
    Host host = engine.host(spec, desired);
    for (int i = 0; i < c.commands().size(); i++) {
      Command cmd = c.commands().get(i);
      journal.commandStart(c.address(), i, cmd.toString());
      CommandResult r = host.run(cmd);
      journal.commandEnd(c.address(), i, r.exitStatus());
      if (!r.ok()) return "command `" + cmd + "` exited " + r.exitStatus() + firstLine(cmd, r);
      CommandOutput.of(cmd, r).ifPresent(printed::add);
    }
    return null;
  }

  /** Observes the node once for the wave's provider and settles every change of the wave. */
  private void verify(List<Ran> wave) {
    Provider p = engine.providers().get(wave.get(0).change().provider());
    Map<String, Change> still = new HashMap<>();
    String unreachable = null;
    try {
      Observation o = engine.observeNode(desired, spec, p);
      current = current.with(p.id(), o);
      ClusterObservation only =
          new ClusterObservation(List.of(current.node()), Map.of(current.node(), current));
      PlanResult r = engine.planProvider(p, desired, only);
      for (Change x : r.changes()) still.put(x.address(), x);
    } catch (IOException e) {
      unreachable = "node " + spec.name() + " unreachable: " + e.getMessage();
    }
    for (Ran ran : wave) {
      Change c = ran.change();
      Change again = still.get(c.address());
      if (unreachable != null) {
        failed(c, unreachable);
      } else if (again != null) {
        String why = again.reason() == null ? "" : ": " + again.reason();
        failed(
            c,
            "inconsistent result after apply: "
                + c.address()
                + " is still planned after its commands succeeded"
                + why
                + CommandOutput.summary(ran.printed()));
      } else {
        journal.changeEnd(c.address(), "applied", null);
        record(c, new ChangeOutcome(c.address(), c.node(), ChangeOutcome.Status.APPLIED, null));
      }
    }
    wave.clear();
  }

  private void failed(Change c, String message) {
    journal.changeEnd(c.address(), "failed", message);
    record(c, new ChangeOutcome(c.address(), c.node(), ChangeOutcome.Status.FAILED, message));
    if (stopped == null) {
      stopped = "not attempted: " + c.address() + " failed before it on " + spec.name();
    }
  }

  private void record(Change c, ChangeOutcome o) {
    outcomes.put(c.address(), o);
    done.get(c.address()).complete(o.status() == ChangeOutcome.Status.APPLIED);
    if (listener != null) listener.outcome(c, o);
  }

  private static String firstLine(Command cmd, CommandResult r) {
    String err = r.err().strip();
    if (err.isEmpty()) err = r.out().strip();
    if (err.isEmpty()) return "";
    String line = err.lines().findFirst().orElse("");
    for (String s : cmd.secrets()) if (!s.isEmpty()) line = line.replace(s, Command.REDACTED);
    return ": " + line;
  }
}
