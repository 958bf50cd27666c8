package dev.sanctl.cli.snaprotate;

import static dev.sanctl.cli.snaprotate.CliHarness.sanctl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.config.LoadResult;
import dev.sanctl.sim.SimCluster;
import dev.sanctl.sim.zfs.ZfsTool;
import dev.sanctl.snaprotate.SnapshotCreator;
import dev.sanctl.spi.host.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sanctl snaprotate run} against a simulated cluster built from examples/amherst. */
class SnaprotateRunCliTest {
  static final String NODE = "zfs-archive1";
  static final String VOL = "vg_satabeast7_vol1/lv_server01_apps_vol00_bk";
  static final Instant FIRST = Instant.parse("2024-01-01T03:00:00Z");
  static final int DAYS = 400;
  static final Instant NOW = FIRST.plus(Duration.ofDays(DAYS - 1)).plusSeconds(3600);

  @TempDir Path dir;
  Path config;
  Path sim;
  SimCluster cluster;

  @BeforeEach
  void cluster() throws Exception {
    config = CliHarness.configWithCases(dir, List.of());
    LoadResult loaded = ConfigLoader.loadDirectory(config);
    assertTrue(loaded.ok(), loaded.diagnostics().toString());
    sim = dir.resolve("sim");
    cluster = SimCluster.init(sim, loaded.state(), 100L << 30, Clock.fixed(NOW, ZoneOffset.UTC));
    cluster.onNode(
        NODE,
        n -> {
          ZfsTool.edit(
              n,
              z -> {
                z.createVolume(VOL);
                for (int i = 0; i < DAYS; i++) {
                  Instant t = FIRST.plus(Duration.ofDays(i));
                  z.addSnapshot(
                      VOL,
                      SnapshotCreator.nameFor(t),
                      t.getEpochSecond(),
                      Map.of(
                          "edu.amherst:snap_time",
                          t.toString(),
                          "edu.amherst:snaprotate_rule",
                          "2MONTHS_DAILY_SHORT_TERM"));
                }
                z.addSnapshot(VOL, "before-upgrade", FIRST.getEpochSecond(), Map.of());
              });
          return null;
        });
  }

  private List<String> snapshots() throws Exception {
    String out =
        cluster
            .host(NODE)
            .run(Command.read("zfs", "list", "-H", "-t", "snapshot", "-o", "name", "-r", VOL))
            .out();
    return out.lines().toList();
  }

  private CliHarness.Result run(String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "-C",
                config.toString(),
                "snaprotate",
                "run",
                "--sim",
                sim.toString(),
                "--node",
                NODE,
                "--now",
                NOW.toString(),
                "--lock-dir",
                dir.resolve("locks").toString()));
    args.addAll(List.of(extra));
    return sanctl(args.toArray(String[]::new));
  }

  @Test
  void simulateShowsTheBrakeThenAnOverriddenRunDestroysThePlan() throws Exception {
    CliHarness.Result simulated = run("--simulate", "--volume", VOL);
    assertEquals(3, simulated.exitCode(), simulated.err());
    assertTrue(simulated.out().contains("BRAKE\tvolume=" + VOL + "\tbrakes=mass\t"));
    assertTrue(
        simulated
            .out()
            .contains(
                "\nWOULD-RUN\tzfs destroy " + VOL + "@2024-01-01_03.00.00,2024-01-02_03.00.00,"));
    assertTrue(simulated.out().contains("IGNORE\tbefore-upgrade\t"));
    assertEquals(DAYS + 1, snapshots().size());

    CliHarness.Result ran = run("--override=mass", "--volume", VOL);
    assertEquals(0, ran.exitCode(), ran.out() + ran.err());
    long kept = simulated.out().lines().filter(l -> l.startsWith("KEEP\t")).count();
    assertEquals(kept + 1, snapshots().size());
    assertTrue(snapshots().contains(VOL + "@before-upgrade"));
    assertTrue(ran.out().contains("DESTROYED\tvolume=" + VOL + "\tcount="));
    assertTrue(ran.out().endsWith("RESULT\texit=0\n"));

    CliHarness.Result again = run("--volume", VOL);
    assertEquals(0, again.exitCode());
    assertTrue(again.out().contains("\tdelete=0\t"), again.out());
  }

  @Test
  void anUnknownScheduleIsAConfigurationErrorAndTouchesNothing() throws Exception {
    Files.writeString(
        config.resolve("schedules.yaml"),
        "snapshotSchedules:\n  OTHER:\n    rules:\n      - {name: D, freq: daily, n: 2}\n");
    CliHarness.Result r = run("--override=mass");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("SNAP_ROTATE_A"), r.err());
    assertEquals(DAYS + 1, snapshots().size());
  }

  @Test
  void anUnknownNodeOrVolumeIsAUsageError() {
    List<String> base =
        List.of(
            "-C", config.toString(), "snaprotate", "run", "--sim", sim.toString(), "--simulate");
    List<String> a = new java.util.ArrayList<>(base);
    a.addAll(List.of("--node", "nope"));
    assertEquals(64, sanctl(a.toArray(String[]::new)).exitCode());
    CliHarness.Result r = run("--volume", "vg_satabeast7_vol1/other");
    assertEquals(64, r.exitCode());
    assertTrue(r.err().contains("has no snapshot schedule"));
  }
}
