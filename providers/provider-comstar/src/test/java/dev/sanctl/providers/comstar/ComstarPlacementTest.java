package dev.sanctl.providers.comstar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sanctl.spi.model.Pool;
import dev.sanctl.spi.provider.NodeState;
import dev.sanctl.spi.provider.PlanContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which head a pool's COMSTAR objects are planned on: the known nodes that import it. */
class ComstarPlacementTest {
  private static final Pool TANK =
      new Pool("tank", List.of("h1", "h2", "h3"), Map.of(), Map.of(), null, null, null, null);

  private static NodeState importing(String node, String... pools) {
    return NodeState.observed(
        node,
        new ComstarObservation(
            Set.of(pools), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of()));
  }

  private static PlanContext nodes(NodeState... states) {
    Map<String, NodeState> m = new LinkedHashMap<>();
    for (NodeState s : states) m.put(s.node(), s);
    return new PlanContext(null, m, Map.of(), path -> path);
  }

  @Test
  void theOneKnownImporterHoldsThePool() {
    var p =
        ComstarPlacement.of(
            nodes(importing("h1"), NodeState.unknown("h2", "unreachable"), importing("h3", "tank")),
            TANK);
    assertEquals(List.of("h3"), p.holders());
    assertEquals(Optional.of("h3"), p.soleHolder());
  }

  @Test
  void aPoolImportedOnTwoHeadsHasNoSoleHolderAndItsImportersKeepTheDeclaredOrder() {
    var p =
        ComstarPlacement.of(
            nodes(importing("h3", "tank"), importing("h1", "tank"), importing("h2", "other")),
            TANK);
    assertEquals(List.of("h1", "h3"), p.holders());
    assertEquals(Optional.empty(), p.soleHolder());
  }

  @Test
  void aNodeThatIsNotObservedOrImportsNothingHoldsNothing() {
    var p = ComstarPlacement.of(nodes(importing("h1")), TANK);
    assertEquals(List.of(), p.holders());
  }
}
