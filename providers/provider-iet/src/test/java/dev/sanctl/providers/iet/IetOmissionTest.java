package dev.sanctl.providers.iet;

import static dev.sanctl.providers.iet.IetSimulatorTest.assertNoChanges;
import static dev.sanctl.providers.iet.IetSimulatorTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.apply.ApprovalPolicy;
import dev.sanctl.core.apply.PlanHasErrorsException;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Impact;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is unexported, re-identified or opened by omission, and nothing is planned that does not
 * differ (safety and estates issues), on the simulated cluster through the real engine.
 */
class IetOmissionTest {
  static final String TWO_GROUPS_LVM =
      """
      volumeGroups:
        vg_dsk_1:
          nodes: [node2, node1]
          metaVolume: {name: lv_iscsi_target, size: 8M, mountPoint: /mnt/iscsi-target/vg_dsk_1}
          volumes:
            lv_vmc02_vmfs_vm_iet_vol00: {size: 128M}
        vg_dsk_0:
          nodes: [node1, node2]
          metaVolume: {name: lv_iscsi_target, size: 8M, mountPoint: /mnt/iscsi-target/vg_dsk_0}
          volumes:
            lv_server01_apps_vol00: {size: 64M}
      """;

  @TempDir Path dir;

  /** Amherst with the vmc02 volume on a second group that node2 holds. */
  static DesiredState twoGroups() {
    return SimSan.load(
        "cluster.yaml",
        Amherst.CLUSTER,
        "lvm.yaml",
        TWO_GROUPS_LVM,
        "iscsi.yaml",
        Amherst.iscsi(Amherst.GLOBALS, "online")
            .replace("vg_dsk_0/lv_vmc02_vmfs_vm_iet_vol00", "vg_dsk_1/lv_vmc02_vmfs_vm_iet_vol00"));
  }

  @Test
  void afterAFailoverTheAgentsFileOrderPlansNothing() throws Exception {
    DesiredState d = twoGroups();
    try (SimSan san = SimSan.applied(dir, d)) {
      assertNoChanges(san.plan(d));
      san.cluster.failover("vg_dsk_0", "node2");
      String conf = san.run("node2", "cat", "/etc/iet/ietd.conf");
      assertTrue(
          conf.indexOf("lv-vmc02") > conf.indexOf("lv-server01"),
          "the agent's order differs from the desired state's:\n" + conf);
      Plan after = san.plan(d);
      assertNoChanges(after);
      assertTrue(
          after.findings().stream().noneMatch(f -> f.message().contains("empty diff")),
          () -> text(after));
      san.cluster.failover("vg_dsk_1", "node1");
      assertNoChanges(san.plan(d));
      san.cluster.failover("vg_dsk_0", "node1");
      san.cluster.failover("vg_dsk_1", "node2");
      assertNoChanges(san.plan(d));
    }
  }

  @Test
  void reorderingTargetsInTheYamlPlansNothing() throws Exception {
    DesiredState d = Amherst.state();
    try (SimSan san = SimSan.applied(dir, d)) {
      String iscsi = Amherst.iscsi(Amherst.GLOBALS, "online");
      int second = iscsi.indexOf("  - volume: vg_dsk_0/lv_vmc02");
      int first = iscsi.indexOf("  - volume: vg_dsk_0/lv_server01");
      String swapped =
          iscsi.substring(0, first) + iscsi.substring(second) + iscsi.substring(first, second);
      DesiredState reordered =
          SimSan.load(
              "cluster.yaml", Amherst.CLUSTER, "lvm.yaml", Amherst.LVM, "iscsi.yaml", swapped);
      assertEquals(Amherst.VMC02, reordered.iqnOf(reordered.targets().get(0)));
      Plan plan = san.plan(reordered);
      assertNoChanges(plan);
      assertTrue(
          plan.findings().stream().noneMatch(f -> f.kind() != Finding.Kind.DRIFT),
          () -> text(plan));
    }
  }

