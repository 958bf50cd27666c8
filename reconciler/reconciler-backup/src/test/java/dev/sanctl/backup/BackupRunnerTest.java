package dev.sanctl.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.ddless.DdMap;
import dev.sanctl.sim.zfs.ZvolFiles;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.model.Backups;
import dev.sanctl.spi.model.VolumeRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole job flow on the simulator: LVM + IET ddmap source, zvol archive on illumos. */
class BackupRunnerTest {
  static final String ARCHIVE_DEV = "/dev/zvol/rdsk/archive/lv_data_bk";
  @TempDir Path dir;
  BackupCluster c;
  BackupRunner runner;
  Backups.Job data;
  Backups.Job plain;

  @BeforeEach
  void init() throws Exception {
    c = new BackupCluster(dir);
    runner = new BackupRunner(c.desired, c.hosts(), c.clock);
    data = BackupRunner.find(c.desired, "vg0/lv_data").orElseThrow();
    plain = BackupRunner.find(c.desired, "lv_plain").orElseThrow();
  }

  private JobResult run(Backups.Job job) {
    c.clock.advance(Duration.ofHours(12));
    JobResult r = runner.run(job);
    assertNull(r.error(), r.line());
    return r;
  }

  private MapState state() throws Exception {
    return new MapService(c.desired, c.clock).store(c.sim.host("san1"), data.source()).state();
  }

  @Test
  void firstBackupCopiesEverythingThenOnlyTheMarkedSegments() throws Exception {
    JobResult first = run(data);
    assertEquals("UNKNOWN", first.mapState());
    assertEquals(512, first.segmentsRead());
    assertEquals(512, first.segmentsChanged());
    assertEquals(8 * BackupCluster.MIB, first.bytesWritten());
    assertEquals(MapState.ACTIVE, state());
    assertArrayEquals(c.bytes("san1", "/dev/vg0/lv_data"), c.bytes("arch1", ARCHIVE_DEV));

    c.sim.write("san1", c.iqn, 100_000, 5_000); // segment 6
    c.sim.write("san1", c.iqn, BackupCluster.MIB + 10, 40_000); // segments 64-66
    JobResult second = run(data);
    assertEquals("ACTIVE", second.mapState());
    assertEquals(4, second.segmentsRead());
    assertEquals(4, second.segmentsChanged());
    assertEquals(4 * 16384, second.bytesWritten());
    assertArrayEquals(c.bytes("san1", "/dev/vg0/lv_data"), c.bytes("arch1", ARCHIVE_DEV));
    assertEquals(
        8 * BackupCluster.MIB, c.bytes("arch1", ARCHIVE_DEV + "@" + first.snapshot()).length);
    assertFalse(c.sim.run("san1", "lvs", "vg0/lv_data_bksnap").ok(), "snapshot removed");
    List<String> log =
        new MapService(c.desired, c.clock).store(c.sim.host("san1"), data.source()).log();
    assertEquals(4, log.size(), String.join("\n", log));
    assertTrue(log.get(3).contains("DDMAP_DIRTY DDMAP_ACTIVE backup completed"), log.get(3));
  }

  @Test
  void aRestartWithoutACleanDumpMakesTheNextBackupReadEverything() throws Exception {
    run(data);
    c.sim.write("san1", c.iqn, 0, 1);
    c.restartTarget();
    new MapService(c.desired, c.clock).startup(c.sim.host("san1"), "vg0");
    assertEquals(MapState.DIRTY, state());
    JobResult r = run(data);
    assertEquals("DIRTY", r.mapState());
    assertEquals(512, r.segmentsRead());
    assertEquals(1, r.segmentsChanged());
    assertArrayEquals(c.bytes("san1", "/dev/vg0/lv_data"), c.bytes("arch1", ARCHIVE_DEV));
  }

  @Test
  void aCleanShutdownKeepsTheDumpedMap() throws Exception {
    run(data);
    c.sim.write("san1", c.iqn, 0, 1);
    MapService service = new MapService(c.desired, c.clock);
    service.shutdown(c.sim.host("san1"), "vg0");
    c.restartTarget();
    service.startup(c.sim.host("san1"), "vg0");
    assertEquals(MapState.ACTIVE, state());
    c.sim.write("san1", c.iqn, 5 * BackupCluster.MIB, 1);
    JobResult r = run(data);
    assertEquals(2, r.segmentsRead(), "the dumped map and the live one");
    assertEquals(2, r.segmentsChanged());
    assertArrayEquals(c.bytes("san1", "/dev/vg0/lv_data"), c.bytes("arch1", ARCHIVE_DEV));
  }

