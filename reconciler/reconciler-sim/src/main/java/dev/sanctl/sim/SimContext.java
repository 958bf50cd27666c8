package dev.sanctl.sim;

import dev.sanctl.sim.iet.IetState;
import dev.sanctl.sim.lvm.LvmState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The state one locked operation on the cluster works on: loaded lazily, written back by {@link
 * #commit()}. Never shared between operations.
 */
public final class SimContext {
  public final SimCluster cluster;
  private Topology topology;
  private LvmState lvm;
  private final Map<String, IetState> iet = new LinkedHashMap<>();
  private final Map<String, Faults> faults = new LinkedHashMap<>();
  private final Map<String, NodeFlags> flags = new LinkedHashMap<>();
  private final Set<Path> used = new HashSet<>();

  SimContext(SimCluster cluster) {
    this.cluster = cluster;
  }

  Topology topology() throws IOException {
    if (topology == null) {
      topology = load(cluster.layout().topology(), Topology.class, Topology::load);
    }
    return topology;
  }

  /** How a state object is read from its file. */
  @FunctionalInterface
  private interface Loader<T> {
    T load(Path file) throws IOException;
  }

  /**
   * The state object of {@code file}: the one this cluster already holds when the file is unchanged
   * since ({@link LoadedStates}), else loaded from the file.
   */
  private <T> T load(Path file, Class<T> type, Loader<T> loader) throws IOException {
    T s = cluster.loaded().get(file, type);
    if (s == null) {
      s = loader.load(file);
      cluster.loaded().put(file, s);
    }
    used.add(file);
    return s;
  }

  public LvmState lvm() throws IOException {
    if (lvm == null) lvm = load(cluster.layout().lvm(), LvmState.class, LvmState::load);
    return lvm;
  }

  IetState iet(String node) throws IOException {
    IetState s = iet.get(node);
    if (s == null) {
      s = load(cluster.layout().iet(node), IetState.class, IetState::load);
      iet.put(node, s);
    }
    return s;
  }

  Faults faults(String node) throws IOException {
    Faults f = faults.get(node);
    if (f == null) {
      f = load(cluster.layout().faults(node), Faults.class, Faults::load);
      faults.put(node, f);
    }
    return f;
  }

  NodeFlags flags(String node) throws IOException {
    NodeFlags f = flags.get(node);
    if (f == null) {
      f = load(cluster.layout().flags(node), NodeFlags.class, NodeFlags::load);
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

  /**
   * Writes back what the operation loaded (a file whose records did not change is left as it is:
   * {@link StateFile#write}); the objects stay with the cluster for the next operation.
   */
  void commit() throws IOException {
    Layout l = cluster.layout();
    if (topology != null) saved(l.topology(), topology, topology::save); // unchanged: no write
    if (lvm != null) saved(l.lvm(), lvm, lvm::save);
    for (var e : iet.entrySet()) saved(l.iet(e.getKey()), e.getValue(), e.getValue()::save);
    for (var e : faults.entrySet()) {
      saved(l.faults(e.getKey()), e.getValue(), e.getValue()::save);
    }
    for (var e : flags.entrySet()) saved(l.flags(e.getKey()), e.getValue(), e.getValue()::save);
  }

  /** How a state object is written to its file. */
  @FunctionalInterface
  private interface Saver {
    void save(Path file) throws IOException;
  }

  private void saved(Path file, Object state, Saver saver) throws IOException {
    saver.save(file);
    cluster.loaded().put(file, state);
  }

  /** The operation failed: the objects it used may be half changed; forget them. */
  void abandon() {
    for (Path p : used) cluster.loaded().drop(p);
  }
}
