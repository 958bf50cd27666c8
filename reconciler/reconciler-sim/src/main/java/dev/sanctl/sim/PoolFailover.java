package dev.sanctl.sim;

import dev.sanctl.spi.host.CommandResult;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * What the Heartbeat ZFS resource agent does when a pool moves, with stmf-ha's hooks: on the node
 * that imports it, {@code stmf-ha stop <pool>} (when the pool has a {@code stmf-ha.conf}) and
 * {@code zpool export}; on the new node {@code zpool import} and {@code stmf-ha start <pool>}. The
 * pool's filesystems, {@code /<pool>/stmf-ha.conf} among them, move with it ({@link SimNode#file});
 * COMSTAR state is per node, so the new node's LUs, targets and views are the ones {@code stmf-ha
 * start} creates.
 */
final class PoolFailover {
  /** Runs a command on a node as the agent does (through the node's simulated tools). */
  @FunctionalInterface
  interface Runner {
    CommandResult run(SimNode node, List<String> argv) throws IOException;
  }

  private PoolFailover() {}

  static void apply(SimContext ctx, String pool, String nodeName, Runner runner)
      throws IOException {
    Topology t = ctx.topology();
    List<String> nodes = t.poolNodes.get(pool);
    if (nodes == null) {
      throw new IllegalArgumentException("no ZFS pool " + pool + " in the simulated cluster");
    }
    if (!nodes.contains(nodeName)) {
      throw new IllegalArgumentException(
          "pool "
              + pool
              + " cannot move to "
              + nodeName
              + " (nodes: "
              + String.join(", ", nodes)
              + ")");
    }
    String old = t.poolImportedOn.get(pool);
    if (old != null && !old.equals(nodeName)) {
      SimNode from = ctx.node(old);
      if (hasStmfHaConf(from, pool)) check(runner.run(from, List.of("stmf-ha", "stop", pool)), old);
      from.setPoolImported(pool, false);
    }
    SimNode to = ctx.node(nodeName);
    to.setPoolImported(pool, true);
    if (hasStmfHaConf(to, pool)) check(runner.run(to, List.of("stmf-ha", "start", pool)), nodeName);
  }

  private static boolean hasStmfHaConf(SimNode node, String pool) throws IOException {
    return Files.isRegularFile(node.file("/" + pool + "/stmf-ha.conf"));
  }

  private static void check(CommandResult r, String node) {
    if (!r.ok()) {
      throw new IllegalStateException(
          "the HA agent's command failed on "
              + node
              + " (exit "
              + r.exitStatus()
              + "): "
              + r.err());
    }
  }
}