  @Test
  void aBackupWhileTheTargetIsStoppedReadsOnlyTheCleanDumps() throws Exception {
    run(data);
    c.sim.write("san1", c.iqn, 0, 1);
    c.sim.write("san1", c.iqn, 3 * BackupCluster.MIB, 1);
    MapService service = new MapService(c.desired, c.clock);
    service.shutdown(c.sim.host("san1"), "vg0");
    c.stopTarget();
    JobResult r = run(data);
    assertEquals("CLEAN", r.mapState());
    assertEquals(2, r.segmentsRead(), "the dumped map, no live one to suspend");
    assertEquals(2, r.segmentsChanged());
    assertArrayEquals(c.bytes("san1", "/dev/vg0/lv_data"), c.bytes("arch1", ARCHIVE_DEV));
    assertEquals(MapState.CLEAN, state(), "nothing can have been written since");
    c.startTarget();
    service.startup(c.sim.host("san1"), "vg0");
    assertEquals(MapState.ACTIVE, state());
    assertEquals(0, run(data).segmentsRead(), "the dumps were consumed");
  }

  @Test
  void aTargetGoneWithoutADumpMakesTheBackupReadEverything() throws Exception {
    run(data);
    c.sim.write("san1", c.iqn, 0, 1);
    c.stopTarget();
    JobResult r = run(data);
    assertEquals("ACTIVE", r.mapState());
    assertEquals(512, r.segmentsRead(), "the live map is lost with the target");
    assertEquals(1, r.segmentsChanged());
  }

  @Test
  void aGrownSourceGrowsTheArchiveWithoutRewritingUnchangedData() throws Exception {
    run(data);
    c.ok("san1", "lvextend", "-L", "12M", "vg0/lv_data");
    JobResult r = run(data);
    assertTrue(r.grown());
    assertEquals(256, r.segmentsRead(), "only the new tail (the map covers the old size)");
    assertEquals(0, r.bytesWritten());
    assertEquals(
        "12582912",
        c.ok("arch1", "zfs", "get", "-H", "-p", "-o", "value", "volsize", "archive/lv_data_bk")
            .out()
            .strip());
    assertArrayEquals(c.bytes("san1", "/dev/vg0/lv_data"), c.bytes("arch1", ARCHIVE_DEV));
  }

  /** Hosts whose live ddmap proc entry reads as {@code alter} makes it (a map not of this LUN). */
  private Hosts alteredLiveMap(java.util.function.UnaryOperator<DdMap> alter) {
    return WatchedHosts.of(
        c.sim,
        (real, command) -> {
          CommandResult r = real.run(command);
          boolean liveMap =
              command.argv().equals(List.of("cat", "/proc/net/iet/ddmap/" + c.iqn + ".0"));
          if (!liveMap || !r.ok()) return r;
          byte[] altered = alter.apply(DdMap.parse(r.stdout(), "proc")).toBytes();
          return new CommandResult(0, altered, r.stderr(), false, r.duration());
        });
  }

  private void assertRefusedThenReadInFull(Hosts hosts, String why) throws Exception {
    run(data);
    c.sim.write("san1", c.iqn, 0, 1);
    byte[] archived = c.bytes("arch1", ARCHIVE_DEV);
    c.clock.advance(Duration.ofHours(12));
    JobResult refused = new BackupRunner(c.desired, hosts, c.clock).run(data);
    assertFalse(refused.ok());
    assertTrue(refused.error().contains(why), refused.error());
    assertEquals(0, refused.segmentsRead());
    assertArrayEquals(archived, c.bytes("arch1", ARCHIVE_DEV), "nothing copied");
    assertEquals(MapState.DIRTY, state());
    assertFalse(c.sim.run("san1", "lvs", "vg0/lv_data_bksnap").ok(), "no snapshot left");
    JobResult next = run(data);
    assertEquals(512, next.segmentsRead(), "the next run reads everything");
    assertArrayEquals(c.bytes("san1", "/dev/vg0/lv_data"), c.bytes("arch1", ARCHIVE_DEV));
  }

