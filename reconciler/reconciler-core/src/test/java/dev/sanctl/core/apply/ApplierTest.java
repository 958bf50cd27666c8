package dev.sanctl.core.apply;

import static dev.sanctl.core.engine.testing.TestStates.node;
import static dev.sanctl.core.engine.testing.TestStates.state;
import static dev.sanctl.core.engine.testing.TestStates.vg;
import static dev.sanctl.core.engine.testing.TestStates.vol;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.engine.ClusterObservation;
import dev.sanctl.core.engine.Engine;
import dev.sanctl.core.engine.testing.KvHost;
import dev.sanctl.core.engine.testing.KvLinkProvider;
import dev.sanctl.core.engine.testing.KvProvider;
import dev.sanctl.core.engine.testing.TestStates;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.provider.ProviderRegistry;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.NodeSpec;
import dev.sanctl.spi.model.Transport;
import dev.sanctl.spi.model.VolumeGroup;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplierTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
  @TempDir Path state;

  static DesiredState desired() {
    return state(
        List.of(node("n1", "kv", "kvlink"), node("n2", "kv", "kvlink")),
        List.of(
            vg("vg1", "n1", vol("a", 100), vol("b", 200), vol("chap1", 0)),
            vg("vg2", "n2", vol("c", 300))));
  }

  static Engine engine(Map<String, KvHost> hosts) {
    return new Engine(
        ProviderRegistry.of(List.of(new KvProvider(), new KvLinkProvider())),
        TestStates.hosts(hosts),
        p -> "s3cr3t-" + p);
  }

  private ApplyResult apply(Engine e, DesiredState d) {
    ClusterObservation obs = e.observe(d, List.of());
    Plan plan = e.plan(d, obs, List.of());
    return new Applier(e, new Journal(state, CLOCK)).apply(d, plan, obs, null);
  }

  @Test
  void applyConvergesAndTheSecondPlanIsEmpty() {
    KvHost n1 = new KvHost("n1");
    KvHost n2 = new KvHost("n2");
    Engine e = engine(Map.of("n1", n1, "n2", n2));
    ApplyResult r = apply(e, desired());
    assertTrue(r.ok(), r.outcomes().toString());
    assertEquals(8, r.outcomes().size());
    assertEquals("/dev/vg1/a", n1.store().get("link:vg1/a"));
    assertEquals("s3cr3t-chap1", n1.store().get("vg1/chap1"));
    assertFalse(e.plan(desired(), List.of(), List.of()).hasChanges());
    assertTrue(Journal.lastUnfinished(state).isEmpty());
  }

  @Test
  void aPlanWithErrorsIsRefusedAndNothingRunsOrIsJournalled() {
    KvHost n1 = new KvHost("n1");
    KvHost n2 = new KvHost("n2");
    Engine e = engine(Map.of("n1", n1, "n2", n2));
    ClusterObservation obs = e.observe(desired(), List.of());
    Plan plan = e.plan(desired(), obs, List.of());
    assertTrue(plan.hasChanges());
    List<dev.sanctl.spi.provider.Finding> findings = new ArrayList<>(plan.findings());
    findings.add(
        dev.sanctl.spi.provider.Finding.error(
            dev.sanctl.spi.provider.ResourceAddress.of("n1", "kv", "entry", "vg1/a"),
            "cannot shrink",
            null,
            null));
    Plan errored =
        new Plan(
            plan.sourceRevision(),
            plan.desiredDigest(),
            plan.nodes(),
            plan.nodeDigests(),
            plan.unknownNodes(),
            plan.changes(),
            findings,
            plan.diagnostics());
    PlanHasErrorsException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            PlanHasErrorsException.class,
            () -> new Applier(e, new Journal(state, CLOCK)).apply(desired(), errored, obs, null));
    assertEquals(1, refused.errors().size());
    assertTrue(refused.getMessage().contains("nothing was applied"), refused.getMessage());
    assertTrue(n1.store().isEmpty(), n1.store().toString());
    assertTrue(n2.store().isEmpty(), n2.store().toString());
    assertFalse(Files.exists(state.resolve(Journal.FILE)));
  }

  @Test
  void theJournalNeverContainsASecret() throws Exception {
    apply(engine(Map.of("n1", new KvHost("n1"), "n2", new KvHost("n2"))), desired());
    String journal = Files.readString(state.resolve(Journal.FILE));
    assertFalse(journal.contains("s3cr3t"), journal);
    assertTrue(journal.contains("kv set vg1/chap1 '(sensitive value)'"), journal);
  }

  @Test
  void anUnreachableNodeLeavesTheRestPlannedAndApplied() {
    KvHost n1 = new KvHost("n1");
    Engine e = engine(Map.of("n1", n1));
    ClusterObservation obs = e.observe(desired(), List.of());
    Plan plan = e.plan(desired(), obs, List.of());
    assertEquals(List.of("n2"), List.copyOf(plan.unknownNodes().keySet()));
    ApplyResult r = new Applier(e, new Journal(state, CLOCK)).apply(desired(), plan, obs, null);
    assertTrue(r.ok());
    assertEquals(6, r.outcomes().size());
    Plan again = e.plan(desired(), List.of(), List.of());
    assertFalse(again.hasChanges());
    assertFalse(again.complete());
  }

  @Test
  void aCommandThatFailsMidwayLeavesAJournalFromWhichTheNextApplyConverges() {
    KvHost n1 = new KvHost("n1").fail(a -> a.equals(List.of("kv", "set", "vg1/b", "200")), 1);
    KvHost n2 = new KvHost("n2");
    Engine e = engine(Map.of("n1", n1, "n2", n2));
    ApplyResult first = apply(e, desired());
    assertFalse(first.ok());
    assertEquals(ChangeOutcome.Status.APPLIED, first.outcomes().get(0).status());
    ChangeOutcome failed = first.outcomes().get(1);
    assertEquals("n1/kv.entry/vg1/b", failed.address());
    assertEquals("command `kv set vg1/b 200` exited 1: kv: injected failure", failed.message());
    assertTrue(
        first.outcomes().stream()
            .skip(2)
            .filter(o -> o.node().equals("n1"))
            .allMatch(o -> o.status() == ChangeOutcome.Status.SKIPPED));
    assertTrue(
        first.outcomes().stream()
            .filter(o -> o.node().equals("n2"))
            .allMatch(o -> o.status() == ChangeOutcome.Status.APPLIED),
        "other nodes go on");

    Journal.Unfinished u = Journal.lastUnfinished(state).orElseThrow();
    assertEquals("failed", u.status());
    assertEquals("kv set vg1/b 200", u.unfinished().get("n1/kv.entry/vg1/b"));

    ApplyResult second = apply(e, desired());
    assertTrue(second.ok(), second.outcomes().toString());
    assertEquals(5, second.outcomes().size(), "only what was left on n1 is applied");
    assertFalse(e.plan(desired(), List.of(), List.of()).hasChanges());
    assertTrue(Journal.lastUnfinished(state).isEmpty());
  }

  @Test
  void aChangeThatDoesNotTakeIsAnInconsistentResult() {
    KvHost n2 = new KvHost("n2").ignoreWrites(true);
    DesiredState d = state(List.of(node("n2", "kv")), List.of(vg("vg2", "n2", vol("c", 300))));
    ApplyResult r = apply(engine(Map.of("n2", n2)), d);
    assertFalse(r.ok());
    assertEquals(
        "inconsistent result after apply: n2/kv.entry/vg2/c is still planned after its commands"
            + " succeeded: not present on node",
        r.outcomes().get(0).message());
  }

  @Test
  void aChangeThatDoesNotTakeShowsWhatItsCommandsPrinted() {
    KvHost n2 = new KvHost("n2").ignoreWritesSaying("kv: Invalid name vg2/c\nkv: nothing done\n");
    DesiredState d = state(List.of(node("n2", "kv")), List.of(vg("vg2", "n2", vol("c", 300))));
    ApplyResult r = apply(engine(Map.of("n2", n2)), d);
    assertFalse(r.ok());
    assertEquals(
        "inconsistent result after apply: n2/kv.entry/vg2/c is still planned after its commands"
            + " succeeded: not present on node; the commands printed: `kv set vg2/c 300`: kv:"
            + " Invalid name vg2/c / kv: nothing done",
        r.outcomes().get(0).message());
  }

  @Test
  void aDependantOfAFailedChangeIsSkipped() {
    KvHost n2 = new KvHost("n2").fail(a -> a.contains("vg2/c"), 1);
    DesiredState d =
        state(List.of(node("n2", "kv", "kvlink")), List.of(vg("vg2", "n2", vol("c", 300))));
    ApplyResult r = apply(engine(Map.of("n2", n2)), d);
    assertEquals(
        List.of(ChangeOutcome.Status.FAILED, ChangeOutcome.Status.SKIPPED),
        r.outcomes().stream().map(ChangeOutcome::status).toList());
    assertEquals("Apply failed: 0 applied, 1 failed, 1 skipped.", r.summary());
  }

  @Test
  void nodesRunInParallelButNeverMoreThanMaxParallelNodes() {
    List<NodeSpec> nodes = new ArrayList<>();
    List<VolumeGroup> vgs = new ArrayList<>();
    Map<String, KvHost> hosts = new HashMap<>();
    for (int n = 0; n < 4; n++) {
      nodes.add(node("n" + n, "kv"));
      vgs.add(vg("vg" + n, "n" + n, vol("a", 1), vol("b", 2), vol("c", 3)));
      hosts.put("n" + n, new KvHost("n" + n));
    }
    DesiredState base = state(nodes, vgs);
    Transport t = base.transport();
    DesiredState d =
        base.withRevision(null)
            .withTransport(
                new Transport(
                    t.user(),
                    t.port(),
                    t.identityFile(),
                    t.knownHostsFile(),
                    t.connectTimeout(),
                    t.commandTimeout(),
                    2,
                    t.sudo()));
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    Engine e =
        new Engine(
            ProviderRegistry.of(List.of(new KvProvider())),
            (node, desired) -> {
              KvHost h = hosts.get(node.name());
              return new Host() {
                @Override
                public String name() {
                  return h.name();
                }

                @Override
                public CommandResult run(Command c) throws IOException {
                  most.accumulateAndGet(running.incrementAndGet(), Math::max);
                  try {
                    Thread.sleep(5);
                    return h.run(c);
                  } catch (InterruptedException ex) {
                    throw new InterruptedIOException();
                  } finally {
                    running.decrementAndGet();
                  }
                }
              };
            },
            p -> "x");
    ApplyResult r = apply(e, d);
    assertTrue(r.ok(), r.outcomes().toString());
    assertEquals(12, r.outcomes().size());
    assertTrue(most.get() <= 2, "at most maxParallelNodes nodes at once, saw " + most.get());
  }

  private static long observations(KvHost h) {
    return h.log().stream().filter(c -> c.argv().equals(List.of("kv", "list"))).count();
  }

  /** Changes of one provider on one node form one wave: one observation, not one per change. */
  @Test
  void aNodeIsObservedOncePerWaveNotOncePerChange() {
    for (int n : new int[] {5, 50}) {
      VolumeGroup.Volume[] vols = new VolumeGroup.Volume[n];
      for (int i = 0; i < n; i++) vols[i] = vol("v" + i, i + 1);
      DesiredState d = state(List.of(node("n1", "kv")), List.of(vg("vg1", "n1", vols)));
      KvHost n1 = new KvHost("n1");
      Engine e = engine(Map.of("n1", n1));
      ClusterObservation obs = e.observe(d, List.of());
      Plan plan = e.plan(d, obs, List.of());
      assertEquals(n, plan.changes().size());
      long before = observations(n1);
      ApplyResult r = new Applier(e, new Journal(state, CLOCK)).apply(d, plan, obs, null);
      assertTrue(r.ok(), r.outcomes().toString());
      assertEquals(1, observations(n1) - before, n + " changes, one wave");
      assertFalse(e.plan(d, List.of(), List.of()).hasChanges());
    }
  }

  /** Verification after a wave still catches the one change of the wave that did not take. */
  @Test
  void aChangeThatDoesNotTakeInsideAWaveIsCaughtAndItsDependantsAreNotAttempted() {
    KvHost n2 = new KvHost("n2").ignoreWritesOf(k -> k.equals("vg2/d"));
    DesiredState d =
        state(
            List.of(node("n2", "kv", "kvlink")),
            List.of(vg("vg2", "n2", vol("c", 300), vol("d", 400), vol("e", 500))));
    ApplyResult r = apply(engine(Map.of("n2", n2)), d);
    Map<String, ChangeOutcome.Status> status = new java.util.TreeMap<>();
    r.outcomes().forEach(o -> status.put(o.address(), o.status()));
    assertEquals(ChangeOutcome.Status.APPLIED, status.get("n2/kv.entry/vg2/c"));
    assertEquals(ChangeOutcome.Status.FAILED, status.get("n2/kv.entry/vg2/d"));
    assertEquals(ChangeOutcome.Status.APPLIED, status.get("n2/kv.entry/vg2/e"), "same wave");
    assertTrue(
        r.outcomes().stream()
            .filter(o -> o.address().contains("kvlink"))
            .allMatch(o -> o.status() == ChangeOutcome.Status.SKIPPED),
        r.outcomes().toString());
    assertFalse(n2.store().containsKey("link:vg2/d"), n2.store().toString());
    String message =
        r.outcomes().stream()
            .filter(o -> o.address().equals("n2/kv.entry/vg2/d"))
            .findFirst()
            .orElseThrow()
            .message();
    assertEquals(
        "inconsistent result after apply: n2/kv.entry/vg2/d is still planned after its commands"
            + " succeeded: not present on node",
        message);
  }
}
