package dev.sanctl.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.apply.Journal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The node dies in the middle of an apply: qemu is killed (a pulled plug) while {@code sanctl
 * apply} of a dozen changes (LVs and tgt targets) runs. The apply fails, the journal names the
 * change that was cut off, and after the guest boots again on the same disk (the volume group
 * activated and tgtd started, as the node's services would) the next apply reports the unfinished
 * run, converges, and the plan after it is empty.
 */
@Tag("poweroff")
@ExtendWith(GuestLogsExtension.class)
class PowerOffKernelTest {
  static final Path WORK = Path.of("target", "kernel-tier", "PowerOffKernelTest").toAbsolutePath();
  static final List<String> VOLUMES = List.of("v1", "v2", "v3", "v4", "v5");
  static Guest guest;
  static Path config;

  @BeforeAll
  static void bootGuest() throws Exception {
    DebianKernel.deleteTree(WORK);
    guest =
        Guest.boot(
            GuestSpec.builder("po1").disk(GuestDisk.of(WORK.resolve("vda.img"), 1L << 30)).build(),
            WORK.resolve("po1"));
    guest.check("pvcreate", "-y", "/dev/vda");
    guest.check("vgcreate", "vg0", "/dev/vda");
    startNodeServices();
    config = Files.createDirectories(WORK.resolve("config"));
    StringBuilder volumes = new StringBuilder();
    StringBuilder targets = new StringBuilder();
    for (int i = 0; i < VOLUMES.size(); i++) {
      String v = VOLUMES.get(i);
      volumes.append("      %s: {size: %dM}\n".formatted(v, 8 * (i + 1)));
      targets.append(
          "  - {volume: vg0/%s, serial: KPO-%04d, portalGroup: pg1, initiators: [%s]}\n"
              .formatted(v, i + 1, "\"iqn.1994-05.com.redhat:po-client\""));
    }
    Files.writeString(
        config.resolve("cluster.yaml"),
        """
        apiVersion: sanctl/v1
        cluster: {name: kpo, iqnPrefix: "iqn.2026-12.dev.sanctl:kpo"}
        transport: {connectTimeout: 60s, commandTimeout: 120s}
        nodes:
        %svolumeGroups:
          vg0:
            nodes: [po1]
            volumes:
        %sportalGroups:
          pg1: {port: 3260, portals: {po1: [127.0.0.1]}}
        targets:
        %s"""
            .formatted(SanctlCli.node("po1", guest, "lvm, tgt"), volumes, targets));
    SanctlCli.knownHosts(config, guest);
  }

  /** What the node's boot does: activate the group, start tgtd and restore its persisted file. */
  static void startNodeServices() {
    guest.check("vgchange", "-ay", "vg0");
    guest.check(
        "sh",
        "-c",
        "mkdir -p /var/run/tgtd /etc/tgt/conf.d && tgtd --iscsi portal=127.0.0.1:3260"
            + " && for i in $(seq 1 60); do tgtadm --op show --mode sys >/dev/null 2>&1 && break;"
            + " sleep 0.5; done"
            + " && if [ -f /etc/tgt/conf.d/sanctl.conf ]; then"
            + " tgt-admin -e -c /etc/tgt/conf.d/sanctl.conf; fi");
  }

  @AfterAll
  static void close() {
    if (guest != null) guest.close();
  }

  @Test
  void killedMidApplyTheNextApplyOnTheRebootedGuestConvergesAndTheJournalSaysWhat()
      throws Exception {
    Path journal = config.resolve(".sanctl").resolve("journal.jsonl");
    ExecutorService runner = Executors.newSingleThreadExecutor();
    int appliedBeforeKill;
    SanctlCli cut;
    try {
      Future<SanctlCli> apply =
          runner.submit(() -> SanctlCli.run(config, "apply", "--auto-approve"));
      appliedBeforeKill = 0;
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
      while (appliedBeforeKill < 3 && !apply.isDone() && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(200);
        appliedBeforeKill = applied(journal);
      }
      assertFalse(apply.isDone(), "the apply ended before the guest could be killed");
      guest.kill();
      cut = apply.get(5, TimeUnit.MINUTES);
    } finally {
      runner.shutdownNow();
    }
    assertNotEquals(0, cut.exitCode(), cut::toString);
    assertTrue(appliedBeforeKill >= 3, "3 changes applied before the kill");

    Journal.Unfinished unfinished = Journal.lastUnfinished(config.resolve(".sanctl")).orElseThrow();
    assertFalse(unfinished.unfinished().isEmpty(), unfinished::toString);
    String cutOff = unfinished.unfinished().keySet().iterator().next();

    guest.reboot();
    startNodeServices();
    SanctlCli again = SanctlCli.run(config, "apply", "--auto-approve");
    assertEquals(0, again.exitCode(), again::toString);
    assertTrue(
        again.err().contains("note: the previous apply (" + unfinished.run() + ")"),
        again::toString);
    assertTrue(again.err().contains("  unfinished: " + cutOff), again::toString);
    SanctlCli replan = SanctlCli.run(config, "plan", "--detailed-exitcode");
    assertEquals(0, replan.exitCode(), replan::toString);
    String lvs = guest.check("lvs", "--noheadings", "-o", "lv_name", "vg0");
    for (String v : VOLUMES) assertTrue(lvs.contains(v), v + " in " + lvs);
    String shown = guest.check("tgtadm", "--lld", "iscsi", "--op", "show", "--mode", "target");
    for (int i = 1; i <= VOLUMES.size(); i++) {
      assertTrue(shown.contains("SCSI SN: KPO-%04d".formatted(i)), shown);
    }
  }

  private static final Pattern APPLIED =
      Pattern.compile("\"event\":\\s*\"change-end\"[^\\n]*\"status\":\\s*\"applied\"");

  /** How many change-end events with status applied the journal holds. */
  static int applied(Path journal) throws java.io.IOException {
    if (!Files.exists(journal)) return 0;
    Matcher m = APPLIED.matcher(Files.readString(journal));
    int n = 0;
    while (m.find()) n++;
    return n;
  }
}