  @Test
  void aLiveMapWhoseNameSumIsAnotherLunsIsRefused() throws Exception {
    String other = c.iqn + ".1";
    assertRefusedThenReadInFull(
        alteredLiveMap(m -> new DdMap(1, m.suspended(), DdMap.nameSum(other), m.words())),
        "the map of another LUN");
  }

  @Test
  void aLiveMapLargerThanTheSourceIsRefused() throws Exception {
    assertRefusedThenReadInFull(
        alteredLiveMap(
            m ->
                new DdMap(
                    1,
                    m.suspended(),
                    m.nameSum(),
                    java.util.Arrays.copyOf(m.words(), 2 * m.mapSize()))),
        "is it the map of another volume?");
  }

  @Test
  void snapshotsCarryTimeAndRuleAndTheVolumeItsSchedule() throws Exception {
    JobResult r = run(data);
    assertEquals("2026-11-21_22.00.00", r.snapshot());
    String snap = "archive/lv_data_bk@" + r.snapshot();
    assertEquals(
        "2026-11-21T22:00:00Z",
        c.ok("arch1", "zfs", "get", "-H", "-o", "value", "dev.sanctl:snap_time", snap)
            .out()
            .strip());
    assertEquals(
        "DAILY",
        c.ok("arch1", "zfs", "get", "-H", "-o", "value", "dev.sanctl:snaprotate_rule", snap)
            .out()
            .strip());
    assertEquals(
        "ROT",
        c.ok(
                "arch1",
                "zfs",
                "get",
                "-H",
                "-o",
                "value",
                "dev.sanctl:snaprotate_schedule",
                "archive/lv_data_bk")
            .out()
            .strip());
  }

  @Test
  void aVolumeWithoutMapIsReadFullyAndIntegrityChecked() throws Exception {
    JobResult first = run(plain);
    assertEquals("NONE", first.mapState());
    JobResult second = run(plain);
    assertEquals(256, second.segmentsRead());
    assertEquals(0, second.segmentsChanged());
    assertArrayEquals(
        c.bytes("san1", "/dev/vg0/lv_plain"),
        c.bytes("arch1", "/dev/zvol/rdsk/archive/lv_plain_bk"));
  }

  @Test
  void aChecksumFilesystemCreatedMeanwhileByAJobOfTheSamePoolIsUsed() throws Exception {
    AtomicBoolean raced = new AtomicBoolean();
    Hosts racing =
        WatchedHosts.of(
            c.sim,
            (real, command) -> {
              CommandResult r = real.run(command);
              boolean missing =
                  !r.ok()
                      && command.argv().contains("get")
                      && command.argv().stream().anyMatch(a -> a.startsWith("mountpoint"));
              if (missing && raced.compareAndSet(false, true)) {
                c.ok("arch1", "zfs", "create", "archive/ddless"); // the other job was faster
              }
              return r;
            });
    JobResult r = new BackupRunner(c.desired, racing, c.clock).run(plain);
    assertTrue(raced.get());
    assertNull(r.error(), r.line());
  }

  @Test
  void aFailedJobLeavesTheMapDirty() throws Exception {
    run(data);
    c.sim.failExecutable("arch1", "zfs", 1);
    JobResult r = runner.run(data);
    assertFalse(r.ok());
    assertEquals(MapState.DIRTY, state());
    assertFalse(c.sim.run("san1", "lvs", "vg0/lv_data_bksnap").ok(), "snapshot removed");
    JobResult next = run(data);
    assertEquals(512, next.segmentsRead());
  }

