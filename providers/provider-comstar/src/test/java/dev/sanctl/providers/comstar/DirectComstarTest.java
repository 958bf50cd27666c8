package dev.sanctl.providers.comstar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.plan.Plan;
import dev.sanctl.providers.zfs.ZfsProvider;
import dev.sanctl.sim.SimCluster;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.testkit.Configs;
import dev.sanctl.testkit.ContractScenario;
import dev.sanctl.testkit.PlanFindings;
import dev.sanctl.testkit.PlannedChanges;
import dev.sanctl.testkit.ProviderContract;
import dev.sanctl.testkit.SimulatedPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Direct COMSTAR on a standalone illumos head (a DR copy presenting production's NAA). */
class DirectComstarTest {
  static final String GUID = "600144F0AAAABBBBCCCCDDDDEEEE0001";
  static final String CONFIG =
      """
      cluster: {name: dr, iqnPrefix: iqn.2026-01.edu.example:dr}
      nodes:
        dr1: {address: 192.0.2.30, os: illumos, services: [zfs, comstar]}
      pools:
        tank:
          nodes: [dr1]
          volumes:
            tank/db: {size: 1G, sparse: true}
            tank/web: {size: 512M, sparse: true}
          comstar:
            tpgs: {tpg_a: [10.0.0.5, "10.0.1.5:3260"]}
            targets:
              t1: {iqn: "iqn.2026-01.edu.example:dr.t1", tpgs: [tpg_a]}
            hostGroups: {dbhosts: [iqn.1998-01.com.vmware:db1, iqn.1998-01.com.vmware:db2]}
            targetGroups: {tg1: [t1]}
            logicalUnits:
              - {zvol: tank/db, guid: GUIDDB, serial: DB0001}
              - {zvol: tank/web, guid: 600144F0AAAABBBBCCCCDDDDEEEE0002, serial: WEB0001}
            views:
              - {lu: tank/db, hostGroup: dbhosts, targetGroup: tg1, lun: 5}
              - {lu: tank/web, lun: 7}
      """;

  static DesiredState load(String yaml) {
    return Configs.load(yaml);
  }

  static DesiredState config(String guid, String serial) {
    return load(CONFIG.replace("GUIDDB", guid).replace("DB0001", serial));
  }

  private static Plan plan(DesiredState desired, ContractScenario.Seed seed) {
    return SimulatedPlan.of(desired, seed, new ZfsProvider(), new ComstarProvider());
  }

  /** tank/db already exists on dr1 and is a LU with {@code guid} and {@code serial}. */
  static void servedDbLu(SimCluster sim, String guid, String serial) throws java.io.IOException {
    sim.run("dr1", "zfs", "create", "-s", "-V", "1G", "tank/db");
    sim.run(
        "dr1",
        "stmfadm",
        "create-lu",
        "-p",
        "guid=" + guid,
        "-p",
        "serial=" + serial,
        "/dev/zvol/rdsk/tank/db");
  }

  @Test
  void createsLusWithGuidsAndSerialsGroupsViewsAndTargets() {
    DesiredState desired = config(GUID, "DB0001");
    Plan plan =
        ProviderContract.check(
            new ComstarProvider(),
            List.of(new ZfsProvider()),
            ContractScenario.simulated(
                "direct comstar from scratch", desired, 1L << 30, sim -> {}));
    Change lu = PlannedChanges.at(plan, "dr1/comstar.lu/tank/db");
    assertEquals(
        List.of(
            "stmfadm",
            "create-lu",
            "-p",
            "guid=" + GUID,
            "-p",
            "serial=DB0001",
            "/dev/zvol/rdsk/tank/db"),
        lu.commands().get(0).argv());
    assertTrue(
        plan.changes().stream()
            .anyMatch(
                c ->
                    c.commands().stream()
                        .anyMatch(
                            cmd ->
                                cmd.argv()
                                    .equals(
                                        List.of(
                                            "stmfadm",
                                            "add-view",
                                            "-h",
                                            "dbhosts",
                                            "-t",
                                            "tg1",
                                            "-n",
                                            "5",
                                            GUID)))));
  }

  @Test
  void listingsAfterApplyShowTheDeclaredIdentity() {
    DesiredState desired = config(GUID, "DB0001");
    ProviderContract.check(
        new ComstarProvider(),
        List.of(new ZfsProvider()),
        ContractScenario.simulated(
            "identity",
            desired,
            1L << 30,
            sim -> {
              sim.run("dr1", "zfs", "create", "-s", "-V", "1G", "tank/db");
              sim.run("dr1", "zfs", "create", "-s", "-V", "512M", "tank/web");
              sim.run(
                  "dr1",
                  "stmfadm",
                  "create-lu",
                  "-p",
                  "guid=" + GUID,
                  "-p",
                  "serial=DB0001",
                  "/dev/zvol/rdsk/tank/db");
              sim.run("dr1", "stmfadm", "create-hg", "dbhosts");
              sim.run(
                  "dr1",
                  "stmfadm",
                  "add-hg-member",
                  "-g",
                  "dbhosts",
                  "iqn.1998-01.com.vmware:db1",
                  "iqn.1998-01.com.vmware:old");
            }));
  }

  @Test
  void changingTheGuidOfAServedZvolIsRefused() {
    DesiredState desired = config("600144F0AAAABBBBCCCCDDDDEEEE0009", "DB0001");
    Plan plan =
        plan(
            desired,
            sim -> {
              servedDbLu(sim, GUID, "DB0001");
            });
    Finding error = PlanFindings.onlyError(plan);
    assertTrue(
        error
            .message()
            .contains("changing a LU's GUID is a breaking identity " + "change and is refused"),
        error.message());
    assertEquals("config.yaml:17:11", error.source().toString());
    assertTrue(
        plan.changes().stream().noneMatch(c -> c.address().equals("dr1/comstar.lu/tank/db")));
  }

  @Test
  void aNewSerialRecreatesTheLuUnderTheSameGuidAsABreakingChange() {
    DesiredState desired = config(GUID, "DB0002");
    Plan plan =
        ProviderContract.check(
            new ComstarProvider(),
            List.of(new ZfsProvider()),
            ContractScenario.simulated(
                "serial change",
                desired,
                1L << 30,
                sim -> {
                  servedDbLu(sim, GUID, "DB0001");
                }));
    Change lu = PlannedChanges.at(plan, "dr1/comstar.lu/tank/db");
    assertEquals(Impact.BREAKING, lu.impact());
    assertEquals(List.of("stmfadm", "delete-lu", GUID), lu.commands().get(0).argv());
  }
}
