package dev.sanctl.core.apply;

import static dev.sanctl.core.engine.testing.TestStates.node;
import static dev.sanctl.core.engine.testing.TestStates.state;
import static dev.sanctl.core.engine.testing.TestStates.vg;
import static dev.sanctl.core.engine.testing.TestStates.vol;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.engine.Engine;
import dev.sanctl.core.engine.testing.KvHost;
import dev.sanctl.core.engine.testing.KvProvider;
import dev.sanctl.core.engine.testing.TestStates;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.plan.PlanJson;
import dev.sanctl.core.provider.ProviderRegistry;
import dev.sanctl.spi.model.DesiredState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StalePlanCheckTest {
  final KvHost n1 = new KvHost("n1");
  final KvHost n2 = new KvHost("n2");
  final Engine engine =
      new Engine(
          ProviderRegistry.of(List.of(new KvProvider())),
          TestStates.hosts(Map.of("n1", n1, "n2", n2)),
          p -> "s3cr3t");
  final DesiredState desired =
      state(
          List.of(node("n1", "kv"), node("n2", "kv")),
          List.of(vg("vg1", "n1", vol("a", 100), vol("chap", 1)), vg("vg2", "n2", vol("c", 300))));

  PlanJson.Saved saved() {
    String json = PlanJson.write(engine.plan(desired, List.of(), List.of()));
    assertFalse(json.contains("s3cr3t"), "secrets never reach the saved plan");
    return PlanJson.read(json);
  }

  @Test
  void anUnchangedClusterIsNotStale() {
    PlanJson.Saved saved = saved();
    assertTrue(
        StalePlanCheck.staleness(saved, engine.plan(desired, List.of(), List.of())).isEmpty());
  }

  @Test
  void liveStateChangedOnANodeMakesThePlanStale() {
    PlanJson.Saved saved = saved();
    n2.put("vg2/c", "300");
    Plan fresh = engine.plan(desired, List.of(), List.of());
    assertEquals(
        "live state of node n2 changed since the plan was computed",
        StalePlanCheck.staleness(saved, fresh).orElseThrow());
  }

  @Test
  void desiredStateChangedMakesThePlanStale() {
    PlanJson.Saved saved = saved();
    DesiredState grown =
        state(
            List.of(node("n1", "kv"), node("n2", "kv")),
            List.of(
                vg("vg1", "n1", vol("a", 999), vol("chap", 1)), vg("vg2", "n2", vol("c", 300))));
    assertEquals(
        "the desired state changed since the plan was computed",
        StalePlanCheck.staleness(saved, engine.plan(grown, List.of(), List.of())).orElseThrow());
  }

  @Test
  void aNodeThatBecameUnreachableMakesThePlanStale() {
    PlanJson.Saved saved = saved();
    n1.unreachable(true);
    assertEquals(
        "node n1 can no longer be observed",
        StalePlanCheck.staleness(saved, engine.plan(desired, List.of(), List.of())).orElseThrow());
  }

  @Test
  void aForeignDocumentIsRejected() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> PlanJson.read("{\"formatVersion\": \"9\"}"));
    assertEquals("unsupported plan formatVersion 9 (this sanctl reads 1)", e.getMessage());
  }
}
