package dev.sanctl.providers.iet;

import static dev.sanctl.providers.iet.IetSimulatorTest.assertNoChanges;
import static dev.sanctl.providers.iet.IetSimulatorTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.plan.Plan;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Finding;
import java.nio.file.Path;
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
}
