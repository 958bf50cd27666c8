package dev.sanctl.sim.coreutils;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sanctl.sim.SimCluster;
import dev.sanctl.sim.TestClusters;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DdTest {
  @TempDir Path dir;

  @Test
  void writesAndReadsRangesOfAnLv() throws Exception {
    SimCluster c = TestClusters.amherst(dir.resolve("sim"));
    assertEquals(0, c.run("san1", "lvcreate", "-L", "4M", "-n", "d1", "vg0").exitStatus());
    byte[] data = new byte[20000];
    Arrays.fill(data, (byte) 7);
    CommandResult w =
        c.host("san1")
            .run(
                Command.change(
                    data,
                    "dd",
                    "of=/dev/vg0/d1",
                    "bs=16384",
                    "seek=3",
                    "conv=notrunc",
                    "status=none"));
    assertEquals(0, w.exitStatus(), w.err());
    CommandResult r = c.run("san1", "dd", "if=/dev/vg0/d1", "bs=16384", "skip=3", "count=2");
    assertEquals("2+0 records in\n2+0 records out\n", r.err());
    byte[] expected = new byte[32768];
    System.arraycopy(data, 0, expected, 0, data.length);
    assertArrayEquals(expected, r.stdout());
    CommandResult bytes =
        c.run(
            "san1",
            "dd",
            "if=/dev/vg0/d1",
            "iflag=skip_bytes,count_bytes",
            "skip=49150",
            "count=4",
            "status=none");
    assertArrayEquals(new byte[] {0, 0, 7, 7}, bytes.stdout());
  }

  @Test
  void refusesWritesPastTheEndOfADeviceAndMissingInputs() throws Exception {
    SimCluster c = TestClusters.amherst(dir.resolve("sim"));
    c.run("san1", "lvcreate", "-L", "4M", "-n", "d1", "vg0");
    CommandResult w =
        c.host("san1")
            .run(
                Command.change(
                    new byte[10], "dd", "of=/dev/vg0/d1", "bs=1M", "seek=4", "status=none"));
    assertEquals(1, w.exitStatus());
    assertEquals("dd: error writing '/dev/vg0/d1': No space left on device\n", w.err());
    CommandResult r = c.run("san1", "dd", "if=/dev/vg0/none");
    assertEquals("dd: failed to open '/dev/vg0/none': No such file or directory\n", r.err());
    assertEquals(1, r.exitStatus());
  }
}
