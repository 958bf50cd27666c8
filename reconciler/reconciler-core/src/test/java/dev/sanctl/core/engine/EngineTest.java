package dev.sanctl.core.engine;

import static dev.sanctl.core.engine.testing.TestStates.absent;
import static dev.sanctl.core.engine.testing.TestStates.node;
import static dev.sanctl.core.engine.testing.TestStates.state;
import static dev.sanctl.core.engine.testing.TestStates.vg;
import static dev.sanctl.core.engine.testing.TestStates.vol;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.engine.testing.KvHost;
import dev.sanctl.core.engine.testing.KvLinkProvider;
import dev.sanctl.core.engine.testing.KvProvider;
import dev.sanctl.core.engine.testing.TestStates;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.provider.ProviderRegistry;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Observation;
import dev.sanctl.spi.provider.ObserveContext;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.PlanResult;
import dev.sanctl.spi.provider.Provider;
import dev.sanctl.spi.provider.ResourceAddress;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EngineTest {
  static final PlanContext.SecretResolver SECRETS = p -> "s3cr3t-" + p;

  static DesiredState twoNodes() {
    return state(
        List.of(node("n1", "kv", "kvlink"), node("n2", "kv", "kvlink")),
        List.of(vg("vg1", "n1", vol("a", 100), vol("b", 200)), vg("vg2", "n2", vol("c", 300))));
  }

  static Engine engine(Map<String, KvHost> hosts) {
    return new Engine(
        ProviderRegistry.of(List.of(new KvLinkProvider(), new KvProvider())),
        TestStates.hosts(hosts),
        SECRETS);
  }

  @Test
  void plansEveryNodeWithVolumesBeforeTheirLinks() {
    Map<String, KvHost> hosts = Map.of("n1", new KvHost("n1"), "n2", new KvHost("n2"));
    Plan plan = engine(hosts).plan(twoNodes(), List.of(), List.of());
    assertEquals(
        List.of(
            "n1/kv.entry/vg1/a",
            "n1/kv.entry/vg1/b",
            "n1/kvlink.link/vg1/a",
            "n1/kvlink.link/vg1/b",
            "n2/kv.entry/vg2/c",
            "n2/kvlink.link/vg2/c"),
        plan.changes().stream().map(Change::address).toList());
    assertEquals(new Plan.Summary(6, 0, 0), plan.summary());
    assertTrue(plan.complete());
    assertEquals(Set.of("n1", "n2"), plan.nodeDigests().keySet());
  }

  @Test
  void deletionsOfDependantsComeBeforeTheirDependencies() {
    DesiredState d =
        state(List.of(node("n1", "kv", "kvlink")), List.of(vg("vg1", "n1", absent("old"))));
    KvHost h = new KvHost("n1").put("vg1/old", "5").put("link:vg1/old", "/dev/vg1/old");
    Plan plan = engine(Map.of("n1", h)).plan(d, List.of(), List.of());
    assertEquals(
        List.of("n1/kvlink.link/vg1/old", "n1/kv.entry/vg1/old"),
        plan.changes().stream().map(Change::address).toList());
    assertEquals(new Plan.Summary(0, 0, 2), plan.summary());
  }

  @Test
  void anUnreachableNodeIsUnknownAndTheRestIsPlanned() {
    Map<String, KvHost> hosts = Map.of("n1", new KvHost("n1"));
    Plan plan = engine(hosts).plan(twoNodes(), List.of(), List.of());
    assertEquals(Map.of("n2", "no route to host n2.example"), plan.unknownNodes());
    assertTrue(plan.changes().stream().allMatch(c -> c.node().equals("n1")));
    assertEquals(4, plan.changes().size());
    assertTrue(!plan.complete() && plan.applyable());
  }

  @Test
  void aFailingObservationMakesTheNodeUnknownWithTheProviderNamed() {
    KvHost n2 = new KvHost("n2").fail(a -> a.contains("sessions"), 10);
    Plan plan =
        engine(Map.of("n1", new KvHost("n1"), "n2", n2)).plan(twoNodes(), List.of(), List.of());
    assertEquals(Map.of("n2", "kv: kv sessions exited 1"), plan.unknownNodes());
  }

  @Test
  void scopeLimitsObservationToTheNamedNodes() {
    KvHost n1 = new KvHost("n1");
    KvHost n2 = new KvHost("n2");
    Plan plan = engine(Map.of("n1", n1, "n2", n2)).plan(twoNodes(), List.of("n2"), List.of());
    assertEquals(List.of("n2"), plan.nodes());
    assertTrue(n1.log().isEmpty(), "n1 must not be contacted");
    assertTrue(plan.complete());
    assertEquals(2, plan.changes().size());
    assertThrows(
        IllegalArgumentException.class,
        () -> engine(Map.of()).plan(twoNodes(), List.of("n9"), List.of()));
  }

  @Test
  void observationDigestChangesWithLiveStateOnly() {
    KvHost n1 = new KvHost("n1");
    Engine e = engine(Map.of("n1", n1, "n2", new KvHost("n2")));
    Plan first = e.plan(twoNodes(), List.of(), List.of());
    Plan same = e.plan(twoNodes(), List.of(), List.of());
    assertEquals(first.nodeDigests(), same.nodeDigests());
    assertEquals(first.changes(), same.changes());
    n1.session("vg1/a", "iqn.1993-08.org.debian:01:host1");
    Plan after = e.plan(twoNodes(), List.of(), List.of());
    assertNotEquals(first.nodeDigests().get("n1"), after.nodeDigests().get("n1"));
    assertEquals(first.nodeDigests().get("n2"), after.nodeDigests().get("n2"));
  }

  @Test
  void unmanagedAndShrinkAreFindingsNotChanges() {
    KvHost n1 =
        new KvHost("n1")
            .put("vg1/a", "500")
            .put("vg1/b", "200")
            .put("vg1/stray", "1")
            .put("link:vg1/a", "/dev/vg1/a")
            .put("link:vg1/b", "/dev/vg1/b");
    Plan plan =
        engine(Map.of("n1", n1, "n2", new KvHost("n2"))).plan(twoNodes(), List.of("n1"), List.of());
    assertEquals(
        List.of(Finding.Kind.ERROR, Finding.Kind.UNMANAGED),
        plan.findings().stream().map(Finding::kind).toList());
    assertTrue(plan.errored());
    assertTrue(plan.changes().isEmpty());
  }

  @Test
  void aProviderThatRunsAnExecutableOffItsAllowlistIsRejected() {
    Provider rogue =
        new KvProvider() {
          @Override
          public String id() {
            return "rogue";
          }

          @Override
          public PlanResult plan(PlanContext ctx) {
            return new PlanResult(
                List.of(
                    new Change(
                        ResourceAddress.of("n1", "rogue", "x", "y"),
                        dev.sanctl.spi.provider.Action.CREATE,
                        dev.sanctl.spi.provider.Impact.NONE,
                        null,
                        List.of(),
                        List.of(Command.change("rm", "-rf", "/")),
                        List.of(),
                        List.of())),
                List.of());
          }
        };
    DesiredState d = state(List.of(node("n1", "rogue")), List.of());
    Engine e =
        new Engine(
            ProviderRegistry.of(List.of(rogue)),
            TestStates.hosts(Map.of("n1", new KvHost("n1"))),
            SECRETS);
    IllegalStateException ex =
        assertThrows(IllegalStateException.class, () -> e.plan(d, List.of(), List.of()));
    assertTrue(ex.getMessage().contains("'rm', which is not on its executables allowlist"));
  }

  static Change update(String name, List<dev.sanctl.spi.provider.FieldChange> fields, Command c) {
    return new Change(
        ResourceAddress.of("n1", "sloppy", "file", name),
        dev.sanctl.spi.provider.Action.UPDATE,
        dev.sanctl.spi.provider.Impact.NONE,
        "0 line(s) removed, 0 added",
        fields,
        List.of(c),
        List.of(),
        List.of());
  }

  @Test
  void anUpdateWithAnEmptyDiffIsNeverPlanned() {
    Command write =
        Command.change("a\nb\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), "kv");
    Provider sloppy =
        new KvProvider() {
          @Override
          public String id() {
            return "sloppy";
          }

          @Override
          public PlanResult plan(PlanContext ctx) {
            return new PlanResult(
                List.of(
                    update("reordered", List.of(), write),
                    update(
                        "same",
                        List.of(dev.sanctl.spi.provider.FieldChange.of("line", "a", "a")),
                        Command.change("kv", "set")),
                    update(
                        "real",
                        List.of(dev.sanctl.spi.provider.FieldChange.of("line", "a", "b")),
                        write)),
                List.of());
          }
        };
    DesiredState d = state(List.of(node("n1", "sloppy")), List.of());
    Engine e =
        new Engine(
            ProviderRegistry.of(List.of(sloppy)),
            TestStates.hosts(Map.of("n1", new KvHost("n1"))),
            SECRETS);
    Plan plan = e.plan(d, List.of(), List.of());
    assertEquals(
        List.of("n1/sloppy.file/real"), plan.changes().stream().map(Change::address).toList());
    assertEquals(
        List.of("n1/sloppy.file/reordered", "n1/sloppy.file/same"),
        plan.findings().stream()
            .filter(f -> f.kind() == Finding.Kind.WARNING)
            .map(Finding::address)
            .toList());
  }

  @Test
  void observationThatMutatesIsRefused() {
    Provider mutating =
        new KvProvider() {
          @Override
          public Observation observe(ObserveContext ctx) throws IOException {
            ctx.host().run(Command.change("kv", "set", "x", "1"));
            return super.observe(ctx);
          }
        };
    Engine e =
        new Engine(
            ProviderRegistry.of(List.of(mutating)),
            TestStates.hosts(Map.of("n1", new KvHost("n1"))),
            SECRETS);
    DesiredState d = state(List.of(node("n1", "kv")), List.of());
    IllegalStateException ex =
        assertThrows(IllegalStateException.class, () -> e.plan(d, List.of(), List.of()));
    assertTrue(ex.getMessage().startsWith("observation must be read-only"));
  }
}
