package dev.sanctl.providers.iet;

import static dev.sanctl.providers.iet.Amherst.SERVER01;
import static dev.sanctl.providers.iet.Amherst.VMC02;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.apply.ApprovalPolicy;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.render.TextRenderer;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Impact;
import java.nio.file.Path;
import java.util.List;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.approvaltests.reporters.QuietReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The iet provider with lvm on the simulated cluster, through the real engine. */
class IetSimulatorTest {
  static final String ESX1 = "iqn.1998-01.com.vmware:vmc02-node01";

  @TempDir Path dir;

  static Options txt() {
    return new Options().withReporter(new QuietReporter()).forFile().withExtension(".txt");
  }

  static String text(Plan p) {
    String s = new TextRenderer(false).render(p);
    assertFalse(s.contains("FAKE-"), "a secret reached the rendered plan:\n" + s);
    return s;
  }

  static void assertNoChanges(Plan p) {
    assertTrue(p.changes().isEmpty(), () -> "expected no changes:\n" + text(p));
  }

  static Change only(Plan p, String address) {
    List<Change> c = p.changes().stream().filter(x -> x.address().equals(address)).toList();
    assertEquals(1, c.size(), () -> address + " not planned exactly once:\n" + text(p));
    return c.get(0);
  }

  @Test
  void firstApplyThenAnEmptyPlan() throws Exception {
    DesiredState d = Amherst.state();
    try (SimSan san = new SimSan(dir, d)) {
      Plan first = san.apply(d);
      Approvals.verify(text(first), txt());
      assertNoChanges(san.plan(d));
      String volume = san.run("node1", "cat", "/proc/net/iet/volume");
      assertTrue(volume.contains("tid:1 name:" + SERVER01 + "\n"), volume);
      assertTrue(volume.contains("tid:2 name:" + VMC02 + "\n"), volume);
      assertEquals(
          "IncomingUser vmc02\n", san.run("node1", "ietadm", "--op", "show", "--tid=2", "--user"));
    }
  }

  @Test
  void configFilesOnTheNodeAndTheMetaVolume() throws Exception {
    DesiredState d = Amherst.state();
    try (SimSan san = SimSan.applied(dir, d)) {
      StringBuilder sb = new StringBuilder();
      for (String f : List.of("ietd.conf", "initiators.allow", "targets.allow")) {
        String etc = san.run("node1", "cat", "/etc/iet/" + f);
        String meta = san.run("node1", "cat", "/mnt/iscsi-target/vg_dsk_0/iet/" + f);
        assertTrue(etc.endsWith(meta), f + ": /etc/iet ends with the group's section");
        assertTrue(etc.endsWith("\n"), f + ": every line ends with a newline");
        sb.append("==> /etc/iet/").append(f).append(" <==\n").append(etc);
        sb.append("==> /mnt/iscsi-target/vg_dsk_0/iet/").append(f).append(" <==\n").append(meta);
      }
      Approvals.verify(sb.toString(), txt());
    }
  }

  @Test
  void observationIsBatched() throws Exception {
    DesiredState d = Amherst.state();
    try (SimSan san = SimSan.applied(dir, d)) {
      dev.sanctl.testkit.RecordingHost h =
          new dev.sanctl.testkit.RecordingHost(san.cluster.host("node1"));
      new IetProvider()
          .observe(new dev.sanctl.spi.provider.ObserveContext(d.nodes().get("node1"), h, d));
      assertEquals(
          List.of(
              "cat /proc/net/iet/volume",
              "cat /proc/net/iet/session",
              "cat /etc/iet/ietd.conf",
              "cat /etc/iet/initiators.allow",
              "cat /etc/iet/targets.allow",
              "cat /mnt/iscsi-target/vg_dsk_0/iet/ietd.conf",
              "cat /mnt/iscsi-target/vg_dsk_0/iet/initiators.allow",
              "cat /mnt/iscsi-target/vg_dsk_0/iet/targets.allow"),
          h.lines(),
          "the same commands whatever the number of targets");
    }
  }

  @Test
  void aManualIetadmDeleteIsDetectedAndRepaired() throws Exception {
    DesiredState d = Amherst.state();
    try (SimSan san = SimSan.applied(dir, d)) {
      san.run("node1", "ietadm", "--op", "delete", "--tid=1");
      Plan drift = san.plan(d);
      Change c = only(drift, "node1/iet.target/" + SERVER01);
      assertEquals(Action.CREATE, c.action());
      assertEquals(1, drift.changes().size(), () -> text(drift));
      assertEquals(
          "ietadm --op new --tid=1 --params=Name=" + SERVER01,
          c.commands().get(0).toString(),
          "the lowest free tid");
      san.apply(d);
      assertNoChanges(san.plan(d));
      assertTrue(
          san.run("node1", "cat", "/proc/net/iet/volume")
              .contains("tid:1 name:" + SERVER01 + "\n"));
    }
  }