  static final String SERVER01_INITIATOR = "iqn.1994-05.com.redhat:swiscsi.server01.apps";

  /** The Amherst iscsi.yaml without the server01 target. */
  static DesiredState withoutServer01() {
    String iscsi = Amherst.iscsi(Amherst.GLOBALS, "online");
    int from = iscsi.indexOf("  - volume: vg_dsk_0/lv_server01");
    int to = iscsi.indexOf("  - volume: vg_dsk_0/lv_vmc02");
    return SimSan.load(
        "cluster.yaml",
        Amherst.CLUSTER,
        "lvm.yaml",
        Amherst.LVM,
        "iscsi.yaml",
        iscsi.substring(0, from) + iscsi.substring(to));
  }

  String files(SimSan san) {
    StringBuilder sb = new StringBuilder();
    for (String f : List.of("ietd.conf", "initiators.allow", "targets.allow")) {
      sb.append(san.run("node1", "cat", "/etc/iet/" + f));
      sb.append(san.run("node1", "cat", "/mnt/iscsi-target/vg_dsk_0/iet/" + f));
    }
    return sb.toString();
  }

  @Test
  void aTargetRemovedFromTheYamlStaysExportedInTheRuntimeAndEveryPersistedCopy() throws Exception {
    DesiredState d = Amherst.state();
    try (SimSan san = SimSan.applied(dir, d)) {
      san.cluster.addSession("node1", Amherst.SERVER01, SERVER01_INITIATOR, "10.0.1.60");
      String before = files(san);
      DesiredState without = withoutServer01();
      Plan plan = san.plan(without);
      assertNoChanges(plan);
      assertTrue(
          plan.findings().stream()
              .anyMatch(
                  f ->
                      f.kind() == Finding.Kind.UNMANAGED
                          && f.address().equals("node1/iet.target/" + Amherst.SERVER01)),
          () -> text(plan));
      san.apply(without);
      assertEquals(before, files(san), "the stanza and the allow line stay byte for byte");
      assertTrue(san.run("node1", "cat", "/proc/net/iet/volume").contains(Amherst.SERVER01));
      san.cluster.failover("vg_dsk_0", "node2");
      assertTrue(
          san.run("node2", "cat", "/proc/net/iet/volume").contains(Amherst.SERVER01),
          "the failover node still serves it");
      assertTrue(
          san.run("node2", "cat", "/etc/iet/initiators.allow").contains(Amherst.SERVER01 + " "));
    }
  }

  @Test
  void aTargetDeclaredAbsentIsRemovedFromTheFilesAsDeclared() throws Exception {
    DesiredState d = Amherst.state();
    try (SimSan san = SimSan.applied(dir, d)) {
      DesiredState absent = Amherst.with(Amherst.GLOBALS, "absent", Amherst.LVM);
      Plan plan = san.plan(absent);
      Change conf = IetSimulatorTest.only(plan, "node1/iet.file//etc/iet/ietd.conf");
      Change delete = IetSimulatorTest.only(plan, "node1/iet.target/" + Amherst.SERVER01);
      for (Change c : List.of(conf, delete)) {
        assertEquals(Impact.DISRUPTIVE, c.impact(), () -> text(plan));
        assertTrue(
            c.requiresApproval(), "it drops a served export without sessions: " + text(plan));
      }
      List<String> refused = new ApprovalPolicy(false, false).refusals(plan);
      assertTrue(
          refused.stream().anyMatch(r -> r.startsWith("node1/iet.target/" + Amherst.SERVER01)),
          refused::toString);
      assertTrue(
          refused.stream().anyMatch(r -> r.startsWith("node1/iet.file//etc/iet/ietd.conf")),
          refused::toString);
      assertEquals(List.of(), new ApprovalPolicy(false, true).refusals(plan));
      san.apply(absent);
      assertFalse(san.run("node1", "cat", "/proc/net/iet/volume").contains(Amherst.SERVER01));
      assertFalse(san.run("node1", "cat", "/etc/iet/ietd.conf").contains(Amherst.SERVER01));
      assertFalse(
          san.run("node1", "cat", "/mnt/iscsi-target/vg_dsk_0/iet/initiators.allow")
              .contains(Amherst.SERVER01));
    }
  }

