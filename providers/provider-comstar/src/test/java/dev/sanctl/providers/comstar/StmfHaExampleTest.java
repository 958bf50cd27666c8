package dev.sanctl.providers.comstar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.apply.Applier;
import dev.sanctl.core.apply.ApplyResult;
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
import dev.sanctl.testkit.ContractScenario;
import dev.sanctl.testkit.ProviderContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/stmf-ha} on the simulator: zvols created by the zfs provider, {@code
 * stmf-ha.conf} written and {@code stmf-ha start tank} run; the file sourced by real bash yields
 * the declared variables; a manual {@code stmfadm remove-view} is drift that the next apply
 * repairs.
 */
class StmfHaExampleTest {
  static final String VM_A = "tank/vm/VM_A_lun:00";
  @TempDir Path dir;

  static DesiredState example() {
    LoadResult r = ConfigLoader.loadDirectory(Path.of("../../examples/stmf-ha"));
    assertTrue(r.ok(), () -> r.diagnostics().toString());
    return r.state();
  }

  /** An engine with the zfs and comstar providers on the simulated cluster {@code sim}. */
  private static Engine engine(SimCluster sim) {
    return new Engine(
        ProviderRegistry.of(List.of(new ZfsProvider(), new ComstarProvider())),
        (node, d) -> sim.host(node.name()),
        ProviderContract.FAKE_SECRETS);
  }

  @Test
  void plansAppliesAndReplansEmptyThroughTheContract() {
    DesiredState desired = example();
    Plan plan =
        ProviderContract.check(
            new ComstarProvider(),
            List.of(new ZfsProvider()),
            ContractScenario.simulated("examples/stmf-ha", desired, 1L << 30, sim -> {}));
    assertTrue(
        plan.changes().stream()
            .anyMatch(
                c ->
                    c.address().equals("san1/comstar.stmf-ha/tank")
                        && c.commands().get(0).argv().equals(List.of("stmf-ha", "start", "tank"))),
        plan.changes().toString());
  }

  private static Plan apply(Engine engine, DesiredState desired, Path state) throws Exception {
    ClusterObservation observed = engine.observe(desired, List.of());
    Plan plan = engine.plan(desired, observed, List.of());
    ApplyResult r =
        new Applier(engine, new Journal(state, Clock.systemUTC()))
            .apply(desired, plan, observed, null);
    assertTrue(r.ok(), r.outcomes().toString());
    return plan;
  }

  @Test
  void renderedFileSourcedByBashAndRemovedViewRepaired() throws Exception {
    DesiredState desired = example();
    SimCluster sim = SimCluster.init(dir.resolve("sim"), desired, 1L << 30);
    try (Engine engine = engine(sim)) {
      apply(engine, desired, Files.createDirectories(dir.resolve("state1")));

      Path conf = dir.resolve("stmf-ha.conf");
      Files.writeString(conf, sim.run("san1", "cat", "/tank/stmf-ha.conf").out());
      Process bash =
          new ProcessBuilder(
                  "bash",
                  "-c",
                  "source \"$1\"; for v in "
                      + "target_portal_groups tpg01_portals tpg02_portals default_tpg targets target01_type "
                      + "target01_tpg target02_type target02_tpg logical_units host_groups "
                      + "esx_cluster_members target_groups both_targets_members views vmware_hg vmware_tg "
                      + "vmware_lu_prefix; do a=\"$v[@]\"; echo \"$v=${!a}\"; done; compgen -v | wc -l",
                  "bash",
                  conf.toString())
              .redirectErrorStream(true)
              .start();
      String vars = new String(bash.getInputStream().readAllBytes());
      assertEquals(0, bash.waitFor(), vars);
      assertTrue(
          vars.startsWith(
              """
          target_portal_groups=tpg01 tpg02
          tpg01_portals=10.30.1.1 10.30.1.2
          tpg02_portals=10.30.2.1:3260
          default_tpg=tpg01
          targets=target01 target02
          target01_type=iscsi
          target01_tpg=tpg01
          target02_type=iscsi
          target02_tpg=tpg02
          logical_units=tank/vm/VM_A_lun:00 tank/vm/VM_B_lun:01 tank/vm/VM_C_lun:02
          host_groups=esx_cluster
          esx_cluster_members=iqn.1998-01.com.vmware:esx01-0a1b2c3d iqn.1998-01.com.vmware:esx02-4e5f6a7b
          target_groups=both_targets
          both_targets_members=target01 target02
          views=vmware
          vmware_hg=esx_cluster
          vmware_tg=both_targets
          vmware_lu_prefix=tank/vm
          """),
          vars);

      String guid = StmfHaExpectation.guid(VM_A).toUpperCase();
      assertEquals(
          "View Entry: 0\n    Host group   : esx_cluster\n    Target group : both_targets\n"
              + "    LUN          : 0\n",
          sim.run("san1", "stmfadm", "list-view", "-l", guid).out());
      assertTrue(sim.run("san1", "stmfadm", "remove-view", "-l", guid, "0").ok());

      Plan drift = engine.plan(desired, List.of(), List.of());
      assertEquals(1, drift.changes().size(), new TextRenderer(false).render(drift));
      Change repair = drift.changes().get(0);
      assertEquals("san1/comstar.stmf-ha/tank", repair.address());
      assertTrue(
          repair
              .reason()
              .contains("LU tank/vm/VM_A_lun:00 has no view esx_cluster/" + "both_targets LUN 0"),
          repair.reason());
      apply(engine, desired, Files.createDirectories(dir.resolve("state2")));
      assertTrue(
          sim.run("san1", "stmfadm", "list-view", "-l", guid).out().contains("LUN          : 0"));
      Plan after = engine.plan(desired, List.of(), List.of());
      assertTrue(after.changes().isEmpty(), new TextRenderer(false).render(after));
    }
  }

