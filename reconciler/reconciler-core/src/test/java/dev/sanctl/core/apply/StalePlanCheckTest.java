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
  void aPlannedObjectChangedOnANodeMakesThePlanStaleAndIsNamed() {
    PlanJson.Saved saved = saved();
    n2.put("vg2/c", "300");
    Plan fresh = engine.plan(desired, List.of(), List.of());
    assertEquals(
        "live state changed since the plan was computed: n2/kv.entry/vg2/c (no longer needs a"
            + " change)",
        StalePlanCheck.staleness(saved, fresh).orElseThrow());
  }

  @Test
  void aPlannedObjectThatMovedIsNamedAsChanged() {
    n1.put("vg1/a", "50");
    PlanJson.Saved saved = saved();
    n1.put("vg1/a", "60");
    assertEquals(
        "live state changed since the plan was computed: n1/kv.entry/vg1/a (changed)",
        StalePlanCheck.staleness(saved, engine.plan(desired, List.of(), List.of())).orElseThrow());
  }

  @Test
  void anUnplannedObjectOrALoginElsewhereLeavesThePlanCurrent() {
    n2.put("vg2/c", "300");
    PlanJson.Saved saved = saved();
    n2.put("vg2/by-hand", "7");
    n2.session("vg2/c", "iqn.1993-08.org.debian:01:other");
    assertTrue(
        StalePlanCheck.staleness(saved, engine.plan(desired, List.of(), List.of())).isEmpty(),
        "the node's observation changed, but nothing the plan changes");
  }

  @Test
  void aLoginToAPlannedObjectMakesThePlanStale() {
    n1.put("vg1/a", "50");
    PlanJson.Saved saved = saved();
    n1.session("vg1/a", "iqn.1993-08.org.debian:01:client");
    assertEquals(
        "live state changed since the plan was computed: n1/kv.entry/vg1/a (changed)",
        StalePlanCheck.staleness(saved, engine.plan(desired, List.of(), List.of())).orElseThrow());
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
