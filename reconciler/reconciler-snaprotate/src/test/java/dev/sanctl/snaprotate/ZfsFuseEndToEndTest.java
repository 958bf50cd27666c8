package dev.sanctl.snaprotate;

import static dev.sanctl.spi.model.SnapshotSchedule.Freq.HOURLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sanctl.core.host.LocalHost;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.model.SnapshotSchedule;
import dev.sanctl.testkit.RecordingHost;
import dev.sanctl.testkit.ZfsFuse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a real ZFS (the {@code zfs-fuse} package): a file-backed pool in a temp dir,
 * managed snapshots with user properties, a foreign one, a hold and a clone; {@code run} destroys
 * exactly the planned snapshots through whichever destroy syntax this zfs supports (zfs-fuse has no
 * comma syntax and no {@code list -p}: the legacy path is exercised). zfs-fuse has no zvols, so the
 * rotated dataset is a filesystem. Skipped only when {@code /dev/fuse} is absent.
 */
class ZfsFuseEndToEndTest {
  static final String NS = "edu.amherst";
  static ZfsFuse zfsFuse;
  static String pool;
  static final RecordingHost host = new RecordingHost(new LocalHost("localhost"));
  @TempDir static Path dir;

  @BeforeAll
  static void startZfsAndCreatePool() throws Exception {
    assumeTrue(ZfsFuse.available(), "/dev/fuse is absent: zfs-fuse cannot run here");
    zfsFuse = ZfsFuse.start(dir);
    pool = zfsFuse.createPool("sanctle2e", 128L << 20);
    assertTrue(zfs("zfs", "create", pool + "/vol1").ok());
  }

  @AfterAll
  static void destroyPoolAndStopDaemon() throws Exception {
    if (zfsFuse != null) zfsFuse.close();
  }

  private static CommandResult zfs(String... argv) throws IOException {
    return host.run(Command.read(argv).withTimeout(Duration.ofSeconds(60)));
  }

  @Test
  void runDestroysExactlyThePlannedSnapshotsAndNeverHeldOrClonedOnes() throws Exception {
    String v = pool + "/vol1";
    SnapshotSchedule s = Fixture.schedule("UTC", 1, "H3", HOURLY, 3);
    // mid-hour, so that planning one minute later never crosses an hour boundary
    Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(30));
    SnapshotCreator creator = new SnapshotCreator(host, NS);
    List<String> names = new ArrayList<>();
    for (int h = 12; h >= 0; h--) names.add(creator.create(v, now.minus(Duration.ofHours(h)), s));
    assertTrue(zfs("zfs", "snapshot", v + "@manual-foreign").ok());
    CommandResult prop =
        zfs(
            "zfs",
            "get",
            "-H",
            "-p",
            "-o",
            "value",
            NS + ":snaprotate_rule",
            v + "@" + names.get(0));
    assertEquals("H3\n", prop.out(), "user property set atomically at creation");
    assertTrue(zfs("zfs", "hold", "replica", v + "@" + names.get(0)).ok());
    assertTrue(zfs("zfs", "clone", v + "@" + names.get(1), pool + "/clone1").ok());

    SnapRotateRunner runner = new SnapRotateRunner(host, NS, VolumeLocks.inProcess());
    RunOptions at = RunOptions.at(now.plusSeconds(60));
    RunReport sim = runner.run(List.of(new VolumeJob(v, s)), at.simulated());
    assertEquals(0, sim.exitCode(), RunRenderer.text(sim, true));
    RotationPlan plan = sim.volumes().get(0).plan();
    List<String> planned = plan.deleteNames();
    // H3 keeps the current hour and the 3 before it; held and cloned ones are kept too
    assertEquals(names.subList(2, 9), planned);
    assertTrue(
        plan.rows().stream()
            .anyMatch(r -> r.name().equals(names.get(0)) && r.reasons().contains("held")));
    assertTrue(
        plan.rows().stream()
            .anyMatch(r -> r.name().equals(names.get(1)) && r.reasons().contains("clones")));

    // after the simulation, a replica holds one of the snapshots it would have destroyed
    assertTrue(zfs("zfs", "hold", "late", v + "@" + names.get(5)).ok());
    int before = host.commands().size();
    RunReport run = runner.run(List.of(new VolumeJob(v, s)), at);
    assertEquals(0, run.exitCode(), RunRenderer.text(run, true));
    List<String> expected = new ArrayList<>(planned);
    expected.remove(names.get(5));
    assertEquals(expected, run.volumes().get(0).destroyed());
    assertTrue(
        run.volumes().get(0).plan().rows().stream()
            .anyMatch(r -> r.name().equals(names.get(5)) && r.reasons().equals(List.of("held"))));

    Set<String> left = new HashSet<>(liveSnapshots(v));
    Set<String> want = new HashSet<>(names);
    want.removeAll(expected);
    want.add("manual-foreign");
    assertEquals(want, left);
    for (Command c : host.commands().subList(before, host.commands().size())) {
      if (c.argv().get(1).equals("destroy")) {
        assertEquals(3, c.argv().size());
        assertFalse(c.argv().get(2).contains(","), "zfs-fuse has no comma syntax: one per call");
        assertTrue(expected.contains(c.argv().get(2).substring(v.length() + 1)));
      }
    }
    assertTrue(zfs("zfs", "release", "late", v + "@" + names.get(5)).ok());
    assertTrue(zfs("zfs", "release", "replica", v + "@" + names.get(0)).ok());
    assertTrue(zfs("zfs", "destroy", pool + "/clone1").ok());
  }

  private static List<String> liveSnapshots(String v) throws IOException {
    CommandResult r = zfs("zfs", "list", "-H", "-t", "snapshot", "-o", "name", "-r", v);
    List<String> out = new ArrayList<>();
    for (String l : r.out().split("\n")) if (!l.isEmpty()) out.add(l.substring(v.length() + 1));
    return out;
  }
}
