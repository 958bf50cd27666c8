package dev.sanctl.cli.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.CliRun;
import dev.sanctl.sim.SimCluster;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sanctl backup} against the simulated cluster of {@code backup-cluster/}. */
class BackupCommandTest {
  @TempDir Path dir;
  BackupSim b;
  SimCluster cluster;
  Path config;
  String iqn;

  @BeforeEach
  void cluster() throws Exception {
    b = new BackupSim(dir);
    cluster = b.cluster;
    config = b.config;
    iqn = b.iqn;
  }

  private CliRun sanctl(String... args) {
    return CliRun.of(args);
  }

  private CliRun backup(String... args) {
    return b.backup(args);
  }

  @Test
  void runAllPrintsOneJsonObjectPerJobAndStatusShowsTheLastRuns() throws Exception {
    CliRun first = backup("run", "--all", "--json");
    assertEquals(0, first.exitCode(), first.err());
    String json = first.out();
    assertTrue(
        json.startsWith(
            "[\n  {\"job\":\"vg0/lv_data\",\"source\":\"vg0/lv_data\","
                + "\"archiveVolume\":\"archive/lv_data_bk\",\"snapshot\":\"2026-11-21_10.00.00\","
                + "\"mapState\":\"UNKNOWN\",\"segmentsRead\":512,\"segmentsChanged\":512,"
                + "\"bytesRead\":8388608,\"bytesWritten\":8388608,\"seconds\":"),
        json);
    assertTrue(
        json.contains(
            "\n  {\"job\":\"vg0/lv_plain\",\"source\":\"vg0/lv_plain\","
                + "\"archiveVolume\":\"archive/lv_plain_bk\",\"snapshot\":\"2026-11-21_10.00.00\","
                + "\"mapState\":\"NONE\",\"segmentsRead\":256,"),
        json);
    assertTrue(json.endsWith("}\n]\n"), json);

    cluster.write("san1", iqn, 16384 * 10, 100);
    CliRun second = backup("run", "lv_data");
    assertEquals(0, second.exitCode(), second.err());
    CliRun status = backup("status");
    assertEquals(0, status.exitCode());
    assertTrue(
        Pattern.compile(
                "vg0/lv_data -> archive/lv_data_bk@2026-11-21_10.00.00-2: read "
                    + "16384 bytes \\(1 segments\\), 1 segments changed, wrote 16384 bytes, [0-9.]+s, "
                    + "map ACTIVE -> ACTIVE")
            .matcher(status.out())
            .find(),
        status.out());
    CliRun root = sanctl("-C", config.toString(), "status");
    assertTrue(
        root.out()
            .contains(
                "Last backup: 2026-11-21T10:00:00Z vg0/lv_data -> "
                    + "archive/lv_data_bk@2026-11-21_10.00.00-2: read 16384 bytes"),
        root.out());
    assertTrue(
        status
            .out()
            .contains(
                "vg0/lv_plain -> archive/lv_plain_bk@2026-11-21_10.00.00: "
                    + "read 4194304 bytes (256 segments), 256 segments changed, wrote 4194304 bytes"),
        status.out());
  }

  @Test
  void aTerminalSeesOneProgressLinePerFinishedJobAndAPipeNone() throws Exception {
    CliRun piped = backup("run", "--all");
    assertEquals(0, piped.exitCode(), piped.err());
    assertFalse(piped.err().contains("backup run: 1/"), piped.err());
    System.setProperty(dev.sanctl.cli.support.Progress.PROPERTY, "always");
    try {
      CliRun shown = backup("run", "--all");
      assertEquals(0, shown.exitCode(), shown.err());
      assertTrue(shown.err().contains("backup run: 1/"), shown.err());
      assertTrue(shown.err().contains("vg0/lv_data done"), shown.err());
      assertFalse(shown.out().contains("backup run: "), shown.out());
    } finally {
      System.clearProperty(dev.sanctl.cli.support.Progress.PROPERTY);
    }
  }

  @Test
  void unknownJobsAndMissingSelectionAreUsageErrors() {
    CliRun none = backup("run");
    assertEquals(64, none.exitCode());
    assertEquals("sanctl: error: give job names or --all (not both)\n", none.err());
    CliRun unknown = backup("run", "lv_nope");
    assertEquals(64, unknown.exitCode());
    assertTrue(
        unknown.err().startsWith("sanctl: error: no backup job 'lv_nope' (jobs: "), unknown.err());
  }

