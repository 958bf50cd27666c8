package dev.sanctl.sim.lvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.sanctl.sim.SimCluster;
import dev.sanctl.sim.TestClusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LvmJournal#save} writes nothing when the state holds what the file does, and a change of
 * any one recorded field of a volume is written (the in-place comparison misses none).
 */
class LvmJournalTest {
  @TempDir Path dir;

  @Test
  void anUnchangedStateWritesNothingAndEveryFieldChangeIsWritten() throws Exception {
    SimCluster c = TestClusters.amherst(dir.resolve("c"));
    assertEquals(0, c.run("san1", "lvcreate", "-L", "8M", "-n", "vol", "vg0").exitStatus());
    assertEquals(
        0, c.run("san1", "lvcreate", "-L", "4M", "-s", "-n", "snap", "vg0/vol").exitStatus());
    Path file = dir.resolve("c/_san/lvm.state");

    String before = Files.readString(file);
    LvmState.load(file).save(file);
    assertEquals(before, Files.readString(file));

    List<Consumer<LvmState.Lv>> changes =
        List.of(
            lv -> lv.extents++,
            lv -> lv.thinId++,
            lv -> lv.chunkSectors++,
            lv -> lv.activationSkip = !lv.activationSkip,
            lv -> lv.inactive = !lv.inactive,
            lv -> lv.origin = lv.origin == null ? "vol" : null,
            lv -> lv.segType = "thin",
            lv -> lv.pool = "pool");
    for (Consumer<LvmState.Lv> change : changes) {
      for (String name : List.of("vol", "snap")) {
        String was = Files.readString(file);
        LvmState s = LvmState.load(file);
        change.accept(s.vgs.get("vg0").lvs.get(name));
        s.save(file);
        assertNotEquals(was, Files.readString(file), name);
      }
    }
  }
}
