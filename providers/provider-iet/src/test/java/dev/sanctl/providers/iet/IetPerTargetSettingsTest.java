package dev.sanctl.providers.iet;

import static dev.sanctl.providers.iet.IetSimulatorTest.assertNoChanges;
import static dev.sanctl.providers.iet.IetSimulatorTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.plan.Plan;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.FieldChange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code io} and {@code options} set on a target (and {@code io} on a LUN) override {@code
 * targetDefaults}: rendered into {@code ietd.conf}, set on the running target, compared live, and
 * the plan is empty afterwards.
 */
class IetPerTargetSettingsTest {
  @TempDir Path dir;

  static DesiredState state() {
    DesiredState d =
        SimSan.load(
            "cluster.yaml",
            Amherst.CLUSTER,
            "lvm.yaml",
            Amherst.LVM.replace(
                "lv_vmc02_vmfs_vm_iet_vol00: {size: 128M}",
                "lv_vmc02_vmfs_vm_iet_vol00: {size: 128M}\n      lv_extra: {size: 16M}"),
            "iscsi.yaml",
            Amherst.iscsi(Amherst.GLOBALS, "online")
                .replace(
                    "  - volume: vg_dsk_0/lv_server01_apps_vol00\n    state: online\n"
                        + "    serial: AMHDSK-100415-01\n",
                    "  - luns:\n"
                        + "      - {lun: 0, volume: vg_dsk_0/lv_server01_apps_vol00, serial:"
                        + " AMHDSK-100415-01}\n"
                        + "      - {lun: 1, volume: vg_dsk_0/lv_extra, serial: AMHDSK-X, io:"
                        + " blockio}\n"
                        + "    io: fileio\n")
                .replace(
                    "    expectedSessions: 2\n",
                    "    expectedSessions: 2\n"
                        + "    options: {initialr2t: \"Yes\", MaxBurstLength: 131072}\n"));
    return d;
  }

  @Test
  void targetAndLunSettingsOverrideTheDefaultsAndConverge() throws Exception {
    DesiredState d = state();
    try (SimSan san = new SimSan(dir, d)) {
      san.apply(d);
      assertNoChanges(san.plan(d));
      String conf = san.run("node1", "cat", "/etc/iet/ietd.conf");
      String server01 = stanza(conf, Amherst.SERVER01);
      assertTrue(server01.contains("Type=fileio"), server01);
      assertTrue(server01.contains("Lun 1 Path=/dev/vg_dsk_0/lv_extra,Type=blockio"), server01);
      assertTrue(server01.contains("InitialR2T No"), server01);
      String vmc02 = stanza(conf, Amherst.VMC02);
      assertTrue(vmc02.contains("initialr2t Yes"), vmc02);
      assertTrue(vmc02.contains("MaxBurstLength 131072"), vmc02);
      assertTrue(!vmc02.contains("InitialR2T No"), "the default is overridden:\n" + vmc02);
      assertTrue(vmc02.contains("MaxRecvDataSegmentLength 262144"), "defaults stay:\n" + vmc02);

      String tid = tidOf(san, Amherst.VMC02);
      String live = san.run("node1", "ietadm", "--op", "show", "--tid=" + tid, "--sid=0");
      assertTrue(live.contains("InitialR2T=Yes\n"), live);
      assertTrue(live.contains("MaxBurstLength=131072\n"), live);

      // drift of a per-target value in the running target and in ietd.conf is repaired
      san.run("node1", "ietadm", "--op", "update", "--tid=" + tid, "--params=InitialR2T=No");
      String edited = conf.replace("initialr2t Yes", "initialr2t No");
      san.cluster
          .host("node1")
          .run(
              Command.change(edited.getBytes(StandardCharsets.UTF_8), "tee", "/etc/iet/ietd.conf"));
      Plan drift = san.plan(d);
      List<Change> params =
          drift.changes().stream().filter(c -> c.address().contains("iet.params/")).toList();
      assertEquals(1, params.size(), () -> text(drift));
      assertEquals(List.of(FieldChange.of("initialr2t", "No", "Yes")), params.get(0).fields());
      san.apply(d);
      assertNoChanges(san.plan(d));
    }
  }

  private static String stanza(String conf, String iqn) {
    int i = conf.indexOf("Target " + iqn + "\n");
    assertTrue(i >= 0, conf);
    int j = conf.indexOf("\nTarget ", i + 1);
    return j < 0 ? conf.substring(i) : conf.substring(i, j);
  }

  private static String tidOf(SimSan san, String iqn) {
    for (String line : san.run("node1", "cat", "/proc/net/iet/volume").split("\n")) {
      if (line.startsWith("tid:") && line.endsWith("name:" + iqn)) {
        return line.substring(4, line.indexOf(' '));
      }
    }
    throw new AssertionError("no tid for " + iqn);
  }
}