  @Test
  void anLvNameOfJobsInTwoVolumeGroupsIsAmbiguous() throws Exception {
    java.nio.file.Files.writeString(
        config.resolve("more.yaml"),
        """
        volumeGroups:
          vg1:
            nodes: [san1, san2]
            volumes:
              lv_data: {size: 8M}
        backups:
          jobs:
            - {source: vg1/lv_data, volume: lv_data_vg1_bk}
        """);
    CliRun ambiguous = backup("run", "lv_data");
    assertEquals(64, ambiguous.exitCode(), ambiguous.err());
    assertEquals(
        "sanctl: error: job name 'lv_data' is ambiguous: vg0/lv_data, vg1/lv_data; name"
            + " the job by its vg/lv\n",
        ambiguous.err());
    CliRun exact = backup("run", "vg0/lv_data", "--json");
    assertEquals(0, exact.exitCode(), exact.err());
    assertTrue(exact.out().contains("\"job\":\"vg0/lv_data\""), exact.out());
  }

  @Test
  void theConcurrencyLimitIsAtLeastOneAndJobsNamedTwiceRunOnce() {
    CliRun zero = backup("run", "--all", "--parallel", "0");
    assertEquals(64, zero.exitCode());
    assertEquals(
        "sanctl: error: --parallel must be at least 1 and --lock-wait at least 0\n", zero.err());
    CliRun twice = backup("run", "lv_plain", "vg0/lv_plain", "--parallel", "1");
    assertEquals(0, twice.exitCode(), twice.err());
    assertEquals(1, twice.out().lines().count(), twice.out());
  }

  @Test
  void aSecondProcessIsRefusedWhileTheFirstBacksUpTheVolume() throws Exception {
    cluster.setSlow("arch1", java.time.Duration.ofMillis(250)); // the first run takes seconds
    Process first =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.sanctl.cli.Main",
                "-C",
                config.toString(),
                "backup",
                "run",
                "lv_data",
                "--sim=" + b.sim,
                "--now=" + BackupSim.NOW)
            .redirectErrorStream(true)
            .start();
    String lock = "/mnt/iscsi-target/vg0/ddmap/lv_data/backup.lock/owner";
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!cluster.run("san1", "cat", lock).ok()
        && first.isAlive()
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    CliRun second = backup("run", "lv_data");
    String firstOut = new String(first.getInputStream().readAllBytes());
    assertEquals(0, first.waitFor(), firstOut);
    assertEquals(3, second.exitCode(), second.out() + second.err());
    assertTrue(
        second
            .out()
            .startsWith(
                "vg0/lv_data -> archive/lv_data_bk: SKIPPED: another run"
                    + " holds the lock san1:/mnt/iscsi-target/vg0/ddmap/lv_data/backup.lock (host="),
        second.out());
    assertTrue(second.out().contains(" pid=" + first.pid() + " "), second.out());

    cluster.setSlow("arch1", java.time.Duration.ZERO);
    CliRun third = backup("run", "lv_data");
    assertEquals(0, third.exitCode(), third.out() + third.err());
  }

  @Test
  void verifyAndRestore() {
    CliRun run = backup("run", "--all");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    CliRun verify = backup("verify", "--daily", "5");
    assertEquals(0, verify.exitCode(), verify.out() + verify.err());
    assertEquals(
        "archive/lv_data_bk@2026-11-21_10.00.00: OK\n"
            + "archive/lv_plain_bk@2026-11-21_10.00.00: OK\n",
        verify.out());
    CliRun restore =
        backup(
            "restore", "--from", "archive/lv_data_bk@2026-11-21_10.00.00", "--to", "vg0/lv_back");
    assertEquals(0, restore.exitCode(), restore.err());
    CliRun again = backup("restore", "--from", "archive/lv_data_bk", "--to", "vg0/lv_back");
    assertEquals(3, again.exitCode());
    assertEquals(
        "sanctl: error: refusing to restore over the existing LV vg0/lv_back\n", again.err());
  }
}
