package dev.sanctl.core.usecase;

import static dev.sanctl.core.engine.testing.TestStates.absent;
import static dev.sanctl.core.engine.testing.TestStates.node;
import static dev.sanctl.core.engine.testing.TestStates.state;
import static dev.sanctl.core.engine.testing.TestStates.vg;
import static dev.sanctl.core.engine.testing.TestStates.vol;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.apply.ApplyResult;
import dev.sanctl.core.apply.ApprovalPolicy;
import dev.sanctl.core.apply.ChangeOutcome;
import dev.sanctl.core.apply.ClusterLock;
import dev.sanctl.core.apply.Journal;
import dev.sanctl.core.apply.StateFile;
import dev.sanctl.core.engine.Engine;
import dev.sanctl.core.engine.HostFactory;
import dev.sanctl.core.engine.testing.KvHost;
import dev.sanctl.core.engine.testing.KvProvider;
import dev.sanctl.core.engine.testing.TestStates;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.plan.PlanJson;
import dev.sanctl.core.provider.ProviderRegistry;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Change;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ordering rules of an apply, written once in {@link ApplyOperation}. */
class ApplyOperationTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
  static final ApprovalPolicy ALLOW_ALL = new ApprovalPolicy(true, true);
  @TempDir Path stateDir;

  static DesiredState oneNode(dev.sanctl.spi.model.VolumeGroup.Volume... volumes) {
    return state(List.of(node("n1", "kv")), List.of(vg("vg1", "n1", volumes)));
  }

  static DesiredState twoNodes() {
    return state(
        List.of(node("n1", "kv"), node("n2", "kv")),
        List.of(vg("vg1", "n1", vol("a", 100)), vg("vg2", "n2", vol("c", 300))));
  }

  static Engine engine(HostFactory hosts) {
    return new Engine(ProviderRegistry.of(List.of(new KvProvider())), hosts, p -> "s3cr3t-" + p);
  }

  static ApplyRequest request(DesiredState d, PlanJson.Saved saved, ApprovalPolicy approval) {
    return new ApplyRequest(d, List.of(), List.of(), saved, approval, null);
  }

  private ApplyReport run(Engine e, ApplyRequest r, ApplyGate gate) throws IOException {
    return new ApplyOperation(e, stateDir, CLOCK).run(r, gate);
  }

  private Map<String, String> lastApply() {
    return StateFile.read(stateDir, StateFile.LAST_APPLY).orElseThrow();
  }

  /** Every command a node ran, with whether the cluster lock file existed at that moment. */
  private final class LockWatchingHost implements Host {
    final KvHost kv;
    final List<String> seen = Collections.synchronizedList(new ArrayList<>());

    LockWatchingHost(KvHost kv) {
      this.kv = kv;
    }

    @Override
    public String name() {
      return kv.name();
    }

    @Override
    public CommandResult run(Command c) throws IOException {
      boolean locked = Files.exists(stateDir.resolve(ClusterLock.FILE));
      seen.add((locked ? "locked " : "UNLOCKED ") + String.join(" ", c.argv()));
      return kv.run(c);
    }
  }

  @Test
  void theClusterLockIsHeldBeforeAnyNodeIsObserved() throws IOException {
    LockWatchingHost n1 = new LockWatchingHost(new KvHost("n1"));
    List<String> opened = new ArrayList<>();
    HostFactory hosts =
        (node, desired) -> {
          opened.add(
              (Files.exists(stateDir.resolve(ClusterLock.FILE)) ? "locked " : "UNLOCKED ")
                  + node.name());
          return n1;
        };
    ApplyReport r =
        run(engine(hosts), request(oneNode(vol("a", 100)), null, ALLOW_ALL), ApplyGate.NONE);

    assertEquals(ApplyReport.Kind.APPLIED, r.kind());
    assertEquals(List.of("locked n1"), opened);
    assertFalse(n1.seen.isEmpty());
    assertTrue(n1.seen.stream().allMatch(s -> s.startsWith("locked ")), n1.seen.toString());
    assertTrue(n1.seen.get(0).endsWith("kv list"), "observes first: " + n1.seen);
    assertFalse(Files.exists(stateDir.resolve(ClusterLock.FILE)), "the lock is released");
  }

  @Test
  void whileAnotherApplyHoldsTheLockNothingIsObserved() throws Exception {
    List<String> opened = new ArrayList<>();
    HostFactory hosts =
        (node, desired) -> {
          opened.add(node.name());
          return new KvHost(node.name());
        };
    try (ClusterLock held = ClusterLock.acquire(stateDir, CLOCK)) {
      ApplyReport r =
          run(engine(hosts), request(oneNode(vol("a", 100)), null, ALLOW_ALL), ApplyGate.NONE);
      assertEquals(ApplyReport.Kind.LOCKED, r.kind());
      assertTrue(r.reasons().get(0).contains("another apply holds the cluster lock"));
      assertNull(r.plan());
      assertNull(r.status(), "nothing was attempted");
    }
    assertEquals(List.of(), opened, "a node was observed without the lock");
    assertTrue(StateFile.read(stateDir, StateFile.LAST_APPLY).isEmpty());
  }

  @Test
  void theStepsRunInOrderAndTheVerdictIsRecorded() throws IOException {
    KvHost n1 = new KvHost("n1");
    List<String> steps = Collections.synchronizedList(new ArrayList<>());
    ApplyGate gate =
        new ApplyGate() {
          @Override
          public void locked() {
            steps.add("locked");
          }

          @Override
          public void planned(Plan plan) {
            steps.add("planned " + plan.changes().size());
          }

          @Override
          public List<String> hold(Checkpoint at, Plan plan) {
            steps.add("hold " + at);
            return List.of();
          }

          @Override
          public void progress(Change c, ChangeOutcome o) {
            steps.add("progress " + c.address() + " " + o.status());
          }

          @Override
          public void applied(ApplyResult result) {
            steps.add("applied " + result.ok());
          }
        };
    ApplyReport r =
        run(
            engine(TestStates.hosts(Map.of("n1", n1))),
            new ApplyRequest(oneNode(vol("a", 100)), List.of(), List.of(), null, ALLOW_ALL, "me"),
            gate);

    assertEquals(
        List.of(
            "locked",
            "planned 1",
            "hold VALID_PLAN",
            "hold CHANGES",
            "hold ALLOWED",
            "progress n1/kv.entry/vg1/a APPLIED",
            "applied true"),
        steps);
    assertEquals(ApplyReport.Status.OK, r.status());
    assertTrue(r.converged());
    assertEquals("100", n1.store().get("vg1/a"));
    Map<String, String> last = lastApply();
    assertEquals("ok", last.get("status"));
    assertEquals("1", last.get("applied"));
    assertEquals("me", last.get("by"));
    assertEquals(CLOCK.instant().toString(), last.get("time"));
    assertEquals(Journal.FILE, r.journal().getFileName().toString());
  }

  @Test
  void aStaleSavedPlanAppliesNothing() throws IOException {
    KvHost n1 = new KvHost("n1");
    Engine e = engine(TestStates.hosts(Map.of("n1", n1)));
    DesiredState d = oneNode(vol("a", 100), vol("b", 200));
    PlanJson.Saved saved = PlanJson.read(PlanJson.write(e.plan(d, List.of(), List.of())));
    n1.put("vg1/b", "200"); // live state changes after the plan was saved

    List<String> planned = new ArrayList<>();
    ApplyGate gate =
        new ApplyGate() {
          @Override
          public void planned(Plan plan) {
            planned.add("planned");
          }
        };
    ApplyReport r = run(e, request(d, saved, ALLOW_ALL), gate);

    assertEquals(ApplyReport.Kind.STALE, r.kind());
    assertEquals(
        List.of(
            "live state changed since the plan was computed: n1/kv.entry/vg1/b (no longer needs a"
                + " change)"),
        r.reasons());
    assertEquals(List.of(), planned, "a stale plan is not shown as the plan to apply");
    assertNull(n1.store().get("vg1/a"), "nothing applied");
    assertFalse(Files.exists(stateDir.resolve(Journal.FILE)), "nothing journalled");
    assertTrue(StateFile.read(stateDir, StateFile.LAST_APPLY).isEmpty());

    PlanJson.Saved fresh = PlanJson.read(PlanJson.write(e.plan(d, List.of(), List.of())));
    assertEquals(
        ApplyReport.Kind.APPLIED, run(e, request(d, fresh, ALLOW_ALL), ApplyGate.NONE).kind());
    assertEquals("100", n1.store().get("vg1/a"));
  }

  @Test
  void aChangeUndoneBeforeTheVerifyingReplanFailsTheApply() throws IOException {
    KvHost n1 = new KvHost("n1");
    ApplyGate meddler =
        new ApplyGate() {
          @Override
          public void applied(ApplyResult result) {
            n1.put("vg1/a", "50"); // someone else changes the node right after the apply
          }
        };
    ApplyReport r =
        run(
            engine(TestStates.hosts(Map.of("n1", n1))),
            request(oneNode(vol("a", 100)), null, ALLOW_ALL),
            meddler);

    assertEquals(ApplyReport.Kind.APPLIED, r.kind());
    assertTrue(r.result().ok(), "every change verified on its own");
    assertTrue(r.replan().hasChanges());
    assertFalse(r.converged());
    assertEquals(ApplyReport.Status.FAILED, r.status());
    assertEquals(
        "Apply failed: 1 change(s) applied, but a new plan still has changes (see above).",
        r.summary());
    assertEquals("failed", lastApply().get("status"));
  }

  @Test
  void anUnobservedNodeMakesTheApplyIncompleteNeverOk() throws IOException {
    KvHost n1 = new KvHost("n1"); // n2 cannot be reached
    ApplyReport r =
        run(
            engine(TestStates.hosts(Map.of("n1", n1))),
            request(twoNodes(), null, ALLOW_ALL),
            ApplyGate.NONE);

    assertEquals(ApplyReport.Kind.APPLIED, r.kind());
    assertTrue(r.converged(), "the observed node converged");
    assertEquals("100", n1.store().get("vg1/a"));
    assertEquals(ApplyReport.Status.INCOMPLETE, r.status());
    assertFalse(r.ok());
    assertTrue(r.summary().startsWith("Apply incomplete: 1 change(s) applied; 1 node(s)"));
    Map<String, String> last = lastApply();
    assertEquals("incomplete", last.get("status"));
    assertEquals("1", last.get("unknownNodes"));

    ApplyReport again =
        run(
            engine(TestStates.hosts(Map.of("n1", n1))),
            request(twoNodes(), null, ALLOW_ALL),
            ApplyGate.NONE);
    assertEquals(ApplyReport.Kind.NOTHING_TO_DO, again.kind());
    assertEquals(ApplyReport.Status.INCOMPLETE, again.status(), "nothing to do is not ok");
    assertEquals("incomplete", lastApply().get("status"));
  }

  @Test
  void aPlanWithErrorsAppliesNothingAndIsRecordedAsFailed() throws IOException {
    KvHost n1 = new KvHost("n1").put("vg1/a", "500"); // a shrink is an error
    ApplyReport r =
        run(
            engine(TestStates.hosts(Map.of("n1", n1))),
            request(oneNode(vol("a", 100), vol("b", 1)), null, ALLOW_ALL),
            ApplyGate.NONE);

    assertEquals(ApplyReport.Kind.PLAN_ERRORS, r.kind());
    assertEquals(ApplyReport.Status.FAILED, r.status());
    assertNull(n1.store().get("vg1/b"), "the other change is not applied");
    assertFalse(Files.exists(stateDir.resolve(Journal.FILE)));
    assertEquals("1", lastApply().get("planErrors"));
    assertEquals("failed", lastApply().get("status"));
  }

  @Test
  void refusedChangesStopBeforeTheLastHoldAndTheJournal() throws IOException {
    KvHost n1 = new KvHost("n1").put("vg1/gone", "1");
    List<Object> holds = new ArrayList<>();
    ApplyGate gate =
        new ApplyGate() {
          @Override
          public List<String> hold(Checkpoint at, Plan plan) {
            holds.add(at);
            return List.of();
          }
        };
    ApplyReport r =
        run(
            engine(TestStates.hosts(Map.of("n1", n1))),
            request(oneNode(absent("gone")), null, new ApprovalPolicy(false, false)),
            gate);

    assertEquals(ApplyReport.Kind.REFUSED, r.kind());
    assertTrue(r.reasons().get(0).endsWith("needs --allow-destroy"), r.reasons().toString());
    assertEquals(List.of(ApplyGate.Checkpoint.VALID_PLAN, ApplyGate.Checkpoint.CHANGES), holds);
    assertEquals("1", n1.store().get("vg1/gone"));
    assertFalse(Files.exists(stateDir.resolve(Journal.FILE)));
  }

  @Test
  void aHoldStopsWithItsReasonsAndAppliesNothing() throws IOException {
    KvHost n1 = new KvHost("n1");
    ApplyGate gate =
        new ApplyGate() {
          @Override
          public List<String> hold(Checkpoint at, Plan plan) {
            return at == Checkpoint.ALLOWED ? List.of("not confirmed") : List.of();
          }
        };
    ApplyReport r =
        run(
            engine(TestStates.hosts(Map.of("n1", n1))),
            request(oneNode(vol("a", 100)), null, ALLOW_ALL),
            gate);

    assertEquals(ApplyReport.Kind.HELD, r.kind());
    assertEquals(ApplyGate.Checkpoint.ALLOWED, r.heldAt());
    assertEquals(List.of("not confirmed"), r.reasons());
    assertTrue(n1.store().isEmpty());
    assertTrue(StateFile.read(stateDir, StateFile.LAST_APPLY).isEmpty());
  }
}
