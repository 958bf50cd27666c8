package dev.sanctl.core.engine;

import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.provider.ProviderRegistry;
import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.NodeSpec;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.NodeState;
import dev.sanctl.spi.provider.Observation;
import dev.sanctl.spi.provider.ObserveContext;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.PlanResult;
import dev.sanctl.spi.provider.Provider;
import dev.sanctl.spi.provider.ResourceAddress;
import dev.sanctl.spi.provider.VolumeFacts;
import dev.sanctl.spi.values.UnsafeValueException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Observes nodes (in parallel, at most {@code transport.maxParallelNodes} at a time), asks every
 * provider for its changes and collects them into an ordered {@link Plan}. Nodes that cannot be
 * observed are unknown: nothing on them is planned and the rest of the cluster proceeds.
 *
 * <p>An engine keeps the hosts it opened until {@link #close()}, so an apply reuses the transport
 * of the observation.
 */
public final class Engine implements AutoCloseable {
  private final ProviderRegistry providers;
  private final HostFactory hostFactory;
  private final PlanContext.SecretResolver secrets;
  private final Map<String, Host> hosts = new ConcurrentHashMap<>();
  private final DesiredDigest desiredDigest = new DesiredDigest();
  private DesiredState factsDesired;
  private ClusterObservation factsObserved;
  private Map<String, VolumeFacts> facts;

  public Engine(
      ProviderRegistry providers, HostFactory hostFactory, PlanContext.SecretResolver secrets) {
    this.providers = providers;
    this.hostFactory = hostFactory;
    this.secrets = secrets;
  }

  public ProviderRegistry providers() {
    return providers;
  }

  /** Observes and plans the nodes in {@code scope} (all nodes when empty). */
  public Plan plan(DesiredState desired, Collection<String> scope, List<Diagnostic> diagnostics) {
    return plan(desired, observe(desired, scope), diagnostics);
  }

  /** The nodes of {@code scope} in desired-state order; all nodes when scope is empty. */
  public static List<String> scopeOf(DesiredState desired, Collection<String> scope) {
    for (String n : scope) {
      if (!desired.nodes().containsKey(n)) {
        throw new IllegalArgumentException(
            "unknown node '"
                + n
                + "' (nodes: "
                + String.join(", ", desired.nodes().keySet())
                + ")");
      }
    }
    return desired.nodes().keySet().stream()
        .filter(n -> scope.isEmpty() || scope.contains(n))
        .toList();
  }

  /** Observes every node of {@code scope} with every provider that serves it. */
  public ClusterObservation observe(DesiredState desired, Collection<String> scope) {
    desiredDigest.start(desired); // for the plan that follows, while the nodes are observed
    List<String> nodes = scopeOf(desired, scope);
    int parallel = Math.max(1, Math.min(desired.transport().maxParallelNodes(), nodes.size()));
    ExecutorService pool = Executors.newFixedThreadPool(parallel, Engine::daemon);
    try {
      Map<String, Future<NodeObservation>> futures = new LinkedHashMap<>();
      for (String n : nodes) {
        NodeSpec spec = desired.nodes().get(n);
        futures.put(n, pool.submit(() -> observeNode(desired, spec)));
      }
      Map<String, NodeObservation> out = new LinkedHashMap<>();
      for (Map.Entry<String, Future<NodeObservation>> e : futures.entrySet()) {
        out.put(e.getKey(), await(e.getValue()));
      }
      return new ClusterObservation(nodes, out);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "sanctl-node");
    t.setDaemon(true);
    return t;
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Observes one node with every provider that serves it; IOException makes it unknown. */
  public NodeObservation observeNode(DesiredState desired, NodeSpec node) {
    Host host;
    try {
      host = host(node, desired);
    } catch (IOException e) {
      return NodeObservation.unknown(node.name(), reason(e));
    }
    DigestingHost digesting = new DigestingHost(host);
    Map<String, Observation> obs = new LinkedHashMap<>();
    for (Provider p : providers.all()) {
      if (!p.servesNode(desired, node)) continue;
      try {
        obs.put(p.id(), p.observe(new ObserveContext(node, digesting, desired)));
      } catch (IOException e) {
        return NodeObservation.unknown(node.name(), p.id() + ": " + reason(e));
      } catch (UnsafeValueException e) {
        // a value the observation commands cannot carry: nothing is run, the node stays unknown
        return NodeObservation.unknown(node.name(), p.id() + ": " + e.getMessage());
      }
    }
    return new NodeObservation(node.name(), obs, digesting.digest(), null);
  }

  /** Observes one node with one provider (verification after a change). */
  public Observation observeNode(DesiredState desired, NodeSpec node, Provider p)
      throws IOException {
    return p.observe(new ObserveContext(node, new DigestingHost(host(node, desired)), desired));
  }

  private static String reason(IOException e) {
    return dev.sanctl.spi.diag.IoErrors.describe(e);
  }

  /** The (cached) host of a node. */
  public Host host(NodeSpec node, DesiredState desired) throws IOException {
    Host h = hosts.get(node.name());
    if (h != null) return h;
    synchronized (hosts) {
      h = hosts.get(node.name());
      if (h == null) {
        h = hostFactory.open(node, desired);
        hosts.put(node.name(), h);
      }
      return h;
    }
  }

  /** Computes the plan from an observation. */
  public Plan plan(DesiredState desired, ClusterObservation obs, List<Diagnostic> diagnostics) {
    List<Change> changes = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    Set<String> addresses = new HashSet<>();
    OneOwner owners = new OneOwner();
    for (Provider p : providers.all()) {
      PlanResult r = planProvider(p, desired, obs);
      for (Change c : r.changes()) {
        if (!plannable(obs, c.node())) continue;
        checkChange(p, c);
        if (c.emptyDiff()) {
          findings.add(emptyDiff(p, c));
          continue;
        }
        if (!addresses.add(c.address())) {
          throw new IllegalStateException("two changes share the address " + c.address());
        }
        owners.add(p, c);
        changes.add(c);
      }
      for (Finding f : r.findings()) {
        if (f.node() == null || plannable(obs, f.node())) findings.add(f);
      }
    }
    Set<String> refused = owners.refuse(findings);
    changes.removeIf(c -> refused.contains(c.address()));
    Map<String, String> digests = new LinkedHashMap<>();
    Map<String, String> unknown = new LinkedHashMap<>();
    for (NodeObservation n : obs.nodes().values()) {
      if (n.known()) digests.put(n.node(), n.digest());
      else unknown.put(n.node(), n.unknownReason());
    }
    return new Plan(
        desired.revision(),
        desiredDigest.of(desired),
        obs.scope(),
        digests,
        unknown,
        ChangeOrder.order(changes, providers),
        findings,
        diagnostics);
  }

  private static boolean plannable(ClusterObservation obs, String node) {
    NodeObservation n = obs.node(node);
    return n != null && n.known();
  }

  private static void checkChange(Provider p, Change c) {
    if (!p.id().equals(c.provider())) {
      throw new IllegalStateException(
          "provider '"
              + p.id()
              + "' planned a change for provider '"
              + c.provider()
              + "': "
              + c.address());
    }
    c.commands()
        .forEach(
            cmd -> {
              if (!p.executables().contains(cmd.executable())) {
                throw new IllegalStateException(
                    "provider '"
                        + p.id()
                        + "' emitted '"
                        + cmd.executable()
                        + "', which is not on its executables allowlist ("
                        + c.address()
                        + ")");
              }
            });
  }

  /**
   * The warning that replaces a change whose diff is empty: a provider defect, never planned (it
   * would show "N to change" with nothing to review and rewrite a file for nothing).
   */
  private static Finding emptyDiff(Provider p, Change c) {
    return Finding.warning(
        c.resource(),
        "provider '"
            + p.id()
            + "' planned an update with an empty diff ("
            + c.reason()
            + "); it is not planned",
        "nothing differs that the provider shows; report this provider defect",
        null);
  }

  /**
   * Runs one provider's plan against an observation (out-of-scope nodes are unknown). A value its
   * renderers refuse ({@link UnsafeValueException}: it would change the meaning of a node file or
   * an argument) becomes one error finding, and nothing of that provider is planned.
   */
  public PlanResult planProvider(Provider p, DesiredState desired, ClusterObservation obs) {
    try {
      return p.plan(context(p, desired, obs));
    } catch (UnsafeValueException e) {
      return new PlanResult(
          List.of(),
          List.of(
              Finding.error(
                  ResourceAddress.cluster(p.id(), "values", null),
                  e.getMessage() + "; nothing is planned for provider " + p.id(),
                  e.kind().hint() + ", then run sanctl validate",
                  null)));
    }
  }

  /** What {@code p} sees of an observation: its node states and every known node's volumes. */
  public PlanContext context(Provider p, DesiredState desired, ClusterObservation obs) {
    Map<String, NodeState> states = new LinkedHashMap<>();
    Map<String, VolumeFacts> volumes = volumeFacts(desired, obs);
    for (NodeSpec node : desired.nodes().values()) {
      NodeObservation n = obs.node(node.name());
      if (!p.servesNode(desired, node)) continue;
      if (n == null) {
        states.put(node.name(), NodeState.unknown(node.name(), "not in scope"));
      } else if (!n.known()) {
        states.put(node.name(), NodeState.unknown(node.name(), n.unknownReason()));
      } else {
        states.put(node.name(), NodeState.observed(node.name(), n.observations().get(p.id())));
      }
    }
    return new PlanContext(desired, states, volumes, secrets);
  }

  /**
   * Every known node's volumes, made once per observation for all providers' contexts (a node's
   * facts are merged from its observations: 10,000 volumes of a 5,000-target estate, per provider).
   */
  private synchronized Map<String, VolumeFacts> volumeFacts(
      DesiredState desired, ClusterObservation obs) {
    if (factsDesired == desired && factsObserved == obs) return facts;
    Map<String, VolumeFacts> volumes = new LinkedHashMap<>();
    for (NodeSpec node : desired.nodes().values()) {
      NodeObservation n = obs.node(node.name());
      if (n != null && n.known()) volumes.put(node.name(), n.volumeFacts());
    }
    factsDesired = desired;
    factsObserved = obs;
    facts = java.util.Collections.unmodifiableMap(volumes);
    return facts;
  }

  @Override
  public void close() {
    for (Host h : hosts.values()) {
      try {
        h.close();
      } catch (IOException | RuntimeException e) {
        // closing a transport that failed is not an error of the run
      }
    }
    hosts.clear();
  }
}
