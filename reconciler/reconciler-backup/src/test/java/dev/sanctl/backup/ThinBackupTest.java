package dev.sanctl.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.config.LoadResult;
import dev.sanctl.sim.SimCluster;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.model.Backups;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code changeMap: thin} on the simulator (src/test/resources/thin-cluster): {@code lv_thin}, an 8
 * MiB thin volume in pool {@code tpool} (64 KiB blocks: 4 segments each), exported by an IET
 * target, backed up to a zvol on {@code arch1}.
 */
class ThinBackupTest {
  static final long MIB = 1L << 20;
  static final String SOURCE = "/dev/vg0/lv_thin";
  static final String ARCHIVE = "/dev/zvol/rdsk/archive/lv_thin_bk";
  @TempDir Path dir;
  DesiredState desired;
  SimCluster sim;
  BackupRunner runner;
  Backups.Job job;
  String iqn;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));

  @BeforeEach
  void init() throws Exception {
    LoadResult r =
        ConfigLoader.loadDirectory(
            Path.of(getClass().getResource("/thin-cluster/cluster.yaml").toURI()).getParent());
    assertTrue(r.ok(), r.diagnostics().toString());
    desired = r.state();
    sim = SimCluster.init(dir, desired, 1L << 30, clock);
    ok("lvcreate", "--type", "thin-pool", "-L", "32M", "-n", "tpool", "vg0");
    ok("lvcreate", "-V", "8M", "--thin", "-n", "lv_thin", "vg0/tpool");
    ok("lvcreate", "-L", "4M", "-n", "lv_linear", "vg0");
    byte[] data = new byte[(int) (6 * MIB)];
    new Random(8).nextBytes(data);
    CommandResult w =
        sim.host("san1").run(Command.change(data, "dd", "of=" + SOURCE, "status=none"));
    assertEquals(0, w.exitStatus(), w.err());
    iqn = desired.iqnOf(desired.targets().get(0));
    ok("ietadm", "--op", "new", "--tid=1", "--params", "Name=" + iqn);
    BackupCluster.addLunZero(sim, SOURCE);
    runner = new BackupRunner(desired, sim::host, clock);
    job = BackupRunner.find(desired, "lv_thin").orElseThrow();
  }

  private CommandResult ok(String... argv) throws Exception {
    CommandResult r = sim.run("san1", argv);
    assertEquals(0, r.exitStatus(), String.join(" ", argv) + ": " + r.err());
    return r;
  }

  private JobResult run() {
    clock.advance(Duration.ofHours(12));
    JobResult r = runner.run(job);
    assertNull(r.error(), r.line());
    return r;
  }

  private byte[] bytes(String node, String device) throws Exception {
    CommandResult r = sim.run(node, "cat", device);
    assertEquals(0, r.exitStatus(), r.err());
    return r.stdout();
  }

  /** The backup snapshots kept in vg0 (names). */
  private List<String> bases() throws Exception {
    return ok("lvs", "--noheadings", "-o", "lv_name", "vg0")
        .out()
        .lines()
        .map(String::strip)
        .filter(n -> n.startsWith("lv_thin_bkthin_"))
        .toList();
  }

  private MapState state() throws Exception {
    return new MapStateStore(
            new HostFiles(sim.host("san1")),
            ThinSource.stateDirectory(desired.volumeGroups().get("vg0"), "lv_thin"))
        .state();
  }

  @Test
  void theSecondBackupReadsExactlyTheBlocksWrittenSinceTheFirst() throws Exception {
    JobResult first = run();
    assertEquals("UNKNOWN", first.mapState());
    assertEquals(512, first.segmentsRead());
    assertArrayEquals(bytes("san1", SOURCE), bytes("arch1", ARCHIVE));
    assertEquals(List.of("lv_thin_bkthin_20261121220000"), bases());
    assertEquals(MapState.ACTIVE, state());

    sim.write("san1", iqn, 100_000, 5_000); // segment 6, in pool block 1 (segments 4-7)
    sim.write("san1", iqn, MIB + 10, 40_000); // segments 64-66, in block 16 (segments 64-67)
    sim.write("san1", iqn, 7 * MIB, 16_384); // segment 448: a block never written before
    JobResult second = run();
    assertEquals("ACTIVE", second.mapState());
    assertEquals(12, second.segmentsRead(), "the segments of the three blocks written");
    assertEquals(5, second.segmentsChanged());
    assertEquals(5 * 16384, second.bytesWritten());
    assertArrayEquals(bytes("san1", SOURCE), bytes("arch1", ARCHIVE));
    assertArrayEquals(
        bytes("san1", "/dev/vg0/lv_thin_bkthin_20261122100000"),
        bytes("arch1", ARCHIVE + "@" + second.snapshot()));
    assertEquals(List.of("lv_thin_bkthin_20261122100000"), bases(), "old base dropped");

    JobResult third = run();
    assertEquals(0, third.segmentsRead(), "nothing written since");
    assertEquals("ACTIVE", third.finalState());
  }

  @Test
  void aTargetRestartDoesNotDirtyTheThinMap() throws Exception {
    run();
    MapService service = new MapService(desired, clock);
    ok("ietadm", "--op", "delete", "--tid=1", "--lun=0");
    service.startup(sim.host("san1"), "vg0"); // no clean dump: the ddmap is DIRTY now
    assertEquals(MapState.DIRTY, service.store(sim.host("san1"), job.source()).state());
    assertEquals(MapState.ACTIVE, state());
    BackupCluster.addLunZero(sim, SOURCE);
    sim.write("san1", iqn, 0, 1);
    JobResult r = run();
    assertEquals("ACTIVE", r.mapState());
    assertEquals(4, r.segmentsRead());
  }

  @Test
  void changeMapNoneReadsEverythingAndLeavesTheDdmapAlone() throws Exception {
    Backups.Job none =
        new Backups.Job(
            job.source(),
            job.archive(),
            job.pool(),
            job.volume(),
            job.workers(),
            job.integrity(),
            job.location(),
            Backups.ChangeMap.NONE);
    clock.advance(Duration.ofHours(12));
    assertNull(runner.run(none).error());
    sim.write("san1", iqn, 0, 1);
    clock.advance(Duration.ofHours(12));
    JobResult r = runner.run(none);
    assertNull(r.error(), r.line());
    assertEquals("NONE", r.mapState());
    assertEquals(512, r.segmentsRead());
    assertEquals(1, r.segmentsChanged());
    assertEquals(List.of(), bases(), "no thin snapshot kept");
    assertFalse(ok("lvs", "--noheadings", "-o", "lv_name", "vg0").out().contains("_bksnap"));
    assertEquals(
        MapState.UNKNOWN,
        new MapService(desired, clock).store(sim.host("san1"), job.source()).state());
    assertArrayEquals(bytes("san1", SOURCE), bytes("arch1", ARCHIVE));
  }

  @Test
  void aGrownThinVolumeReadsItsNewTailToo() throws Exception {
    run();
    ok("lvextend", "-L", "12M", "vg0/lv_thin");
    JobResult r = run();
    assertTrue(r.grown());
    assertEquals(256, r.segmentsRead(), "the 4 MiB beyond the base snapshot");
    assertEquals(0, r.bytesWritten());
    assertArrayEquals(bytes("san1", SOURCE), bytes("arch1", ARCHIVE));
  }

  @Test
  void withoutItsBaseSnapshotTheBackupReadsEverything() throws Exception {
    run();
    ok("lvremove", "-f", "vg0/" + bases().get(0));
    sim.write("san1", iqn, 0, 1);
    JobResult r = run();
    assertEquals("UNKNOWN", r.mapState());
    assertEquals(512, r.segmentsRead());
    assertEquals(1, r.segmentsChanged());
    assertEquals(1, bases().size());
    assertArrayEquals(bytes("san1", SOURCE), bytes("arch1", ARCHIVE));
  }

  @Test
  void aFailedBackupLeavesTheStateDirtyAndTheNextReadsEverything() throws Exception {
    run();
    List<String> base = bases();
    sim.failExecutable("arch1", "zfs", 1);
    clock.advance(Duration.ofHours(1));
    JobResult failed = runner.run(job);
    assertFalse(failed.ok());
    assertEquals("DIRTY", failed.finalState());
    assertEquals(base, bases(), "the new snapshot removed, the old base kept");
    sim.write("san1", iqn, 3 * MIB, 100);
    JobResult next = run();
    assertEquals("DIRTY", next.mapState());
    assertEquals(512, next.segmentsRead());
    assertEquals(MapState.ACTIVE, state());
    assertArrayEquals(bytes("san1", SOURCE), bytes("arch1", ARCHIVE));
  }

  @Test
  void theMetadataSnapshotIsReleasedWhenThinDeltaFails() throws Exception {
    run();
    sim.failExecutable("san1", "thin_delta", 1);
    clock.advance(Duration.ofHours(1));
    JobResult failed = runner.run(job);
    assertFalse(failed.ok());
    assertTrue(failed.error().startsWith("thin_delta "), failed.error());
    ok("dmsetup", "message", "vg0-tpool-tpool", "0", "reserve_metadata_snap");
    ok("dmsetup", "message", "vg0-tpool-tpool", "0", "release_metadata_snap");
  }

  @Test
  void aVolumeThatIsNotThinFailsWithAClearMessage() throws Exception {
    Backups.Job linear = BackupRunner.find(desired, "lv_linear").orElseThrow();
    assertEquals(Backups.ChangeMap.THIN, linear.changeMap(), "inherited from backups.defaults");
    JobResult r = runner.run(linear);
    assertEquals(
        "vg0/lv_linear is not a thin volume (changeMap: thin); use ddmap or none", r.error());
  }

  @Test
  void aOneByteWriteSelectsTheFourSegmentsOfItsPoolBlock() throws Exception {
    run();
    sim.write("san1", iqn, 2 * MIB + 20_000, 1); // segment 129, in block 32 (segments 128-131)
    ChangeMapSource s =
        ThinSource.of(desired.volumeGroups().get("vg0"), job.source(), sim.host("san1"), clock);
    try {
      clock.advance(Duration.ofHours(1));
      s.snapshot(8 * MIB);
      java.util.BitSet expected = new java.util.BitSet();
      expected.set(128, 132);
      assertEquals(expected, s.select(8 * MIB));
    } finally {
      s.failed("selection only");
      s.cleanup();
    }
    assertEquals(1, bases().size(), "the probe's snapshot removed");
  }
}