  @Test
  void removingAnInitiatorWithALiveSessionIsDisruptiveAndNamesIt() throws Exception {
    DesiredState d = Amherst.state();
    try (SimSan san = SimSan.applied(dir, d)) {
      san.cluster.addSession("node1", Amherst.VMC02, IetSimulatorTest.ESX1, "10.0.1.50");
      DesiredState fewer =
          Amherst.withIscsi("ig_vmc02: [iqn.1998-01.com.vmware:vmc02-node01, ", "ig_vmc02: [");
      Plan plan = san.plan(fewer);
      for (String file :
          List.of(
              "node1/iet.file//etc/iet/initiators.allow",
              "node1/iet.file//mnt/iscsi-target/vg_dsk_0/iet/initiators.allow")) {
        Change c = IetSimulatorTest.only(plan, file);
        assertEquals(Impact.DISRUPTIVE, c.impact(), () -> text(plan));
        assertEquals(List.of(IetSimulatorTest.ESX1), c.affectedInitiators());
      }
      List<String> refused = new ApprovalPolicy(false, false).refusals(plan);
      assertEquals(2, refused.size(), refused::toString);
      assertTrue(refused.get(0).contains(IetSimulatorTest.ESX1), refused::toString);
      DesiredState other =
          Amherst.withIscsi(
              "ig_vmc02: [iqn.1998-01.com.vmware:vmc02-node01,"
                  + " iqn.1998-01.com.vmware:vmc02-node02]",
              "ig_vmc02: [iqn.1998-01.com.vmware:vmc02-node01]");
      Change idle =
          IetSimulatorTest.only(san.plan(other), "node1/iet.file//etc/iet/initiators.allow");
      assertEquals(Impact.NONE, idle.impact(), "vmc02-node02 has no session");
    }
  }

  @Test
  void aServedTargetIsNeverOpenedToEveryInitiatorByOmission() throws Exception {
    DesiredState d = Amherst.state();
    try (SimSan san = SimSan.applied(dir, d)) {
      String allow = files(san);
      DesiredState open = Amherst.withIscsi("initiators: [ig_server01_apps]", "initiators: []");
      Plan plan = san.plan(open);
      assertTrue(
          plan.findings().stream()
              .anyMatch(
                  f ->
                      f.kind() == Finding.Kind.ERROR
                          && f.address().equals("node1/iet.target/" + Amherst.SERVER01)
                          && f.message().contains("admits every initiator")),
          () -> text(plan));
      assertTrue(
          plan.changes().stream().noneMatch(c -> c.address().endsWith("initiators.allow")),
          () -> text(plan));
      assertThrows(PlanHasErrorsException.class, () -> san.apply(open));
      assertEquals(allow, files(san));
      san.applyBesideErrors(open); // even the changes beside the error keep the allow line
      assertEquals(allow, files(san));
    }
  }

  @Test
  void removingDaemonSettingsIsDisruptiveAndNeedsItsFlag() throws Exception {
    DesiredState d = Amherst.state();
    try (SimSan san = SimSan.applied(dir, d)) {
      Plan plan = san.plan(Amherst.with("{}", "online", Amherst.LVM));
      Change conf = IetSimulatorTest.only(plan, "node1/iet.file//etc/iet/ietd.conf");
      assertEquals(Impact.DISRUPTIVE, conf.impact());
      assertTrue(conf.reason().contains("removes settings global: ImmediateData"), conf.reason());
      List<String> refused = new ApprovalPolicy(true, false).refusals(plan);
      assertEquals(2, refused.size(), "both nodes' ietd.conf: " + refused);
      assertTrue(refused.stream().allMatch(r -> r.contains("iet.file//etc/iet/ietd.conf")));
      assertTrue(text(plan).contains("[disruptive]"));
    }
  }