  @Test
  void anAbsentZvolLosesItsLuBeforeTheZvolIsDestroyed() throws Exception {
    DesiredState desired = example();
    SimCluster sim = SimCluster.init(dir.resolve("sim"), desired, 1L << 30);
    Path config = Files.createDirectories(dir.resolve("config"));
    try (var files = Files.list(Path.of("../../examples/stmf-ha"))) {
      for (Path f : files.toList()) Files.copy(f, config.resolve(f.getFileName()));
    }
    String zfs = Files.readString(config.resolve("zfs.yaml"));
    Files.writeString(
        config.resolve("zfs.yaml"),
        zfs.replace("{size: 500G, blockSize: 128K}", "{size: 500G, blockSize: 128K, state: absent}")
            .replace(", \"tank/vm/VM_C_lun:02\"]", "]"));
    LoadResult r = ConfigLoader.loadDirectory(config);
    assertTrue(r.ok(), () -> r.diagnostics().toString());
    DesiredState without = r.state();
    String guid = StmfHaExpectation.guid("tank/vm/VM_C_lun:02").toUpperCase();
    try (Engine engine = engine(sim)) {
      apply(engine, desired, Files.createDirectories(dir.resolve("state1")));
      assertTrue(sim.run("san1", "stmfadm", "list-lu", guid).ok());
      Plan plan = apply(engine, without, Files.createDirectories(dir.resolve("state2")));
      List<String> order = plan.changes().stream().map(Change::address).toList();
      assertTrue(
          order.indexOf("san1/comstar.lu/tank/vm/VM_C_lun:02")
              < order.indexOf("san1/zfs.volume/tank/vm/VM_C_lun:02"),
          order.toString());
      assertEquals(
          "stmfadm: " + guid + ": not found\n", sim.run("san1", "stmfadm", "list-lu", guid).err());
      assertTrue(engine.plan(without, List.of(), List.of()).changes().isEmpty());
    }
  }

  @Test
  void afterAFailoverTheImportingHeadIsConfigured() throws Exception {
    DesiredState desired = example();
    Plan plan =
        ProviderContract.check(
            new ComstarProvider(),
            List.of(new ZfsProvider()),
            ContractScenario.simulated(
                "pool on san2",
                desired,
                1L << 30,
                sim -> {
                  sim.onNode(
                      "san1",
                      n -> {
                        n.setPoolImported("tank", false);
                        return null;
                      });
                  sim.onNode(
                      "san2",
                      n -> {
                        n.setPoolImported("tank", true);
                        return null;
                      });
                }));
    assertTrue(
        plan.changes().stream().anyMatch(c -> c.address().equals("san2/comstar.stmf-ha/tank")),
        plan.changes().toString());
    assertTrue(plan.changes().stream().noneMatch(c -> c.node().equals("san1")));
  }
}