  @Test
  void verifyDetectsACorruptedArchiveSegmentAndRemovesOrphans() throws Exception {
    JobResult r1 = run(data);
    run(data);
    Verifier verifier = new Verifier(c.desired, c.hosts());
    Verifier.Report clean = verifier.verify(List.of(data), 5);
    assertEquals(2, clean.checked().size());
    assertTrue(clean.ok(), clean.checked().toString());
    // bit rot in segment 3 of the first snapshot: its data file changes behind zfs's back
    Path file = ZvolFiles.file(c.sim.dir(), "archive/lv_data_bk@" + r1.snapshot());
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
      f.seek(3 * 16384 + 77);
      f.write(~f.read());
    }
    Verifier.Report bad = verifier.verify(List.of(data), 1);
    assertEquals(1, bad.checked().size());
    Verifier.Checked first =
        new Verifier(c.desired, c.hosts())
            .verify(List.of(data), 2).checked().stream()
                .filter(ch -> ch.snapshot().endsWith(r1.snapshot()))
                .findFirst()
                .orElseThrow();
    assertEquals(List.of("3"), first.differing());
    c.ok("arch1", "zfs", "destroy", "archive/lv_data_bk@" + r1.snapshot());
    Verifier.Report after = verifier.verify(List.of(data), 5);
    assertEquals(1, after.removedOrphans().size());
    assertEquals(1, after.checked().size());
  }

  @Test
  void verifyChecksAFixedNumberPerRunRotatingThroughAllSnapshots() throws Exception {
    List<String> snaps = List.of(run(data).snapshot(), run(data).snapshot(), run(plain).snapshot());
    List<String> all =
        List.of(
            "archive/lv_data_bk@" + snaps.get(0),
            "archive/lv_data_bk@" + snaps.get(1),
            "archive/lv_plain_bk@" + snaps.get(2));
    Verifier verifier = new Verifier(c.desired, c.hosts());
    List<List<String>> runs = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Verifier.Report r = verifier.verify(List.of(data, plain), 2);
      assertTrue(r.ok(), r.checked().toString());
      runs.add(r.checked().stream().map(Verifier.Checked::snapshot).toList());
    }
    assertEquals(
        List.of(
            List.of(all.get(0), all.get(1)),
            List.of(all.get(2), all.get(0)),
            List.of(all.get(1), all.get(2))),
        runs);
  }

  @Test
  void restoreProducesAnIdenticalNewVolumeAndRefusesAnExistingOne() throws Exception {
    JobResult r = run(data);
    Restorer restorer = new Restorer(c.desired, c.hosts());
    restorer.restore("archive/lv_data_bk@" + r.snapshot(), "vg0/lv_restored");
    assertArrayEquals(c.bytes("san1", "/dev/vg0/lv_data"), c.bytes("san1", "/dev/vg0/lv_restored"));
    assertThrows(
        Restorer.RefusedException.class,
        () -> restorer.restore("archive/lv_data_bk", "vg0/lv_data"));
    assertEquals(new VolumeRef("vg0", "lv_data"), data.source());
  }

  @Test
  void restoreToAFilesVolumeGroupMakesANewFileAndRefusesAnExistingOne() throws Exception {
    JobResult r = run(data);
    c.ok("san1", "mkdir", "-p", "/srv/files0");
    Restorer restorer = new Restorer(c.desired, c.hosts());
    Restorer.Result restored =
        restorer.restore("archive/lv_data_bk@" + r.snapshot(), "files0/lv_back");
    assertEquals("san1", restored.node());
    assertArrayEquals(
        c.bytes("san1", "/dev/vg0/lv_data"), c.bytes("san1", "/srv/files0/lv_back.img"));
    assertThrows(
        Restorer.RefusedException.class,
        () -> restorer.restore("archive/lv_data_bk", "files0/lv_back"));
  }

  @Test
  void checksumFilesLiveOnTheMountedDdlessFilesystemNeverOnTheRootFileSystem() throws Exception {
    c.ok("arch1", "zfs", "set", "mountpoint=none", "archive");
    run(data);
    assertEquals(
        "/archive/ddless",
        c.ok("arch1", "zfs", "get", "-H", "-o", "value", "mountpoint", "archive/ddless")
            .out()
            .strip(),
        "created with its own mount point");
    c.ok("arch1", "zfs", "set", "mountpoint=none", "archive/ddless");
    c.clock.advance(Duration.ofHours(12));
    JobResult r = runner.run(data);
    assertTrue(r.error().contains("archive/ddless is not mounted (mountpoint none)"), r.line());
    assertEquals("DIRTY", r.finalState());
  }
}