  @Test
  void renamingAVolumeNeverCreatesASecondTargetWithTheLiveSerial() throws Exception {
    DesiredState d = Amherst.state();
    try (SimSan san = SimSan.applied(dir, d)) {
      san.cluster.addSession("node1", Amherst.SERVER01, SERVER01_INITIATOR, "10.0.1.60");
      DesiredState renamed =
          SimSan.load(
              "cluster.yaml",
              Amherst.CLUSTER,
              "lvm.yaml",
              Amherst.LVM.replace("lv_server01_apps_vol00", "lv_server01_apps_vol01"),
              "iscsi.yaml",
              Amherst.iscsi(Amherst.GLOBALS, "online")
                  .replace("lv_server01_apps_vol00", "lv_server01_apps_vol01"));
      String newIqn = Amherst.SERVER01.replace("vol00", "vol01");
      Plan plan = san.plan(renamed);
      Finding error =
          plan.findings().stream()
              .filter(f -> f.kind() == Finding.Kind.ERROR)
              .findFirst()
              .orElseThrow(() -> new AssertionError(text(plan)));
      assertEquals("node1/iet.target/" + newIqn, error.address());
      assertTrue(
          error
              .message()
              .contains("serial AMHDSK-100415-01 is held by live target " + Amherst.SERVER01),
          error.message());
      assertTrue(error.hint().contains("state: absent"), error.hint());
      assertTrue(
          plan.changes().stream().noneMatch(c -> c.provider().equals("iet")),
          () -> "no target with the old serial, no file rewritten:\n" + text(plan));
      assertTrue(plan.errored());
    }
  }

  @Test
  void movingATargetToAGroupHeldByAnotherNodeNeedsAllowDisruptiveEvenWithoutSessions()
      throws Exception {
    String explicit = "serial: AMHDSK-100415-01\n    iqn: " + Amherst.SERVER01;
    String iscsi =
        Amherst.iscsi(Amherst.GLOBALS, "online")
            .replace("vg_dsk_0/lv_vmc02_vmfs_vm_iet_vol00", "vg_dsk_1/lv_vmc02_vmfs_vm_iet_vol00")
            .replace("serial: AMHDSK-100415-01", explicit);
    DesiredState d =
        SimSan.load(
            "cluster.yaml", Amherst.CLUSTER, "lvm.yaml", TWO_GROUPS_LVM, "iscsi.yaml", iscsi);
    try (SimSan san = SimSan.applied(dir, d)) {
      DesiredState moved =
          SimSan.load(
              "cluster.yaml",
              Amherst.CLUSTER,
              "lvm.yaml",
              TWO_GROUPS_LVM.replace(
                  "lv_vmc02_vmfs_vm_iet_vol00: {size: 128M}",
                  "lv_vmc02_vmfs_vm_iet_vol00: {size: 128M}\n      lv_server01_moved: {size: 64M}"),
              "iscsi.yaml",
              iscsi.replace("vg_dsk_0/lv_server01_apps_vol00", "vg_dsk_1/lv_server01_moved"));
      Plan plan = san.plan(moved);
      Change delete = IetSimulatorTest.only(plan, "node1/iet.target/" + Amherst.SERVER01);
      assertEquals(Impact.DISRUPTIVE, delete.impact());
      assertTrue(delete.requiresApproval(), "no session now, still an export taken away");
      Change conf = IetSimulatorTest.only(plan, "node1/iet.file//etc/iet/ietd.conf");
      assertTrue(conf.requiresApproval(), conf::toString);
      assertTrue(conf.reason().contains("drops " + Amherst.SERVER01), conf.reason());
      List<String> refused = new ApprovalPolicy(true, false).refusals(plan);
      assertTrue(refused.stream().anyMatch(r -> r.startsWith(delete.address())), refused::toString);
      assertEquals(List.of(), new ApprovalPolicy(true, true).refusals(plan));
    }
  }
}