  @Test
  void afterFailoverTheNewNodeServesTheSameTargetsAndNothingIsPlanned() throws Exception {
    DesiredState d = Amherst.state();
    try (SimSan san = SimSan.applied(dir, d)) {
      String conf = san.run("node1", "cat", "/mnt/iscsi-target/vg_dsk_0/iet/ietd.conf");
      san.cluster.failover("vg_dsk_0", "node2");
      Plan after = san.plan(d);
      assertNoChanges(after);
      assertTrue(
          after.findings().stream()
              .anyMatch(
                  f ->
                      f.kind() == Finding.Kind.WARNING
                          && f.message()
                              .contains("is held by node2, not by its preferred node node1")),
          () -> text(after));
      assertEquals("", san.run("node1", "cat", "/proc/net/iet/volume"));
      String volume = san.run("node2", "cat", "/proc/net/iet/volume");
      assertTrue(
          volume.contains(" name:" + SERVER01 + "\n") && volume.contains(" name:" + VMC02), volume);
      assertEquals(conf, san.run("node2", "cat", "/mnt/iscsi-target/vg_dsk_0/iet/ietd.conf"));
      assertTrue(
          san.run("node2", "cat", "/etc/iet/ietd.conf")
              .contains("ScsiId=AMHDSK-100415-01,ScsiSN=AMHDSK-100415-01\n"));
      assertTrue(
          san.run("node2", "cat", "/etc/iet/ietd.conf")
              .startsWith("ImmediateData Yes\nTgtNotFoundRespondServiceUnavailable Yes\n"));
      assertEquals(
          "ImmediateData Yes\nTgtNotFoundRespondServiceUnavailable Yes\n",
          san.run("node1", "cat", "/etc/iet/ietd.conf"),
          "node1 keeps only the global part");

      san.cluster.failover("vg_dsk_0", "node1");
      assertNoChanges(san.plan(d));
    }
  }

  @Test
  void growingAVolumeWithALiveSessionIsDisruptiveAndNamesTheInitiator() throws Exception {
    DesiredState d = Amherst.state();
    try (SimSan san = SimSan.applied(dir, d)) {
      san.cluster.addSession("node1", VMC02, ESX1, "10.0.1.50");
      DesiredState grown =
          Amherst.withLvm(
              "lv_vmc02_vmfs_vm_iet_vol00: {size: 128M}",
              "lv_vmc02_vmfs_vm_iet_vol00: {size: 256M}");
      Plan plan = san.plan(grown);
      Change lvm = only(plan, "node1/lvm.volume/vg_dsk_0/lv_vmc02_vmfs_vm_iet_vol00");
      assertEquals(Impact.NONE, lvm.impact());
      Change lun = only(plan, "node1/iet.lun/" + VMC02 + "/0");
      assertEquals(Action.REPLACE, lun.action());
      assertEquals(Impact.DISRUPTIVE, lun.impact());
      assertEquals(List.of(ESX1), lun.affectedInitiators());
      assertEquals(List.of(lvm.address()), lun.dependsOnAddresses());
      Approvals.verify(text(plan), txt());
      List<String> refusals = new ApprovalPolicy(false, false).refusals(plan);
      assertEquals(1, refusals.size(), refusals::toString);
      assertTrue(
          refusals.get(0).contains(ESX1) && refusals.get(0).contains("--allow-disruptive"),
          refusals.get(0));
      san.apply(grown);
      assertNoChanges(san.plan(grown));
      assertTrue(san.run("node1", "cat", "/proc/net/iet/volume").contains("blocks:524288 "));
    }
  }

  @Test
  void shrinkingIsRefusedWithAnExplanation() throws Exception {
    DesiredState d = Amherst.state();
    try (SimSan san = SimSan.applied(dir, d)) {
      Plan plan =
          san.plan(
              Amherst.withLvm(
                  "lv_server01_apps_vol00: {size: 64M}", "lv_server01_apps_vol00: {size: 32M}"));
      assertNoChanges(plan);
      Finding f =
          plan.findings().stream()
              .filter(x -> x.kind() == Finding.Kind.ERROR)
              .findFirst()
              .orElseThrow();
      assertEquals(
          "volumes never shrink: vg_dsk_0/lv_server01_apps_vol00 current 64M, desired"
              + " 32M; grow-only",
          f.message());
      assertFalse(plan.applyable());
    }
  }

