package dev.sanctl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.spi.host.CommandResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LVM metadata file costs what a command changed, not the size of the cluster: a change is
 * appended to {@code _san/lvm.state} as a few journal lines, another process reading the file sees
 * exactly the state the writer holds, and the file is compacted before the journal outgrows the
 * state.
 */
class LvmStateJournalTest {
  @TempDir Path dir;

  private static void ok(SimCluster c, String node, String... argv) throws IOException {
    CommandResult r = c.run(node, argv);
    assertEquals(0, r.exitStatus(), String.join(" ", argv) + ": " + r.err());
  }

  /** What the LVM tools report on san1 and san2 (every field the state holds). */
  private static String report(SimCluster c) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String node : List.of("san1", "san2")) {
      sb.append(
          c.run(
                  node,
                  "lvs",
                  "--reportformat",
                  "json",
                  "-a",
                  "-o",
                  "+lv_tags,lv_uuid,origin,pool_lv,lv_attr,lv_time,thin_id,lv_active")
              .out());
      sb.append(c.run(node, "vgs", "--reportformat", "json", "-o", "+vg_uuid,vg_free").out());
    }
    return sb.toString();
  }

  private Path lvmState() {
    return dir.resolve("c/_san/lvm.state");
  }

  @Test
  void aCreateAppendsItsRecordsInsteadOfRewritingEveryVolume() throws IOException {
    SimCluster c = TestClusters.amherst(dir.resolve("c"));
    for (int i = 0; i < 20; i++) ok(c, "san1", "lvcreate", "-L", "4M", "-n", "v" + i, "vg0");
    String before = Files.readString(lvmState());
    ok(c, "san1", "lvcreate", "-L", "4M", "-n", "added", "vg0");
    String after = Files.readString(lvmState());
    assertTrue(after.startsWith(before), "the file was rewritten:\n" + after);
    List<String> appended = after.substring(before.length()).lines().toList();
    assertTrue(appended.size() <= 3, appended.toString());
    assertTrue(appended.stream().anyMatch(l -> l.startsWith("lv vg0 added ")), appended.toString());
  }

  @Test
  void anotherProcessReplaysTheJournalToTheSameState() throws IOException {
    SimCluster c = TestClusters.amherst(dir.resolve("c"));
    ok(c, "san1", "lvcreate", "-L", "64M", "-n", "vol1", "vg0");
    ok(c, "san1", "lvcreate", "-L", "8M", "-n", "vol2", "vg0");
    ok(c, "san1", "lvcreate", "--type", "thin-pool", "-L", "16M", "-n", "tpool", "vg0");
    ok(c, "san1", "lvcreate", "-V", "1G", "-T", "vg0/tpool", "-n", "thin1");
    ok(c, "san1", "lvcreate", "-s", "-n", "snap1", "vg0/thin1");
    ok(c, "san1", "lvextend", "-L", "96M", "vg0/vol1");
    ok(c, "san1", "lvrename", "vg0", "vol2", "vol2b");
    ok(c, "san1", "lvremove", "-f", "vg0/vol2b");
    c.failover("vg0", "san2"); // the group's active and mounted lines change
    String writer = report(c);
    String reader = report(SimCluster.open(dir.resolve("c"), TestClusters.CLOCK));
    assertEquals(writer, reader);
    assertTrue(writer.contains("thin1") && writer.contains("snap1"), writer);
    assertTrue(!writer.contains("vol2b"), writer);
  }

  @Test
  void theJournalIsCompactedBeforeItOutgrowsTheState() throws IOException {
    SimCluster c = TestClusters.amherst(dir.resolve("c"));
    ok(c, "san1", "lvcreate", "-L", "4M", "-n", "keep", "vg0");
    for (int i = 0; i < 200; i++) {
      ok(c, "san1", "lvcreate", "-L", "4M", "-n", "tmp", "vg0");
      ok(c, "san1", "lvremove", "-f", "vg0/tmp");
    }
    long lines = Files.readAllLines(lvmState()).size();
    assertTrue(lines < 100, "not compacted: " + lines + " lines");
    assertEquals(report(c), report(SimCluster.open(dir.resolve("c"), TestClusters.CLOCK)));
  }
}
