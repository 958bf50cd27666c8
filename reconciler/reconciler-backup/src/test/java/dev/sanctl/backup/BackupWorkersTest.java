package dev.sanctl.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sanctl.ddless.ChecksumFile;
import dev.sanctl.spi.model.Backups;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job with {@code workers: 4} on the simulator (local transport): same result as one worker. */
class BackupWorkersTest {
  static final String SOURCE_DEV = "/dev/vg0/lv_data";
  static final String ARCHIVE_DEV = "/dev/zvol/rdsk/archive/lv_data_bk";
  static final long SIZE = 40 * BackupCluster.MIB;
  @TempDir Path dir;
  BackupCluster c;

  @BeforeEach
  void init() throws Exception {
    c = new BackupCluster(dir);
    c.ok("san1", "lvextend", "-L", "40M", "vg0/lv_data"); // five 8 MiB ranges
    c.restartTarget(); // the kernel map covers the grown volume
    c.sim.write("san1", c.iqn, 8 * BackupCluster.MIB, 32 * BackupCluster.MIB);
  }

  private Backups.Job withWorkers(int workers) {
    Backups.Job j = BackupRunner.find(c.desired, "vg0/lv_data").orElseThrow();
    return new Backups.Job(
        j.source(), j.archive(), j.pool(), j.volume(), workers, true, j.location(), j.changeMap());
  }

  private JobResult run(Backups.Job job) {
    c.clock.advance(Duration.ofHours(12));
    JobResult r = new BackupRunner(c.desired, c.hosts(), c.clock).run(job);
    assertNull(r.error(), r.line());
    return r;
  }

  @Test
  void fourWorkersCopyEverythingThenOnlyTheMarkedSegmentsAndKeepExactChecksums() throws Exception {
    Backups.Job job = withWorkers(4);
    JobResult first = run(job);
    assertEquals(2560, first.segmentsRead());
    assertEquals(2560, first.segmentsChanged());
    assertEquals(SIZE, first.bytesWritten());
    assertArchiveEqualsSource();

    c.sim.write("san1", c.iqn, 100_000, 5_000); // segment 6
    c.sim.write("san1", c.iqn, 9 * BackupCluster.MIB + 10, 40_000); // 576-578
    c.sim.write("san1", c.iqn, 25 * BackupCluster.MIB, 1); // 1600
    c.sim.write("san1", c.iqn, 39 * BackupCluster.MIB + 123, 20_000); // 2496-2497
    JobResult second = run(job);
    assertEquals(7, second.segmentsRead());
    assertEquals(7, second.segmentsChanged());
    assertEquals(7 * 16384, second.bytesWritten());
    assertArchiveEqualsSource();
  }

  private void assertArchiveEqualsSource() throws Exception {
    assertArrayEquals(c.bytes("san1", SOURCE_DEV), c.bytes("arch1", ARCHIVE_DEV));
    long[] actual = RangeCopy.checksums(new HostDevices(c.sim.host("arch1")), ARCHIVE_DEV, SIZE);
    assertArrayEquals(
        ChecksumFile.toBytes(actual),
        c.bytes("arch1", "/archive/ddless/lv_data_bk.cksum"),
        "the checksum file");
  }
}
