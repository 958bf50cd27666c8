package dev.sanctl.core.apply;

import dev.sanctl.core.engine.ClusterObservation;
import dev.sanctl.core.engine.Engine;
import dev.sanctl.core.engine.NodeObservation;
import dev.sanctl.core.plan.Plan;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Applies a plan: nodes in parallel (at most {@code transport.maxParallelNodes}), changes on a node
 * in plan order, a change only after the changes it depends on (also on other nodes). Every command
 * is journalled before and after it runs. After each change the provider observes the node again
 * and re-plans; a change that still shows up is an "inconsistent result after apply". A failure
 * stops the rest of that node and every change that depends on it; other nodes go on. A plan with
 * errors applies nothing: {@link #apply} refuses it before the journal or any node is touched.
 */
public final class Applier {
  private final Engine engine;
  private final Journal journal;

  public Applier(Engine engine, Journal journal) {
    this.engine = engine;
    this.journal = journal;
  }

  /** Receives outcomes as they happen (progress output). */
  @FunctionalInterface
  public interface Listener {
    void outcome(Change change, ChangeOutcome outcome);
  }

  /**
   * Applies every change of {@code plan}; {@code observed} is what the plan was computed from.
   *
   * @throws PlanHasErrorsException if the plan has errors ({@link Plan#errored()}): nothing is
   *     applied and nothing is journalled
   */
  public ApplyResult apply(
      DesiredState desired, Plan plan, ClusterObservation observed, Listener listener) {
    if (plan.errored()) throw new PlanHasErrorsException(plan);
    journal.start(desired.revision(), plan.changes().size());
    Map<String, CompletableFuture<Boolean>> done = new HashMap<>();
    for (Change c : plan.changes()) done.put(c.address(), new CompletableFuture<>());
    Map<String, ChangeOutcome> outcomes = new ConcurrentHashMap<>();
    Map<String, List<Change>> byNode = new LinkedHashMap<>();
    plan.changesByNode()
        .forEach(
            (n, l) -> {
              if (!l.isEmpty()) byNode.put(n, l);
            });
    List<String> nodeOrder = nodeOrder(byNode, plan);
    int parallel =
        Math.max(1, Math.min(desired.transport().maxParallelNodes(), Math.max(1, byNode.size())));
    ExecutorService pool =
        Executors.newFixedThreadPool(
            parallel,
            r -> {
              Thread t = new Thread(r, "sanctl-apply");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (String node : nodeOrder) {
        NodeObservation start = observed.node(node);
        futures.add(
            pool.submit(
                () -> applyNode(desired, node, start, byNode.get(node), done, outcomes, listener)));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) throw r;
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    List<ChangeOutcome> ordered =
        plan.changes().stream().map(c -> outcomes.get(c.address())).toList();
    ApplyResult result = new ApplyResult(ordered);
    journal.end(result.ok() ? "ok" : "failed");
    return result;
  }

  private void applyNode(
      DesiredState desired,
      String node,
      NodeObservation current,
      List<Change> changes,
      Map<String, CompletableFuture<Boolean>> done,
      Map<String, ChangeOutcome> outcomes,
      Listener listener) {
    NodeSpec spec = desired.nodes().get(node);
    String stopped = null;
    for (Change c : changes) {
      ChangeOutcome o;
      String blocker = stopped != null ? stopped : failedDependency(c, done);
      if (blocker != null) {
        o = new ChangeOutcome(c.address(), node, ChangeOutcome.Status.SKIPPED, blocker);
        journal.changeEnd(c.address(), "skipped", blocker);
      } else {
        Result r = applyChange(desired, spec, current, c);
        current = r.observation == null ? current : r.observation;
        o = r.outcome;
        if (o.status() != ChangeOutcome.Status.APPLIED) {
          stopped = "not attempted: " + c.address() + " failed before it on " + node;
        }
      }
      outcomes.put(c.address(), o);
      done.get(c.address()).complete(o.status() == ChangeOutcome.Status.APPLIED);
      if (listener != null) listener.outcome(c, o);
    }
  }

  private static String failedDependency(Change c, Map<String, CompletableFuture<Boolean>> done) {
    for (String d : c.dependsOnAddresses()) {
      CompletableFuture<Boolean> f = done.get(d);
      if (f != null && !f.join()) return "not attempted: it depends on " + d + ", which failed";
    }
    return null;
  }

  private record Result(ChangeOutcome outcome, NodeObservation observation) {}

  private Result applyChange(
      DesiredState desired, NodeSpec spec, NodeObservation current, Change c) {
    journal.changeStart(c.address());
    try {
      Host host = engine.host(spec, desired);
      List<String> printed = new ArrayList<>();
      for (int i = 0; i < c.commands().size(); i++) {
        Command cmd = c.commands().get(i);
        journal.commandStart(c.address(), i, cmd.toString());
        CommandResult r = host.run(cmd);
        journal.commandEnd(c.address(), i, r.exitStatus());
        if (!r.ok()) {
          return failed(
              c, "command `" + cmd + "` exited " + r.exitStatus() + firstLine(cmd, r), null);
        }
        CommandOutput.of(cmd, r).ifPresent(printed::add);
      }
      Provider p = engine.providers().get(c.provider());
      Observation o = engine.observeNode(desired, spec, p);
      NodeObservation after = current.with(p.id(), o);
      Optional<Change> still = stillPlanned(desired, after, p, c.address());
      if (still.isPresent()) {
        String why = still.get().reason() == null ? "" : ": " + still.get().reason();
        return failed(
            c,
            "inconsistent result after apply: "
                + c.address()
                + " is still planned after its commands succeeded"
                + why
                + CommandOutput.summary(printed),
            after);
      }
      journal.changeEnd(c.address(), "applied", null);
      return new Result(
          new ChangeOutcome(c.address(), c.node(), ChangeOutcome.Status.APPLIED, null), after);
    } catch (IOException e) {
      return failed(c, "node " + c.node() + " unreachable: " + e.getMessage(), null);
    }
  }

  private Result failed(Change c, String message, NodeObservation after) {
    journal.changeEnd(c.address(), "failed", message);
    return new Result(
        new ChangeOutcome(c.address(), c.node(), ChangeOutcome.Status.FAILED, message), after);
  }

  private Optional<Change> stillPlanned(
      DesiredState desired, NodeObservation after, Provider p, String address) {
    ClusterObservation only =
        new ClusterObservation(List.of(after.node()), Map.of(after.node(), after));
    PlanResult r = engine.planProvider(p, desired, only);
    return r.changes().stream().filter(x -> x.address().equals(address)).findFirst();
  }

  private static String firstLine(Command cmd, CommandResult r) {
    String err = r.err().strip();
    if (err.isEmpty()) err = r.out().strip();
    if (err.isEmpty()) return "";
    String line = err.lines().findFirst().orElse("");
    for (String s : cmd.secrets()) if (!s.isEmpty()) line = line.replace(s, Command.REDACTED);
    return ": " + line;
  }

  /** Nodes whose changes others depend on come first, so a bounded pool never waits on itself. */
  private static List<String> nodeOrder(Map<String, List<Change>> byNode, Plan plan) {
    Map<String, String> nodeOf = new HashMap<>();
    plan.changes().forEach(c -> nodeOf.put(c.address(), c.node()));
    Map<String, Set<String>> needs = new LinkedHashMap<>();
    for (Map.Entry<String, List<Change>> e : byNode.entrySet()) {
      Set<String> s = new java.util.TreeSet<>();
      for (Change c : e.getValue()) {
        for (String d : c.dependsOnAddresses()) {
          String n = nodeOf.get(d);
          if (n != null && !n.equals(e.getKey())) s.add(n);
        }
      }
      needs.put(e.getKey(), s);
    }
    List<String> out = new ArrayList<>();
    while (out.size() < needs.size()) {
      String next =
          needs.keySet().stream()
              .filter(n -> !out.contains(n) && out.containsAll(needs.get(n)))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "changes on different nodes depend on each other in a cycle: " + needs));
      out.add(next);
    }
    return out;
  }
}