  @Test
  void takingATargetWithSessionsOfflineIsDisruptive() throws Exception {
    DesiredState d = Amherst.state();
    try (SimSan san = SimSan.applied(dir, d)) {
      String initiator = "iqn.1994-05.com.redhat:swiscsi.server01.apps";
      san.cluster.addSession("node1", SERVER01, initiator, "10.0.1.60");
      DesiredState offline = Amherst.with(Amherst.GLOBALS, "offline", Amherst.LVM);
      Plan plan = san.plan(offline);
      Change c = only(plan, "node1/iet.target/" + SERVER01);
      assertEquals(Action.DELETE, c.action());
      assertEquals(Impact.DISRUPTIVE, c.impact());
      assertEquals(List.of(initiator), c.affectedInitiators());
      Approvals.verify(text(plan), txt());
      san.apply(offline);
      assertNoChanges(san.plan(offline));
      assertFalse(san.run("node1", "cat", "/proc/net/iet/volume").contains(SERVER01));
      assertTrue(
          san.run("node1", "cat", "/etc/iet/ietd.conf")
              .contains("# Target " + SERVER01 + " is offline (state: offline)\n"));
      assertFalse(san.run("node1", "cat", "/etc/iet/initiators.allow").contains(SERVER01));
    }
  }

  @Test
  void serialAndIqnChangesAreBreaking() throws Exception {
    DesiredState d = Amherst.state();
    try (SimSan san = SimSan.applied(dir, d)) {
      Plan serial =
          san.plan(Amherst.withIscsi("serial: AMHDSK-100415-01", "serial: AMHDSK-100415-09"));
      Change lun = only(serial, "node1/iet.lun/" + SERVER01 + "/0");
      assertEquals(Impact.BREAKING, lun.impact());
      assertEquals(List.of("node1/iet.file//etc/iet/ietd.conf"), lun.dependsOnAddresses());
      String newIqn = "iqn.1990-01.edu.amherst:iet.iscsi-target4.server01";
      DesiredState renamed =
          Amherst.withIscsi(
              "serial: AMHDSK-100415-01", "serial: AMHDSK-100415-01\n    iqn: " + newIqn);
      Plan iqn = san.plan(renamed);
      Change t = only(iqn, "node1/iet.target/" + newIqn);
      assertEquals(Action.REPLACE, t.action());
      assertEquals(Impact.BREAKING, t.impact());
      assertTrue(
          iqn.findings().stream().noneMatch(f -> f.kind() == Finding.Kind.UNMANAGED),
          () -> text(iqn));
      san.apply(renamed);
      assertNoChanges(san.plan(renamed));
    }
  }

  @Test
  void fewerSessionsThanExpectedIsDriftAndUnknownTargetsAreUnmanaged() throws Exception {
    DesiredState d = Amherst.state();
    try (SimSan san = SimSan.applied(dir, d)) {
      san.cluster.addSession("node1", VMC02, ESX1, "10.0.1.50");
      san.run("node1", "ietadm", "--op", "new", "--tid=9", "--params=Name=iqn.2001-04.org:x");
      Plan plan = san.plan(d);
      assertNoChanges(plan);
      assertTrue(
          plan.findings().stream()
              .anyMatch(
                  f ->
                      f.kind() == Finding.Kind.DRIFT
                          && f.message()
                              .equals(
                                  "target "
                                      + VMC02
                                      + " has 1 session(s) on node1, 2 expected"
                                      + " (logged in: "
                                      + ESX1
                                      + ")")),
          () -> text(plan));
      assertTrue(
          plan.findings().stream()
              .anyMatch(
                  f ->
                      f.kind() == Finding.Kind.UNMANAGED
                          && f.address().equals("node1/iet.target/iqn.2001-04.org:x")),
          () -> text(plan));
    }
  }

  @Test
  void chapAccountChangesAreMaskedAndApplied() throws Exception {
    DesiredState d = Amherst.state();
    try (SimSan san = SimSan.applied(dir, d)) {
      DesiredState renamed = Amherst.withIscsi("{user: vmc02,", "{user: vmc03,");
      Plan plan = san.plan(renamed);
      Change chap = only(plan, "node1/iet.chap/" + VMC02);
      assertEquals(Impact.DISRUPTIVE, chap.impact(), "removing CHAP account vmc02");
      assertTrue(chap.requiresApproval());
      assertTrue(only(plan, "node1/iet.file//etc/iet/ietd.conf").requiresApproval());
      assertEquals(2, chap.commands().size());
      assertEquals(
          "ietadm --op delete --tid=2 --user --params=IncomingUser=vmc02",
          chap.commands().get(0).toString());
      var add = chap.commands().get(1);
      assertEquals(List.of("perl", "-e", IetAccountScript.SOURCE, "2"), add.argv());
      assertEquals(1, add.secrets().size());
      assertEquals(
          "IncomingUser=vmc03,Password=" + add.secrets().get(0),
          new String(add.stdin(), java.nio.charset.StandardCharsets.UTF_8));
      assertFalse(add.toString().contains(add.secrets().get(0)), "secret not displayed");
      assertTrue(chap.fields().stream().allMatch(f -> f.sensitive()));
      Change conf = only(plan, "node1/iet.file//etc/iet/ietd.conf");
      assertTrue(
          conf.commands().get(0).secrets().contains("FAKE-vmc02-chap"),
          "the config file's stdin is declared secret");
      assertEquals(List.of(conf.address()), chap.dependsOnAddresses());
      text(plan);
      san.apply(renamed);
      assertNoChanges(san.plan(renamed));
      assertEquals(
          "IncomingUser vmc03\n", san.run("node1", "ietadm", "--op", "show", "--tid=2", "--user"));
    }
  }

