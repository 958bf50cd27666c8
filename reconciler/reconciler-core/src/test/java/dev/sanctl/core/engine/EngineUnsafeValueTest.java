package dev.sanctl.core.engine;

import static dev.sanctl.core.engine.testing.TestStates.node;
import static dev.sanctl.core.engine.testing.TestStates.state;
import static dev.sanctl.core.engine.testing.TestStates.vg;
import static dev.sanctl.core.engine.testing.TestStates.vol;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.engine.testing.KvHost;
import dev.sanctl.core.engine.testing.KvLinkProvider;
import dev.sanctl.core.engine.testing.KvProvider;
import dev.sanctl.core.engine.testing.TestStates;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.provider.ProviderRegistry;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Observation;
import dev.sanctl.spi.provider.ObserveContext;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.PlanResult;
import dev.sanctl.spi.values.NodePath;
import dev.sanctl.spi.values.Serial;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A value a renderer refuses (issue #14) ends as one error finding of its provider, never as a
 * crash and never as a command; one the observation would carry leaves the node unknown.
 */
class EngineUnsafeValueTest {
  static final DesiredState STATE =
      state(List.of(node("n1", "kv", "kvlink")), List.of(vg("vg1", "n1", vol("a", 100))));

  static Engine engine(KvProvider kv, KvLinkProvider link) {
    return new Engine(
        ProviderRegistry.of(List.of(link, kv)),
        TestStates.hosts(Map.of("n1", new KvHost("n1"))),
        p -> "secret");
  }

  @Test
  void aRefusedValueIsAnErrorFindingAndThatProviderPlansNothing() {
    KvLinkProvider refusing =
        new KvLinkProvider() {
          @Override
          public PlanResult plan(PlanContext ctx) {
            Serial.KIND.require("S,Path=/dev/v/db", "target t1");
            return super.plan(ctx);
          }
        };
    Plan plan = engine(new KvProvider(), refusing).plan(STATE, List.of(), List.of());
    assertEquals(
        List.of("n1/kv.entry/vg1/a"), plan.changes().stream().map(Change::address).toList());
    assertEquals(1, plan.findings().size());
    Finding f = plan.findings().get(0);
    assertEquals(Finding.Kind.ERROR, f.kind());
    assertEquals("kvlink.values", f.address());
    assertTrue(
        f.message()
            .startsWith(
                "target t1: serial 'S,Path=/dev/v/db' contains ',' at character 2; a serial is"),
        f.message());
    assertTrue(f.message().endsWith("; nothing is planned for provider kvlink"), f.message());
    assertTrue(plan.errored());
  }

  @Test
  void aValueTheObservationWouldCarryLeavesTheNodeUnknown() {
    KvProvider refusing =
        new KvProvider() {
          @Override
          public Observation observe(ObserveContext ctx) throws IOException {
            NodePath.KIND.require("/srv/a\nb", "volume group vg1");
            return super.observe(ctx);
          }
        };
    Plan plan = engine(refusing, new KvLinkProvider()).plan(STATE, List.of(), List.of());
    assertFalse(plan.complete());
    assertTrue(
        plan.unknownNodes()
            .get("n1")
            .startsWith("kv: volume group vg1: node path '/srv/a\\u000Ab' contains U+000A"),
        plan.unknownNodes().toString());
    assertEquals(List.of(), plan.changes());
  }
}
