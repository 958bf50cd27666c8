package dev.sanctl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.spi.host.CommandResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state objects a cluster keeps between operations never outlive a failed operation. */
class LoadedStatesTest {
  @TempDir Path dir;

  /** A tool that removes every LV of vg0 from the metadata, then fails. */
  private static final class HalfDone implements SimTool {
    @Override
    public Set<String> names() {
      return Set.of("halfdone");
    }

    @Override
    public CommandResult run(SimNode node, List<String> argv, byte[] stdin) throws IOException {
      node.lvm().vg("vg0").lvs.clear();
      throw new IOException("failed half way");
    }
  }

  private static String lvNames(SimCluster c) throws IOException {
    return c.run("san1", "lvs", "--noheadings", "-o", "lv_name", "vg0").out();
  }

  @Test
  void aFailedOperationLeavesNoHalfChangedStateBehind() throws IOException {
    SimCluster c = TestClusters.amherst(dir.resolve("c"));
    assertEquals(0, c.run("san1", "lvcreate", "-L", "8M", "-n", "vol1", "vg0").exitStatus());
    String before = lvNames(c);
    assertTrue(before.contains("vol1") && before.contains("lv_meta"), before);
    c.register(new HalfDone());
    assertThrows(IOException.class, () -> c.run("san1", "halfdone"));
    assertEquals(before, lvNames(c));
    assertEquals(before, lvNames(SimCluster.open(c.dir())), "as another process sees it");
  }
}
