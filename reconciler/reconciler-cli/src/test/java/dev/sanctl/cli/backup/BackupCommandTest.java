package dev.sanctl.cli.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.CliRun;
import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.config.LoadResult;
import dev.sanctl.sim.SimCluster;
import dev.sanctl.spi.model.DesiredState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sanctl backup} against the simulated cluster of {@code backup-cluster/}. */
class BackupCommandTest {
  @TempDir Path dir;
  Path config;
  Path sim;
  SimCluster cluster;
  String iqn;

  static CliRun sanctl(String... args) {
    return CliRun.of(args);
  }

  @BeforeEach
  void cluster() throws Exception {
    config = Files.createDirectories(dir.resolve("config"));
    for (String f : new String[] {"cluster.yaml", "lvm.yaml", "iscsi.yaml", "zfs.yaml"}) {
      Files.copy(Path.of(getClass().getResource("/backup-cluster/" + f).toURI()),
          config.resolve(f));
    }
    LoadResult loaded = ConfigLoader.loadDirectory(config);
    assertTrue(loaded.ok(), loaded.diagnostics().toString());
    DesiredState desired = loaded.state();
    sim = dir.resolve("sim");
    cluster = SimCluster.init(sim, desired, 1L << 30,
        Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC));
    iqn = desired.iqnOf(desired.targets().get(0));
    run("lvcreate", "-L", "8M", "-n", "lv_data", "vg0");
    run("lvcreate", "-L", "4M", "-n", "lv_plain", "vg0");
    run("ietadm", "--op", "new", "--tid=1", "--params", "Name=" + iqn);
    run("ietadm", "--op", "new", "--tid=1", "--lun=0", "--params",
        "Path=/dev/vg0/lv_data,Type=blockio");
    cluster.write("san1", iqn, 0, 8 << 20);
  }

  private void run(String... argv) throws Exception {
    assertEquals(0, cluster.run("san1", argv).exitStatus(), String.join(" ", argv));
  }

  private CliRun backup(String... args) {
    java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("-C",
        config.toString(), "backup", args[0], "--sim=" + sim));
    if (args[0].equals("run")) all.add("--now=2026-11-21T10:00:00Z");
    all.addAll(java.util.List.of(args).subList(1, args.length));
    return sanctl(all.toArray(String[]::new));
  }

  @Test
  void runAllPrintsOneJsonObjectPerJobAndStatusShowsTheLastRuns() throws Exception {
    CliRun first = backup("run", "--all", "--json");
    assertEquals(0, first.exitCode(), first.err());
    String json = first.out();
    assertTrue(json.startsWith("[\n  {\"job\":\"vg0/lv_data\",\"source\":\"vg0/lv_data\","
        + "\"archiveVolume\":\"archive/lv_data_bk\",\"snapshot\":\"2026-11-21_10.00.00\","
        + "\"mapState\":\"UNKNOWN\",\"segmentsRead\":512,\"segmentsChanged\":512,"
        + "\"bytesRead\":8388608,\"bytesWritten\":8388608,\"seconds\":"), json);
    assertTrue(json.contains("\n  {\"job\":\"vg0/lv_plain\",\"source\":\"vg0/lv_plain\","
        + "\"archiveVolume\":\"archive/lv_plain_bk\",\"snapshot\":\"2026-11-21_10.00.00\","
        + "\"mapState\":\"NONE\",\"segmentsRead\":256,"), json);
    assertTrue(json.endsWith("}\n]\n"), json);

    cluster.write("san1", iqn, 16384 * 10, 100);
    CliRun second = backup("run", "lv_data");
    assertEquals(0, second.exitCode(), second.err());
    CliRun status = backup("status");
    assertEquals(0, status.exitCode());
    assertTrue(Pattern.compile("vg0/lv_data -> archive/lv_data_bk@2026-11-21_10.00.00-2: read "
        + "16384 bytes \\(1 segments\\), 1 segments changed, wrote 16384 bytes, [0-9.]+s, "
        + "map ACTIVE -> ACTIVE").matcher(status.out()).find(), status.out());
    CliRun root = sanctl("-C", config.toString(), "status");
    assertTrue(root.out().contains("Last backup: 2026-11-21T10:00:00Z vg0/lv_data -> "
        + "archive/lv_data_bk@2026-11-21_10.00.00-2: read 16384 bytes"), root.out());
    assertTrue(status.out().contains("vg0/lv_plain -> archive/lv_plain_bk@2026-11-21_10.00.00: "
        + "read 4194304 bytes (256 segments), 256 segments changed, wrote 4194304 bytes"),
        status.out());
  }

  @Test
  void unknownJobsAndMissingSelectionAreUsageErrors() {
    CliRun none = backup("run");
    assertEquals(64, none.exitCode());
    assertEquals("sanctl: error: give job names or --all (not both)\n", none.err());
    CliRun unknown = backup("run", "lv_nope");
    assertEquals(64, unknown.exitCode());
    assertTrue(unknown.err().startsWith("sanctl: error: no backup job 'lv_nope' (jobs: "),
        unknown.err());
  }

  @Test
  void verifyAndRestore() {
    assertEquals(0, backup("run", "--all").exitCode());
    CliRun verify = backup("verify", "--daily", "5");
    assertEquals(0, verify.exitCode(), verify.out() + verify.err());
    assertEquals("archive/lv_data_bk@2026-11-21_10.00.00: OK\n"
        + "archive/lv_plain_bk@2026-11-21_10.00.00: OK\n", verify.out());
    CliRun restore = backup("restore", "--from", "archive/lv_data_bk@2026-11-21_10.00.00",
        "--to", "vg0/lv_back");
    assertEquals(0, restore.exitCode(), restore.err());
    CliRun again = backup("restore", "--from", "archive/lv_data_bk", "--to", "vg0/lv_back");
    assertEquals(3, again.exitCode());
    assertEquals("sanctl: error: refusing to restore over the existing LV vg0/lv_back\n",
        again.err());
  }
}
