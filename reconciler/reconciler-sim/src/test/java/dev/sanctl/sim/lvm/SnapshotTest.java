package dev.sanctl.sim.lvm;

import static dev.sanctl.sim.TestClusters.sh;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sanctl.sim.SimCluster;
import dev.sanctl.sim.TestClusters;
import dev.sanctl.spi.host.CommandResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTest {
  private static final String IQN = "iqn.2001-04.edu.amherst:san1.vol1";

  @TempDir Path dir;

  @Test
  void snapshotFreezesTheOriginsDataAndIsReported() throws Exception {
    SimCluster c = TestClusters.amherst(dir.resolve("sim"));
    sh(c, "san1", "lvcreate -L 20M -n vol1 vg0");
    TestClusters.serve(c, "san1", 1, IQN, "Path=/dev/vg0/vol1,Type=blockio");
    c.write("san1", IQN, 0, 65536);
    byte[] before = c.run("san1", "cat", "/dev/vg0/vol1").stdout();

    CommandResult r = sh(c, "san1", "lvcreate -L 8M -s -n vol1_snap1 vg0/vol1");
    assertEquals("  Logical volume \"vol1_snap1\" created.\n", r.out());
    c.write("san1", IQN, 0, 65536);
    assertArrayEquals(before, c.run("san1", "cat", "/dev/vg0/vol1_snap1").stdout());
    assertFalse(java.util.Arrays.equals(before, c.run("san1", "cat", "/dev/vg0/vol1").stdout()));
    assertEquals(
        "20971520\n", c.run("san1", "blockdev", "--getsize64", "/dev/vg0/vol1_snap1").out());

    assertEquals(
        "  vol1:20971520:owi-aos---::\n" + "  vol1_snap1:8388608:swi-a-s---:vol1:0.00\n",
        sh(
                c,
                "san1",
                "lvs --noheadings --separator : --units b --nosuffix -o"
                    + " lv_name,lv_size,lv_attr,origin,snap_percent vg0/vol1 vg0/vol1_snap1")
            .out());
    assertEquals(
        "  1:3\n", sh(c, "san2", "vgs --noheadings --separator : -o snap_count,lv_count").out());

    r = c.run("san1", "lvremove", "-f", "vg0/vol1_snap1");
    assertEquals("  Logical volume \"vol1_snap1\" successfully removed.\n", r.out());
    assertEquals(1, c.run("san1", "cat", "/dev/vg0/vol1_snap1").exitStatus());
  }

  /**
   * lvm2 2.03.16 refuses to resize an active classic snapshot origin (measured in the real-kernel
   * tier, NodeStorageKernelTest); the simulator used to grow it.
   */
  @Test
  void anActiveSnapshotOriginIsNotResized() throws Exception {
    SimCluster c = TestClusters.amherst(dir.resolve("sim"));
    sh(c, "san1", "lvcreate -L 8M -n vol1 vg0");
    sh(c, "san1", "lvcreate -s vg0/vol1 -n snap -L 4M");
    CommandResult r = c.run("san1", "lvextend", "-L", "16M", "vg0/vol1");
    assertEquals(5, r.exitStatus());
    assertEquals(
        "  Snapshot origin volumes can be resized only while inactive: try lvchange -an.\n",
        r.err());
    assertEquals("", r.out());
    assertEquals(
        "  8388608\n",
        sh(c, "san1", "lvs --noheadings --units b --nosuffix -o lv_size vg0/vol1").out());
    c.run("san1", "lvremove", "-f", "vg0/snap");
    assertEquals(0, c.run("san1", "lvextend", "-L", "16M", "vg0/vol1").exitStatus());
  }

  @Test
  void removingAnOriginRemovesItsSnapshots() throws Exception {
    SimCluster c = TestClusters.amherst(dir.resolve("sim"));
    sh(c, "san1", "lvcreate -L 8M -n vol1 vg0");
    sh(c, "san1", "lvcreate -s vg0/vol1 -n snap -L 4M");
    CommandResult r = c.run("san1", "lvremove", "vg0/vol1");
    assertEquals(5, r.exitStatus());
    assertEquals("", r.out());
    assertEquals(
        "Removing origin vol1 will also remove 1 snapshots(s). Proceed? [y/n]: [n]\n"
            + "  Logical volume vg0/vol1 not removed.\n",
        r.err(),
        "lvm2 prompts on stderr; no answer is its default [n] (fixtures/lvm/2.03.16/fidelity)");
    r = c.run("san1", "lvremove", "-f", "vg0/vol1");
    assertEquals(
        "  Logical volume \"snap\" successfully removed.\n"
            + "  Logical volume \"vol1\" successfully removed.\n",
        r.out());
    r = sh(c, "san1", "lvcreate -L 4M -s -n s2 vg0/gone");
    assertEquals("  Snapshot origin LV gone not found in Volume group vg0.\n", r.err());
    assertEquals(
        "blockdev: cannot open /dev/vg0/gone: No such file or directory\n",
        c.run("san1", "blockdev", "--getsize64", "/dev/vg0/gone").err());
  }
}
