package dev.sanctl.providers.zfs;

import dev.sanctl.spi.model.Pool;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.GroupPlacement;
import dev.sanctl.spi.provider.NodeState;
import dev.sanctl.spi.provider.ResourceAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a pool is planned: the one node of its {@code nodes} that has it imported. Imported on two
 * nodes at once it is refused (an error finding); imported nowhere (or only on unreachable nodes)
 * it is unknown (a warning); imported on another than its preferred node it is planned there with a
 * warning, since moving pools is the HA manager's business.
 */
final class ZfsPoolPlacement {
  private ZfsPoolPlacement() {}

  /** The node holding {@code pool}, or empty; findings about its placement go to {@code out}. */
  static Optional<String> holder(Pool pool, Map<String, NodeState> nodes, List<Finding> out) {
    boolean unknownNode =
        pool.nodes().stream().anyMatch(n -> nodes.get(n) == null || !nodes.get(n).known());
    GroupPlacement placement =
        GroupPlacement.among(
            pool.name(),
            pool.nodes(),
            n -> {
              NodeState s = nodes.get(n);
              return s != null
                  && s.known()
                  && ((ZfsObservation) s.observation()).importedPools().contains(pool.name());
            });
    List<String> importers = placement.holders();
    ResourceAddress address = ResourceAddress.cluster(ZfsProvider.ID, "pool", pool.name());
    if (placement.splitBrain()) {
      out.add(
          Finding.error(
                  address,
                  "pool "
                      + pool.name()
                      + " is imported on "
                      + String.join(" and ", importers)
                      + " at once; every change to it is refused",
                  "export it from all but one node (zpool export " + pool.name() + ")",
                  pool.source())
              .on(importers.get(0)));
      return Optional.empty();
    }
    if (importers.isEmpty()) {
      out.add(
          Finding.warning(
                  address,
                  "pool "
                      + pool.name()
                      + " is not imported on any "
                      + (unknownNode ? "reachable " : "")
                      + "node of "
                      + pool.nodes()
                      + "; its datasets are unknown and not planned",
                  "import it on one of its nodes (zpool import " + pool.name() + ")",
                  pool.source())
              .on(pool.nodes().isEmpty() ? null : pool.nodes().get(0)));
      return Optional.empty();
    }
    String node = importers.get(0);
    if (!node.equals(pool.nodes().get(0))) {
      out.add(
          Finding.warning(
                  address,
                  "pool "
                      + pool.name()
                      + " is imported on "
                      + node
                      + ", not on its preferred node "
                      + pool.nodes().get(0),
                  "this is the HA manager's business; sanctl never moves a pool",
                  pool.source())
              .on(node));
    }
    return Optional.of(node);
  }
}
