package dev.sanctl.providers.comstar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.apply.Applier;
import dev.sanctl.core.apply.ApplyResult;
import dev.sanctl.core.apply.ApprovalPolicy;
import dev.sanctl.core.apply.Journal;
import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.config.LoadResult;
import dev.sanctl.core.engine.ClusterObservation;
import dev.sanctl.core.engine.Engine;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.provider.ProviderRegistry;
import dev.sanctl.core.render.TextRenderer;
import dev.sanctl.providers.zfs.ZfsProvider;
import dev.sanctl.sim.SimCluster;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.testkit.Configs;
import dev.sanctl.testkit.PlanFindings;
import dev.sanctl.testkit.ProviderContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing unexported or re-identified by omission (#14) for COMSTAR: a stmf-ha.conf that no longer
 * exports something (it disappears at the next {@code stmf-ha start}, now or after a failover) and
 * access taken away live (group members, views) are disruptive and need approval; a serial held by
 * another live LU is refused; reordering the YAML plans nothing.
 */
class ComstarOmissionTest {
  static final String ESX02 = "iqn.1998-01.com.vmware:esx02-4e5f6a7b";
  @TempDir Path dir;

  private DesiredState example(UnaryOperator<String> edit) throws Exception {
    Path config = Files.createTempDirectory(dir, "config");
    try (var files = Files.list(Path.of("../../examples/stmf-ha"))) {
      for (Path f : files.toList()) Files.copy(f, config.resolve(f.getFileName()));
    }
    Path zfs = config.resolve("zfs.yaml");
    Files.writeString(zfs, edit.apply(Files.readString(zfs)));
    LoadResult r = ConfigLoader.loadDirectory(config);
    assertTrue(r.ok(), () -> r.diagnostics().toString());
    return r.state();
  }

  private Engine engine(SimCluster sim) {
    return new Engine(
        ProviderRegistry.of(List.of(new ZfsProvider(), new ComstarProvider())),
        (node, d) -> sim.host(node.name()),
        ProviderContract.FAKE_SECRETS);
  }

  private void apply(Engine engine, DesiredState desired) throws Exception {
    ClusterObservation observed = engine.observe(desired, List.of());
    Plan plan = engine.plan(desired, observed, List.of());
    ApplyResult r =
        new Applier(engine, new Journal(Files.createTempDirectory(dir, "state"), Clock.systemUTC()))
            .apply(desired, plan, observed, null);
    assertTrue(r.ok(), r.outcomes().toString());
  }

  private static Change change(Plan plan, String address) {
    return plan.changes().stream()
        .filter(c -> c.address().equals(address))
        .findFirst()
        .orElseThrow(() -> new AssertionError(address + " not in\n" + text(plan)));
  }

  /** The change at {@code address} needs approval and its reason contains {@code reasonPart}. */
  private static Change assertNeedsApproval(Plan plan, String address, String reasonPart) {
    Change c = change(plan, address);
    assertTrue(c.requiresApproval(), text(plan));
    assertTrue(c.reason().contains(reasonPart), c.reason());
    return c;
  }

  private static String text(Plan plan) {
    return new TextRenderer(false).render(plan);
  }

  /** Applies {@code desired} to a new simulated cluster, then plans {@code next} against it. */
  private Plan planAfterApplying(DesiredState desired, DesiredState next) throws Exception {
    SimCluster sim = SimCluster.init(dir.resolve("sim"), desired, 1L << 30);
    try (Engine engine = engine(sim)) {
      apply(engine, desired);
      return engine.plan(next, List.of(), List.of());
    }
  }

  @Test
  void aTargetOrInitiatorDroppedFromTheStmfHaYamlNeedsApprovalForFileAndStart() throws Exception {
    DesiredState desired = example(s -> s);
    DesiredState dropped =
        example(
            s ->
                s.replace("        target02: {tpg: tpg02}\n", "")
                    .replace("[target01, target02]", "[target01]")
                    .replace(", " + ESX02 + "]", "]"));
    SimCluster sim = SimCluster.init(dir.resolve("sim"), desired, 1L << 30);
    try (Engine engine = engine(sim)) {
      apply(engine, desired);
      String before = sim.run("san1", "cat", "/tank/stmf-ha.conf").out();
      Plan plan = engine.plan(dropped, List.of(), List.of());
      Change file = change(plan, "san1/comstar.stmf-ha.conf/tank");
      assertEquals(Impact.DISRUPTIVE, file.impact(), text(plan));
      assertTrue(file.requiresApproval(), text(plan));
      assertTrue(file.reason().contains("target target02 is no longer exported"), file.reason());
      assertTrue(
          file.reason().contains("initiator " + ESX02 + " leaves host group esx_cluster"),
          file.reason());
      assertTrue(file.reason().contains("at the next stmf-ha start"), file.reason());
      assertTrue(
          file.fields().stream()
              .anyMatch(
                  f ->
                      f.path().equals("targets")
                          && "(target01 target02)".equals(f.before())
                          && "target01".equals(f.after())),
          file.fields().toString());
      Change start = change(plan, "san1/comstar.stmf-ha/tank");
      assertTrue(start.requiresApproval(), text(plan));
      assertEquals(Impact.DISRUPTIVE, start.impact());
      assertTrue(
          start.reason().contains("initiator " + ESX02.toLowerCase() + " leaves host group"),
          start.reason());
      List<String> refused = new ApprovalPolicy(true, false).refusals(plan);
      assertTrue(
          refused.stream().anyMatch(l -> l.startsWith("san1/comstar.stmf-ha.conf/tank")),
          refused.toString());
      assertTrue(new ApprovalPolicy(true, true).refusals(plan).isEmpty());
      assertEquals(before, sim.run("san1", "cat", "/tank/stmf-ha.conf").out());
    }
  }

  @Test
  void aViewMovedToAnotherHostGroupIsAccessTakenAway() throws Exception {
    DesiredState desired = example(s -> s);
    DesiredState moved =
        example(
            s ->
                s.replace(
                        "      hostGroups:\n",
                        "      hostGroups:\n        others: [iqn.1998-01.com.vmware:esx09]\n")
                    .replace("{hostGroup: esx_cluster,", "{hostGroup: others,"));
    Plan plan = planAfterApplying(desired, moved);
    Change start = change(plan, "san1/comstar.stmf-ha/tank");
    assertTrue(start.requiresApproval(), text(plan));
    assertEquals(Impact.DISRUPTIVE, start.impact());
    assertTrue(
        start
            .reason()
            .contains(
                "LU tank/vm/VM_A_lun:00 is no longer visible to host group esx_cluster"
                    + " through target group both_targets"),
        start.reason());
    assertNeedsApproval(
        plan, "san1/comstar.stmf-ha.conf/tank", "view vmware_hg esx_cluster -> others");
  }

  @Test
  void reorderingTheStmfHaYamlPlansNothing() throws Exception {
    DesiredState desired = example(s -> s);
    DesiredState reordered =
        example(
            s ->
                s.replace(
                        "      targets:\n        target01: {type: iscsi, tpg: tpg01}\n"
                            + "        target02: {tpg: tpg02}\n",
                        "      targets:\n        target02: {tpg: tpg02}\n"
                            + "        target01: {type: iscsi, tpg: tpg01}\n")
                    .replace("[target01, target02]", "[target02, target01]")
                    .replace(
                        "[iqn.1998-01.com.vmware:esx01-0a1b2c3d, " + ESX02 + "]",
                        "[" + ESX02 + ", iqn.1998-01.com.vmware:esx01-0a1b2c3d]")
                    .replace("[10.30.1.1, 10.30.1.2]", "[10.30.1.2, 10.30.1.1]"));
    assertFalse(
        StmfHaConf.render(desired.pools().get("tank"))
            .equals(StmfHaConf.render(reordered.pools().get("tank"))));
    Plan plan = planAfterApplying(desired, reordered);
    assertTrue(plan.changes().isEmpty(), text(plan));
  }

  @Test
  void aStmfHaGuidHeldByAnotherLiveLuIsRefusedNamingIt() throws Exception {
    DesiredState desired = example(s -> s);
    SimCluster sim = SimCluster.init(dir.resolve("sim"), desired, 1L << 30);
    String guid = StmfHaExpectation.guid("tank/vm/VM_A_lun:00").toUpperCase();
    assertTrue(sim.run("san1", "zfs", "create", "-s", "-V", "1G", "tank/old").ok());
    assertTrue(
        sim.run("san1", "stmfadm", "create-lu", "-p", "guid=" + guid, "/dev/zvol/rdsk/tank/old")
            .ok());
    try (Engine engine = engine(sim)) {
      Plan plan = engine.plan(desired, List.of(), List.of());
      Finding error = PlanFindings.onlyError(plan);
      assertTrue(
          error
              .message()
              .contains(
                  "zvol tank/vm/VM_A_lun:00, "
                      + guid
                      + ", is already held by live LU /dev/zvol/rdsk/tank/old"),
          error.message());
      assertTrue(plan.changes().stream().noneMatch(c -> c.kind().equals("stmf-ha")));
    }
  }

  static final String DIRECT = DirectComstarTest.CONFIG;

  private static DesiredState direct(UnaryOperator<String> edit) {
    return Configs.load(
        edit.apply(DIRECT.replace("GUIDDB", DirectComstarTest.GUID).replace("DB0001", "DB0001")));
  }

  @Test
  void aHostGroupMemberDroppedFromTheYamlIsDisruptiveAndNeedsApproval() throws Exception {
    DesiredState desired = direct(s -> s);
    DesiredState without = direct(s -> s.replace(", iqn.1998-01.com.vmware:db2]", "]"));
    Plan plan = planAfterApplying(desired, without);
    Change hg = change(plan, "dr1/comstar.host-group/dbhosts");
    assertEquals(Impact.DISRUPTIVE, hg.impact());
    assertTrue(hg.requiresApproval());
    assertTrue(
        hg.reason().contains("initiator iqn.1998-01.com.vmware:db2 leaves host-group dbhosts"),
        hg.reason());
    assertEquals(1, new ApprovalPolicy(true, false).refusals(plan).size(), text(plan));
  }

  @Test
  void aPortalOrTpgTakenFromATargetNeedsApproval() throws Exception {
    DesiredState desired = direct(s -> s);
    DesiredState changed =
        direct(
            s ->
                s.replace("[10.0.0.5, \"10.0.1.5:3260\"]", "[10.0.0.5]")
                    .replace("tpgs: [tpg_a]}", "tpgs: []}"));
    Plan plan = planAfterApplying(desired, changed);
    assertNeedsApproval(plan, "dr1/comstar.tpg/tpg_a", "TPG tpg_a is deleted and recreated");
    assertNeedsApproval(
        plan, "dr1/comstar.target/t1", "target iqn.2026-01.edu.example:dr.t1 leaves TPG tpg_a");
    assertEquals(2, new ApprovalPolicy(true, false).refusals(plan).size(), text(plan));
  }

  @Test
  void dropsFromTheDirectYamlTouchNothingLive() throws Exception {
    DesiredState desired = direct(s -> s);
    DesiredState without =
        direct(
            s ->
                s.replace(
                        "        - {zvol: tank/web, guid: 600144F0AAAABBBBCCCCDDDDEEEE0002, serial: WEB0001}\n",
                        "")
                    .replace("        - {lu: tank/web, lun: 7}\n", "")
                    .replace(
                        "        - {lu: tank/db, hostGroup: dbhosts, targetGroup: tg1, lun: 5}\n",
                        "        - {lu: tank/db, lun: 5}\n"));
    Plan plan = planAfterApplying(desired, without);
    for (Change c : plan.changes()) {
      for (var cmd : c.commands()) {
        String argv = String.join(" ", cmd.argv());
        assertFalse(
            argv.contains("delete") || argv.contains("remove"), () -> "by omission: " + text(plan));
      }
    }
  }

  @Test
  void reorderingTheDirectYamlPlansNothing() throws Exception {
    DesiredState desired = direct(s -> s);
    String db = "        - {zvol: tank/db, guid: " + DirectComstarTest.GUID + ", serial: DB0001}\n";
    String web =
        "        - {zvol: tank/web, guid: 600144F0AAAABBBBCCCCDDDDEEEE0002, serial: WEB0001}\n";
    String dbView = "        - {lu: tank/db, hostGroup: dbhosts, targetGroup: tg1, lun: 5}\n";
    String webView = "        - {lu: tank/web, lun: 7}\n";
    DesiredState reordered =
        direct(
            s -> {
              assertTrue(s.contains(db + web) && s.contains(dbView + webView), s);
              return s.replace(db + web, web + db)
                  .replace(dbView + webView, webView + dbView)
                  .replace("[10.0.0.5, \"10.0.1.5:3260\"]", "[\"10.0.1.5:3260\", 10.0.0.5]")
                  .replace(
                      "[iqn.1998-01.com.vmware:db1, iqn.1998-01.com.vmware:db2]",
                      "[iqn.1998-01.com.vmware:db2, iqn.1998-01.com.vmware:db1]");
            });
    Plan plan = planAfterApplying(desired, reordered);
    assertTrue(plan.changes().isEmpty(), text(plan));
  }

  @Test
  void aSerialHeldByAnotherLiveLuIsRefusedNamingIt() throws Exception {
    DesiredState desired = direct(s -> s);
    DesiredState renamed =
        direct(
            s ->
                s.replace("tank/db: {size: 1G", "tank/db2: {size: 1G")
                    .replace(
                        "{zvol: tank/db, guid: " + DirectComstarTest.GUID,
                        "{zvol: tank/db2, guid: 600144F0AAAABBBBCCCCDDDDEEEE0003")
                    .replace("{lu: tank/db,", "{lu: tank/db2,"));
    Plan plan = planAfterApplying(desired, renamed);
    Finding error = PlanFindings.onlyError(plan);
    assertTrue(
        error
            .message()
            .contains(
                "serial DB0001 is already held by live LU "
                    + DirectComstarTest.GUID
                    + " (/dev/zvol/rdsk/tank/db)"),
        error.message());
    assertTrue(error.hint().contains("guid: " + DirectComstarTest.GUID), error.hint());
    assertTrue(
        plan.changes().stream()
            .flatMap(c -> c.commands().stream())
            .noneMatch(c -> c.argv().contains("serial=DB0001")),
        text(plan));
  }

  @Test
  void aSerialChangeKeepsTheLusUndeclaredViews() throws Exception {
    DesiredState desired = direct(s -> s);
    DesiredState reserial = direct(s -> s.replace("serial: DB0001", "serial: DB0002"));
    SimCluster sim = SimCluster.init(dir.resolve("sim"), desired, 1L << 30);
    try (Engine engine = engine(sim)) {
      apply(engine, desired);
      assertTrue(sim.run("dr1", "stmfadm", "add-view", "-n", "9", DirectComstarTest.GUID).ok());
      apply(engine, reserial);
      String views = sim.run("dr1", "stmfadm", "list-view", "-l", DirectComstarTest.GUID).out();
      assertTrue(views.contains("LUN          : 9"), views);
      assertTrue(views.contains("LUN          : 5"), views);
      Plan after = engine.plan(reserial, List.of(), List.of());
      assertTrue(after.changes().isEmpty(), text(after));
    }
  }
}
