package dev.sanctl.core.apply;

import dev.sanctl.core.engine.ClusterObservation;
import dev.sanctl.core.engine.Engine;
import dev.sanctl.core.engine.NodeObservation;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Change;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Applies a plan: nodes in parallel (at most {@code transport.maxParallelNodes}), changes on a node
 * in plan order, a change only after the changes it depends on (also on other nodes). Every command
 * is journalled before and after it runs. The changes of a node run in waves ({@link NodeApplier}):
 * after each wave the provider observes the node once and re-plans; a change that still shows up is
 * an "inconsistent result after apply". A failure stops the rest of that node and every change that
 * depends on it; other nodes go on. A plan with errors applies nothing: {@link #apply} refuses it
 * before the journal or any node is touched.
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
                () ->
                    new NodeApplier(
                            engine,
                            journal,
                            desired,
                            desired.nodes().get(node),
                            start,
                            done,
                            outcomes,
                            listener)
                        .apply(byNode.get(node))));
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
