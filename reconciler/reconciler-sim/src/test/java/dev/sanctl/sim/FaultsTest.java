package dev.sanctl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.HostUnreachableException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultsTest {
  @TempDir Path dir;

  @Test
  void anExecutableFailsNTimesThenWorks() throws Exception {
    SimCluster c = TestClusters.amherst(dir.resolve("sim"));
    c.failExecutable("san1", "lvs", 2);
    for (int i = 0; i < 2; i++) {
      CommandResult r = c.run("san1", "/sbin/lvs");
      assertEquals(1, r.exitStatus());
      assertEquals("lvs: Input/output error\n", r.err());
    }
    assertEquals(0, c.run("san1", "lvs").exitStatus());
    assertEquals(0, c.run("san2", "lvs").exitStatus(), "other nodes are not affected");
  }

  @Test
  void unreachableNodeThrowsAndClearRestoresIt() throws Exception {
    SimCluster c = TestClusters.amherst(dir.resolve("sim"));
    c.setUnreachable("san2");
    SimHost h = c.host("san2");
    assertThrows(HostUnreachableException.class, () -> h.run(Command.read("lvs")));
    c.clearFaults("san2");
    assertEquals(0, h.run(Command.read("lvs")).exitStatus());
  }

  @Test
  void slowNodeTimesOutCommandsWithShorterTimeouts() throws Exception {
    SimCluster c = TestClusters.amherst(dir.resolve("sim"));
    c.setSlow("san1", Duration.ofMillis(300));
    SimHost h = c.host("san1");
    CommandResult timedOut =
        h.run(
            Command.change("lvcreate", "-L", "4M", "-n", "v", "vg0")
                .withTimeout(Duration.ofMillis(100)));
    assertEquals(CommandResult.TIMED_OUT, timedOut.exitStatus());
    assertEquals(
        "",
        c.run("san1", "lvs", "--noheadings", "-o", "lv_name", "vg0/v").out(),
        "a timed-out command did not run");
    CommandResult slow = h.run(Command.read("lvs").withTimeout(Duration.ofSeconds(5)));
    assertEquals(0, slow.exitStatus());
    c.clearFaults("san1");
    assertEquals(0, h.run(Command.read("vgs")).exitStatus());
  }
}