  @Test
  void anUnusableSecretRefusesTheTargetAndItsNodesIetdConf() throws Exception {
    DesiredState d = Amherst.state();
    try (SimSan san = new SimSan(dir, d)) {
      IetProvider p = new IetProvider();
      var ctx = san.engine.context(p, d, san.engine.observe(d, List.of()));
      var refusing =
          new dev.sanctl.spi.provider.PlanContext(
              ctx.desired(),
              ctx.nodes(),
              ctx.volumes(),
              path -> {
                throw new dev.sanctl.spi.provider.PlanContext.SecretException(
                    path + " is readable by group or others");
              });
      var r = p.plan(refusing);
      assertTrue(
          r.changes().stream()
              .noneMatch(
                  c ->
                      c.name().equals(VMC02)
                          || c.address().startsWith("node1/") && c.name().endsWith("ietd.conf")),
          r.changes().toString());
      assertTrue(r.changes().stream().anyMatch(c -> c.name().equals(SERVER01)));
      Finding f =
          r.findings().stream()
              .filter(x -> x.kind() == Finding.Kind.ERROR)
              .findFirst()
              .orElseThrow();
      assertTrue(
          f.message()
              .contains(
                  "cannot use CHAP secret file /etc/sanctl/secrets/vmc02.chap:"
                      + " /etc/sanctl/secrets/vmc02.chap is readable by group or others"),
          f.message());
    }
  }

  @Test
  void iet1419AndLvmWithTheReportLogConvergeToo() throws Exception {
    DesiredState d = Amherst.state();
    try (SimSan san = new SimSan(dir, d)) {
      for (String n : List.of("node1", "node2")) {
        san.cluster.setFlag(n, dev.sanctl.sim.NodeFlags.IET_VERSION, "1.4.19");
        san.cluster.setFlag(n, dev.sanctl.sim.NodeFlags.LVM_REPORT_LOG, "true");
      }
      san.apply(d);
      assertFalse(san.run("node1", "cat", "/proc/net/iet/volume").contains("blocks:"));
      assertNoChanges(san.plan(d));
      DesiredState grown =
          Amherst.withLvm(
              "lv_server01_apps_vol00: {size: 64M}", "lv_server01_apps_vol00: {size: 96M}");
      Change lun = only(san.plan(grown), "node1/iet.lun/" + SERVER01 + "/0");
      assertEquals(
          Impact.DISRUPTIVE,
          lun.impact(),
          "a grow in the plan re-adds the LUN even" + " when IET does not print sizes");
      san.apply(grown);
      assertNoChanges(san.plan(grown));
    }
  }

  @Test
  void splitBrainChangesNothingOnEitherNode() throws Exception {
    DesiredState d = Amherst.state();
    try (SimSan san = SimSan.applied(dir, d)) {
      san.run("node2", "vgchange", "-ay", "vg_dsk_0");
      Plan plan = san.plan(d);
      assertNoChanges(plan);
      assertTrue(
          plan.findings().stream()
              .anyMatch(
                  f ->
                      f.kind() == Finding.Kind.ERROR
                          && f.message()
                              .equals(
                                  "volume group vg_dsk_0 is active on node1 and node2 (split"
                                      + " brain): no change is planned for it")),
          () -> text(plan));
      assertFalse(plan.applyable());
    }
  }

  @Test
  void liveStatusListsTargetsWithTheirInitiators() throws Exception {
    DesiredState d = Amherst.state();
    try (SimSan san = SimSan.applied(dir, d)) {
      san.cluster.addSession("node1", VMC02, ESX1, "10.0.1.50");
      IetProvider p = new IetProvider();
      var obs =
          p.observe(
              new dev.sanctl.spi.provider.ObserveContext(
                  d.nodes().get("node1"), san.cluster.host("node1"), d));
      assertEquals(
          List.of(
              "tid 1 " + SERVER01 + ": 0 session(s)",
              "tid 2 " + VMC02 + ": 1 session(s) from " + ESX1),
          p.status("node1", obs));
    }
  }
}
