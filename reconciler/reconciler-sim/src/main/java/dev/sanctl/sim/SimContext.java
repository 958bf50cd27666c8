package dev.sanctl.sim;

import dev.sanctl.sim.iet.IetState;
import dev.sanctl.sim.lvm.LvmState;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state one locked operation on the cluster works on: loaded lazily, written back by {@link
 * #commit()}. Never shared between operations.
 */
public final class SimContext {
  public final SimCluster cluster;
  private Topology topology;
  private boolean topologyChanged;
  private LvmState lvm;
  private final Map<String, IetState> iet = new LinkedHashMap<>();
  private final Map<String, Faults> faults = new LinkedHashMap<>();
  private final Map<String, NodeFlags> flags = new LinkedHashMap<>();

  SimContext(SimCluster cluster) {
    this.cluster = cluster;
  }

  Topology topology() throws IOException {
    if (topology == null) topology = Topology.load(cluster.layout().topology());
    return topology;
  }

  void topologyChanged() {
    topologyChanged = true;
  }

  public LvmState lvm() throws IOException {
    if (lvm == null) lvm = LvmState.load(cluster.layout().lvm());
    return lvm;
  }

  IetState iet(String node) throws IOException {
    IetState s = iet.get(node);
    if (s == null) {
      s = IetState.load(cluster.layout().iet(node));
      iet.put(node, s);
    }
    return s;
  }

  Faults faults(String node) throws IOException {
    Faults f = faults.get(node);
    if (f == null) {
      f = Faults.load(cluster.layout().faults(node));
      faults.put(node, f);
    }
    return f;
  }

  NodeFlags flags(String node) throws IOException {
    NodeFlags f = flags.get(node);
    if (f == null) {
      f = NodeFlags.load(cluster.layout().flags(node));
      flags.put(node, f);
    }
    return f;
  }

  SimNode node(String name) throws IOException {
    if (!topology().nodes().containsKey(name)) {
      throw new IllegalArgumentException("no simulated node " + name);
    }
    return new SimNode(this, name);
  }

  void commit() throws IOException {
    if (topology != null && topologyChanged) topology.save(cluster.layout().topology());
    if (lvm != null) lvm.save(cluster.layout().lvm());
    for (var e : iet.entrySet()) e.getValue().save(cluster.layout().iet(e.getKey()));
    for (var e : faults.entrySet()) e.getValue().save(cluster.layout().faults(e.getKey()));
    for (var e : flags.entrySet()) e.getValue().save(cluster.layout().flags(e.getKey()));
  }
}
