package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.support.CliRun;
import dev.sanctl.core.apply.ClusterLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplyCommandTest {
  static final String NO_CHANGES = "No changes. Storage matches the desired state.";
  @TempDir Path tmp;

  @Test
  void applyConvergesAndTheNextPlanIsEmpty() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    CliRun.Result apply = c.cluster("apply", "--auto-approve");
    assertEquals(ExitCodes.OK, apply.exit(), apply.toString());
    assertTrue(apply.out().contains("Apply complete!"), apply.out());
    CliRun.Result plan = c.cluster("plan", "--detailed-exitcode");
    assertEquals(ExitCodes.OK, plan.exit(), plan.toString());
    assertTrue(plan.out().contains(NO_CHANGES), plan.out());
    assertTrue(Files.readString(c.stateDir.resolve("journal.jsonl")).contains("\"apply-end\""));
    CliRun.Result status = c.cluster("status");
    assertTrue(status.out().startsWith("Last apply: ok at "), status.toString());
  }

  @Test
  void aWarningIsPrintedOncePerRun() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp, (file, text) -> text.replace(", iet]", ", tgt]"));
    String warning = "serves targets with tgt, which has no per-target portal binding";
    for (List<String> argv :
        List.of(List.of("plan"), List.of("apply", "--auto-approve"), List.of("drift"))) {
      CliRun.Result r = c.cluster(argv.get(0), argv.subList(1, argv.size()).toArray(String[]::new));
      assertEquals(ExitCodes.OK, r.exit(), r.toString());
      String all = r.out() + r.err();
      assertEquals(2, all.split(warning, -1).length - 1, argv + ": once per tgt node\n" + r);
    }
  }

  @Test
  void withoutATerminalOrAutoApproveApplyRefuses() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    CliRun.Result r = c.cluster("apply");
    assertEquals(ExitCodes.REFUSED, r.exit(), r.toString());
    assertTrue(r.err().contains("refusing to apply without confirmation"), r.err());
    assertEquals(
        ExitCodes.CHANGES, c.cluster("plan", "--detailed-exitcode").exit(), "nothing was applied");
  }

  @Test
  void aStaleSavedPlanIsRefusedWithExit3AndNamesWhatChanged() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    Path saved = tmp.resolve("plan.json");
    assertEquals(0, c.cluster("plan", "--out", saved.toString()).exit());
    String planned = "san-a/lvm.volume/vg_san/lv_web01_data";
    assertTrue(Files.readString(saved).contains(planned), "the plan creates " + planned);
    c.sim.run("san-a", "lvcreate", "-L", "20g", "-n", "lv_web01_data", "vg_san");
    CliRun.Result r = c.cluster("apply", "--plan", saved.toString());
    assertEquals(ExitCodes.REFUSED, r.exit(), r.toString());
    assertTrue(
        r.err().contains("stale plan: live state changed since the plan was computed: " + planned),
        r.err());
  }

  @Test
  void aLoginAndAVolumeByHandElsewhereLeaveASavedPlanCurrent() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    assertEquals(ExitCodes.OK, c.cluster("apply", "--auto-approve").exit());
    String lvm = Files.readString(c.config.resolve("lvm.yaml"));
    c.write("lvm.yaml", lvm.replace("lv_web01_data: {size: 20G}", "lv_web01_data: {size: 30G}"));
    Path saved = tmp.resolve("plan.json");
    assertEquals(0, c.cluster("plan", "--out", saved.toString()).exit());
    String otherTarget = "iqn.2024-01.org.example:san.pg-storage.vg-san.lv-db01-data";
    c.sim.addSession("san-a", otherTarget, "iqn.1994-05.com.redhat:db01", "10.20.0.51");
    c.sim.run("san-a", "lvcreate", "-L", "8388608b", "-n", "lv_by_hand", "vg_san");
    CliRun.Result r = c.cluster("apply", "--plan", saved.toString());
    assertEquals(ExitCodes.OK, r.exit(), r.toString());
  }

  @Test
  void aCurrentSavedPlanIsAppliedWithoutAsking() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    Path saved = tmp.resolve("plan.json");
    assertEquals(0, c.cluster("plan", "--out", saved.toString()).exit());
    CliRun.Result r = c.cluster("apply", "--plan", saved.toString());
    assertEquals(ExitCodes.OK, r.exit(), r.toString());
    assertTrue(c.cluster("plan").out().contains(NO_CHANGES));
  }

  @Test
  void anUnreachableNodeLeavesTheRestApplied() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    c.sim.setUnreachable("san-b");
    CliRun.Result r = c.cluster("apply", "--auto-approve");
    assertEquals(ExitCodes.INCOMPLETE, r.exit(), "incomplete is never success: " + r);
    assertTrue(r.out().contains("san-b: "), r.out());
    assertTrue(r.out().contains("\nApply incomplete: "), r.out());
    c.sim.clearFaults("san-b");
    CliRun.Result plan = c.cluster("plan", "--node", "san-a", "--detailed-exitcode");
    assertEquals(ExitCodes.OK, plan.exit(), plan.toString());
  }

  @Test
  void aSecondApplyFailsClearlyWhileTheLockIsHeld() throws Exception {
    CliRun c = CliRun.quickstart(tmp);
    try (ClusterLock held = ClusterLock.acquire(c.stateDir, Clock.systemUTC())) {
      CliRun.Result r = c.cluster("apply", "--auto-approve");
      assertEquals(ExitCodes.REFUSED, r.exit(), r.toString());
      assertTrue(r.err().contains("another apply holds the cluster lock: owner "), r.err());
    }
  }

  @Test
  void aCommandThatFailsMidwayIsFinishedByTheNextApply() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    c.sim.failExecutable("san-a", "ietadm", 1);
    CliRun.Result first = c.cluster("apply", "--auto-approve");
    assertEquals(ExitCodes.ERROR, first.exit(), first.toString());
    assertTrue(first.out().contains(": FAILED: command `ietadm"), first.out());
    CliRun.Result second = c.cluster("apply", "--auto-approve");
    assertEquals(ExitCodes.OK, second.exit(), second.toString());
    assertTrue(second.err().contains("note: the previous apply"), second.err());
    assertTrue(c.cluster("plan").out().contains(NO_CHANGES));
  }

  @Test
  void destroyingAVolumeNeedsAllowDestroy() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    String lvm = java.nio.file.Files.readString(c.config.resolve("lvm.yaml"));
    String volumes = "      lv_web01_data: {size: 20G}\n";
    c.write("lvm.yaml", lvm.replace(volumes, volumes + "      lv_extra: {size: 1G}\n"));
    assertEquals(ExitCodes.OK, c.cluster("apply", "--auto-approve").exit());
    c.write(
        "lvm.yaml", lvm.replace(volumes, volumes + "      lv_extra: {size: 1G, state: absent}\n"));
    CliRun.Result refused = c.cluster("apply", "--auto-approve");
    assertEquals(ExitCodes.REFUSED, refused.exit(), refused.toString());
    assertTrue(
        refused
            .err()
            .contains(
                "san-a/lvm.volume/vg_san/lv_extra will be destroyed"
                    + " (destructive): needs --allow-destroy"),
        refused.err());
    CliRun.Result allowed = c.cluster("apply", "--auto-approve", "--allow-destroy");
    assertEquals(ExitCodes.OK, allowed.exit(), allowed.toString());
    assertTrue(c.cluster("plan").out().contains(NO_CHANGES));
  }

  @Test
  void aDisruptiveChangeWithLiveSessionsNeedsAllowDisruptiveAndNamesTheInitiators()
      throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    assertEquals(ExitCodes.OK, c.cluster("apply", "--auto-approve").exit());
    String iqn = "iqn.2024-01.org.example:san.pg-storage.vg-san.lv-web01-data";
    c.sim.addSession("san-a", iqn, "iqn.1994-05.com.redhat:web01", "10.20.0.50");
    String lvm = java.nio.file.Files.readString(c.config.resolve("lvm.yaml"));
    c.write("lvm.yaml", lvm.replace("lv_web01_data: {size: 20G}", "lv_web01_data: {size: 30G}"));
    CliRun.Result refused = c.cluster("apply", "--auto-approve");
    assertEquals(ExitCodes.REFUSED, refused.exit(), refused.toString());
    assertTrue(
        refused
            .err()
            .contains(
                "initiators with live sessions:"
                    + " iqn.1994-05.com.redhat:web01: needs --allow-disruptive"),
        refused.err());
    CliRun.Result allowed = c.cluster("apply", "--auto-approve", "--allow-disruptive");
    assertEquals(ExitCodes.OK, allowed.exit(), allowed.toString());
  }
}
