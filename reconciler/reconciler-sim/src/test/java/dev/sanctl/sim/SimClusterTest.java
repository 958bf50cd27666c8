package dev.sanctl.sim;

import static dev.sanctl.sim.TestClusters.sh;
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
        sh(
                c,
                "san1",
                "vgs --noheadings --separator : --units b --nosuffix -o vg_name,vg_free,lv_count")
            .out(),
        "free space is the requested size; the meta volume is the only LV");
    assertEquals(
        "  lv_meta:-wi-ao----\n",
        sh(c, "san1", "lvs --noheadings --separator : -o lv_name,lv_attr").out());
    assertEquals(
        "  lv_meta:-wi-------\n",
        sh(c, "san2", "lvs --noheadings --separator : -o lv_name,lv_attr").out());
    assertEquals("", c.run("arch1", "vgs", "--noheadings").out(), "arch1 does not see vg0");
    assertEquals("directory\n", sh(c, "san1", "stat -c %F /srv/sanctl/vg_files").out());
    assertEquals(1, sh(c, "san2", "stat -c %F /srv/sanctl/vg_files").exitStatus());
    assertEquals("directory\n", sh(c, "san1", "stat -c %F /mnt/iscsi-target/vg0").out());
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
  void theHintForAMissingClusterIsACommandThatCanBePasted(@TempDir Path dir) {
    Path missing = dir.resolve("my sim");
    IOException e = assertThrows(IOException.class, () -> SimCluster.open(missing));
    assertEquals(
        missing
            + " is not a simulated cluster (make one from the configuration: sanctl sim init --sim '"
            + missing
            + "')",
        e.getMessage());
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

  /** A stand-in zvol tool: one device, /dev/zvol/tank/v1, backed by its own sparse file. */
  static final class ZvolStub implements SimTool, SimBlockDevices {
    @Override
    public Set<String> names() {
      return Set.of("zvolstub");
    }

    @Override
    public CommandResult run(SimNode node, List<String> argv, byte[] stdin) throws IOException {
      Path f = node.toolState("zvolstub").resolve("v1");
      try (var raf = new java.io.RandomAccessFile(f.toFile(), "rw")) {
        raf.setLength(1 << 20);
      }
      return CommandResult.of(0, "", "");
    }

    @Override
    public java.util.Optional<Path> blockDevice(SimNode node, String path) throws IOException {
      Path f = node.toolState("zvolstub").resolve("v1");
      return path.equals("/dev/zvol/tank/v1") && Files.exists(f)
          ? java.util.Optional.of(f)
          : java.util.Optional.empty();
    }
  }

  @Test
  void pluggableBlockDevicesServeAsLuns() throws Exception {
    SimCluster c = TestClusters.amherst(dir.resolve("sim"));
    c.register(new ZvolStub());
    c.run("san1", "zvolstub");
    assertEquals("1048576\n", c.run("san1", "blockdev", "--getsize64", "/dev/zvol/tank/v1").out());
    TestClusters.serve(
        c, "san1", 1, "iqn.2001-04.edu.amherst:z", "Path=/dev/zvol/tank/v1,Type=blockio");
    assertTrue(c.run("san1", "cat", "/proc/net/iet/volume").out().contains("blocks:2048 "));
  }

  @Test
  void concurrentCommandsFromSeveralInstancesSeeOneState() throws Exception {
    SimCluster first = TestClusters.amherst(dir.resolve("sim"));
    SimCluster second = SimCluster.open(dir.resolve("sim"));
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    List<java.util.concurrent.Future<CommandResult>> results = new java.util.ArrayList<>();
    for (int i = 0; i < 16; i++) {
      SimCluster c = i % 2 == 0 ? first : second;
      String name = "lv" + i;
      results.add(pool.submit(() -> c.run("san1", "lvcreate", "-L", "4M", "-n", name, "vg0")));
    }
    for (var f : results) assertEquals(0, f.get().exitStatus());
    pool.shutdown();
    assertEquals(
        "  17:" + (100L * 1024 - 16 * 4) * 1024 * 1024 + "\n",
        TestClusters.report(first, "san2", "vgs", "lv_count,vg_free"));
  }
}
