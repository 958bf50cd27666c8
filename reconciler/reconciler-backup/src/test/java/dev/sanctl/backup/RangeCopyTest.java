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
    RangeCopy.Result second =
        RangeCopy.copy(
            dev, "/dev/vg0/lv_data", dev, "/dev/vg0/copy", size, selected, first.checksums());
    assertEquals(10, second.segmentsRead());
    assertEquals(2, second.segmentsChanged());
    assertEquals(2 * Segments.SEGMENT_SIZE, second.bytesWritten());
    assertArrayEquals(c.bytes("san1", "/dev/vg0/lv_data"), c.bytes("san1", "/dev/vg0/copy"));
  }

  @Test
  void severalWorkersGiveTheSameCopyAndChecksumsAsOne() throws Exception {
    BackupCluster c = new BackupCluster(dir);
    c.ok("san1", "lvextend", "-L", "36M", "vg0/lv_data");
    c.restartTarget(); // the LUN grows with the volume
    c.ok("san1", "lvcreate", "-L", "36M", "-n", "one", "vg0");
    c.ok("san1", "lvcreate", "-L", "36M", "-n", "four", "vg0");
    c.sim.write("san1", c.iqn, 0, 36 * BackupCluster.MIB - 5000);
    HostDevices dev = new HostDevices(c.sim.host("san1"));
    long size = 36 * BackupCluster.MIB - 5000; // a short last segment
    RangeCopy.Result one =
        RangeCopy.copy(dev, "/dev/vg0/lv_data", dev, "/dev/vg0/one", size, null, null, 1);
    RangeCopy.Result four =
        RangeCopy.copy(dev, "/dev/vg0/lv_data", dev, "/dev/vg0/four", size, null, null, 4);
    assertSame(one, four);
    assertArrayEquals(c.bytes("san1", "/dev/vg0/one"), c.bytes("san1", "/dev/vg0/four"));

    c.sim.write("san1", c.iqn, 100_000, 5_000);
    c.sim.write("san1", c.iqn, 17 * BackupCluster.MIB, 70_000);
    c.sim.write("san1", c.iqn, size - 10, 10);
    BitSet selected = new BitSet();
    selected.set(0, 20);
    selected.set(1000, 1300);
    selected.set((int) Segments.count(size) - 700, (int) Segments.count(size));
    RangeCopy.Result oneAgain =
        RangeCopy.copy(
            dev, "/dev/vg0/lv_data", dev, "/dev/vg0/one", size, selected, one.checksums(), 1);
    RangeCopy.Result fourAgain =
        RangeCopy.copy(
            dev, "/dev/vg0/lv_data", dev, "/dev/vg0/four", size, selected, four.checksums(), 4);
    assertSame(oneAgain, fourAgain);
    assertEquals(1 + 5 + 1, fourAgain.segmentsChanged());
    byte[] src = java.util.Arrays.copyOf(c.bytes("san1", "/dev/vg0/lv_data"), (int) size);
    assertArrayEquals(src, java.util.Arrays.copyOf(c.bytes("san1", "/dev/vg0/four"), (int) size));
    assertArrayEquals(RangeCopy.checksums(dev, "/dev/vg0/four", size), fourAgain.checksums());
  }

  private static void assertSame(RangeCopy.Result one, RangeCopy.Result four) {
    assertEquals(one.segmentsRead(), four.segmentsRead());
    assertEquals(one.segmentsChanged(), four.segmentsChanged());
    assertEquals(one.bytesWritten(), four.bytesWritten());
    assertArrayEquals(one.checksums(), four.checksums());
  }
}
