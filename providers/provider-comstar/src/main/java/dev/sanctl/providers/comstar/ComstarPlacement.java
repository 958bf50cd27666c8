package dev.sanctl.providers.comstar;

import dev.sanctl.spi.model.Pool;
import dev.sanctl.spi.provider.GroupPlacement;
import dev.sanctl.spi.provider.NodeState;
import dev.sanctl.spi.provider.PlanContext;

/** Where a pool's COMSTAR objects are planned: the known nodes of the pool that import it. */
final class ComstarPlacement {
  private ComstarPlacement() {}

  /** The placement of {@code pool} among its nodes, by this provider's {@code zpool list}. */
  static GroupPlacement of(PlanContext context, Pool pool) {
    return GroupPlacement.among(
        pool.name(),
        pool.nodes(),
        n -> {
          NodeState s = context.nodes().get(n);
          return s != null
              && s.known()
              && ((ComstarObservation) s.observation()).importedPools().contains(pool.name());
        });
  }
}
