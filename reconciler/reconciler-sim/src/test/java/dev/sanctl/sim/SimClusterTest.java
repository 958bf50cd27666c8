package dev.sanctl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.spi.host.CommandResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimClusterTest {
  @TempDir Path dir;

  @Test
  void initCreatesGroupsPoolsAndNothingElse() throws Exception {
    SimCluster c = TestClusters.amherst(dir.resolve("sim"));
    assertEquals(List.of("san1", "san2", "arch1"), c.nodes());
    assertEquals(
        "  vg0:107374182400:1\n",
        c.run(
                "san1",
                "vgs",
                "--noheadings",
                "--separator",
                ":",
                "--units",
                "b",
                "--nosuffix",
                "-o",
                "vg_name,vg_free,lv_count")
            .out(),
        "free space is the requested size; the meta volume is the only LV");
    assertEquals(
        "  lv_meta:-wi-a-----\n",
        c.run("san1", "lvs", "--noheadings", "--separator", ":", "-o", "lv_name,lv_attr").out());
    assertEquals(
        "  lv_meta:-wi-------\n",
        c.run("san2", "lvs", "--noheadings", "--separator", ":", "-o", "lv_name,lv_attr").out());
    assertEquals("", c.run("arch1", "vgs", "--noheadings").out(), "arch1 does not see vg0");
    assertEquals("directory\n", c.run("san1", "stat", "-c", "%F", "/srv/sanctl/vg_files").out());
    assertEquals(1, c.run("san2", "stat", "-c", "%F", "/srv/sanctl/vg_files").exitStatus());
    assertEquals("directory\n", c.run("san1", "stat", "-c", "%F", "/mnt/iscsi-target/vg0").out());
    assertEquals("", c.run("san1", "cat", "/proc/net/iet/volume").out());
    assertEquals(true, c.onNode("arch1", n -> n.importsPool("tank")));
    assertEquals(false, c.onNode("san1", n -> n.importsPool("tank")));
    assertThrows(
        IOException.class, () -> SimCluster.init(c.dir(), TestClusters.amherst(), 1L << 30));
  }

  @Test
  void stateSurvivesReopening() throws Exception {
    SimCluster first = TestClusters.amherst(dir.resolve("sim"));
    first.run("san1", "lvcreate", "-L", "8M", "-n", "vol1", "vg0");
    first.run(
        "san1", "ietadm", "--op", "new", "--tid=1", "--params", "Name=iqn.2001-04.edu.amherst:x");
    first.addSession(
        "san1", "iqn.2001-04.edu.amherst:x", "iqn.1993-08.org.debian:01:a", "10.0.0.9");
    first.failExecutable("san2", "vgs", 1);
    first.setFlag("san1", NodeFlags.IET_VERSION, "1.4.19");

    SimCluster second = SimCluster.open(dir.resolve("sim"), TestClusters.CLOCK);
    assertEquals(
        "  vol1\n", second.run("san1", "lvs", "--noheadings", "-o", "lv_name", "vg0/vol1").out());
    assertTrue(second.run("san1", "cat", "/proc/net/iet/session").out().contains("ip:10.0.0.9"));
    assertEquals(1, second.run("san2", "vgs").exitStatus());
    assertEquals(0, second.run("san2", "vgs").exitStatus());
    assertEquals("1.4.19", second.onNode("san1", n -> n.flags().get(NodeFlags.IET_VERSION)));
    assertThrows(IOException.class, () -> SimCluster.open(dir.resolve("nothing")));
  }

  @Test
  void pluggableToolsSeeTheNodeAndKeepTheirOwnState() throws Exception {
    SimCluster c = TestClusters.amherst(dir.resolve("sim"));
    SimTool counter =
        new SimTool() {
          @Override
          public Set<String> names() {
            return Set.of("counter");
          }

          @Override
          public CommandResult run(SimNode node, List<String> argv, byte[] stdin)
              throws IOException {
            Path f = node.toolState("counter").resolve("n");
            int n = Files.exists(f) ? Integer.parseInt(Files.readString(f)) + 1 : 1;
            Files.writeString(f, Integer.toString(n));
            return CommandResult.of(0, node.name() + " " + n + " " + node.holds("vg0") + "\n", "");
          }
        };
    c.register(counter);
    assertEquals("san1 1 true\n", c.run("san1", "counter").out());
    assertEquals("san1 2 true\n", c.run("san1", "/usr/bin/counter").out());
    assertEquals("san2 1 false\n", c.run("san2", "counter").out());
  }
}
