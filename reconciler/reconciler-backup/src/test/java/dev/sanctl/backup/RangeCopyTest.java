package dev.sanctl.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sanctl.ddless.Segments;
import java.nio.file.Path;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The copy between two simulated devices, through dd over the hosts. */
class RangeCopyTest {
  @TempDir Path dir;

  @Test
  void copiesEverythingFirstThenOnlyChangedSegmentsOfTheSelection() throws Exception {
    BackupCluster c = new BackupCluster(dir);
    c.ok("san1", "lvcreate", "-L", "8M", "-n", "copy", "vg0");
    HostDevices dev = new HostDevices(c.sim.host("san1"));
    long size = 8 * BackupCluster.MIB;
    RangeCopy.Result first =
        RangeCopy.copy(dev, "/dev/vg0/lv_data", dev, "/dev/vg0/copy", size, null, null);
    assertEquals(512, first.segmentsRead());
    assertEquals(512, first.segmentsChanged());
    assertArrayEquals(c.bytes("san1", "/dev/vg0/lv_data"), c.bytes("san1", "/dev/vg0/copy"));
    assertArrayEquals(first.checksums(), RangeCopy.checksums(dev, "/dev/vg0/copy", size));

    c.sim.write("san1", c.iqn, 100_000, 5_000);
    c.sim.write("san1", c.iqn, 3 * Segments.SEGMENT_SIZE, 1);
    BitSet selected = new BitSet();
    selected.set(0, 10);
    RangeCopy.Result second = RangeCopy.copy(dev, "/dev/vg0/lv_data", dev, "/dev/vg0/copy", size,
        selected, first.checksums());
    assertEquals(10, second.segmentsRead());
    assertEquals(2, second.segmentsChanged());
    assertEquals(2 * Segments.SEGMENT_SIZE, second.bytesWritten());
    assertArrayEquals(c.bytes("san1", "/dev/vg0/lv_data"), c.bytes("san1", "/dev/vg0/copy"));
  }
}
