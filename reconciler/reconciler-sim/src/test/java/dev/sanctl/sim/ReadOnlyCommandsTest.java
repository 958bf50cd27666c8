package dev.sanctl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.spi.host.CommandResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command that only reads (a listing, a {@code show}, a {@code cat}) leaves every state file of
 * the simulated cluster as it was: same bytes, same modification time, same file (no rewrite by
 * rename); a command that changes state rewrites only the files it changed.
 */
class ReadOnlyCommandsTest {
  @TempDir Path dir;

  /** Every regular file under the cluster directory: bytes, modification time, inode. */
  private record Version(String bytes, FileTime modified, Object fileKey) {}

  private Map<String, Version> files(SimCluster c) throws IOException {
    Map<String, Version> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(c.dir())) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        if (p.getFileName().toString().endsWith(".img")) continue; // sparse LV data
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        out.put(
            c.dir().relativize(p).toString(),
            new Version(Arrays.toString(Files.readAllBytes(p)), a.lastModifiedTime(), a.fileKey()));
      }
    }
    return out;
  }

  /** Sets every file's modification time in the past, so that a rewrite shows in any case. */
  private void age(SimCluster c) throws IOException {
    FileTime past = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    try (Stream<Path> walk = Files.walk(c.dir())) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        Files.setLastModifiedTime(p, past);
      }
    }
  }

  private static void ok(SimCluster c, String node, String... argv) throws IOException {
    CommandResult r = c.run(node, argv);
    assertEquals(0, r.exitStatus(), String.join(" ", argv) + ": " + r.err());
  }

  private SimCluster populated() throws IOException {
    SimCluster c = TestClusters.amherst(dir.resolve("c"));
    ok(c, "san1", "lvcreate", "-L", "64M", "-n", "vol1", "vg0");
    TestClusters.serve(c, "san1", 1, "iqn.2026-11.edu.example:vol1", "Path=/dev/vg0/vol1");
    c.addSession(
        "san1", "iqn.2026-11.edu.example:vol1", "iqn.1994-05.com.redhat:web01", "10.0.0.9");
    ok(
        c,
        "san1",
        "tgtadm",
        "--lld",
        "iscsi",
        "--op",
        "new",
        "--mode",
        "target",
        "--tid",
        "1",
        "-T",
        "iqn.2026-11.edu.example:t1");
    ok(c, "arch1", "zfs", "create", "-s", "-V", "1G", "tank/vol1");
    c.failExecutable("san2", "lvremove", -1);
    c.setFlag("san2", NodeFlags.IET_VERSION, "1.4.20");
    return c;
  }

  @Test
  void readOnlyCommandsLeaveEveryStateFileAsItWas() throws IOException {
    SimCluster c = populated();
    age(c);
    Map<String, Version> before = files(c);
    assertTrue(before.containsKey("_san/lvm.state"), before.keySet().toString());
    assertTrue(before.containsKey("san1/iet.state"), before.keySet().toString());
    List<String[]> reads =
        List.of(
            new String[] {"san1", "lvs"},
            new String[] {"san1", "vgs"},
            new String[] {"san1", "lvs", "--reportformat", "json", "-a", "-o", "+lv_tags"},
            new String[] {"san2", "vgs", "--noheadings"},
            new String[] {"san1", "cat", "/proc/net/iet/volume"},
            new String[] {"san1", "cat", "/proc/net/iet/session"},
            new String[] {"san2", "cat", "/proc/net/iet/volume"},
            new String[] {"san1", "ietadm", "--op", "show", "--tid=1"},
            new String[] {"san1", "cat", "/etc/hostname"},
            new String[] {"san1", "cat", "/mnt/iscsi-target/vg0/ietd.conf"},
            new String[] {"san1", "tgtadm", "--lld", "iscsi", "--op", "show", "--mode", "target"},
            new String[] {"arch1", "zfs", "list", "-H", "-p", "-o", "name,volsize"},
            new String[] {"arch1", "zpool", "list", "-H"});
    for (String[] r : reads) {
      c.run(r[0], Arrays.copyOfRange(r, 1, r.length)); // exit status as the real tool's
    }
    assertEquals(List.of(), changed(before, files(c)));
  }

  /** The files that differ (names only: the bytes are long). */
  private static List<String> changed(Map<String, Version> before, Map<String, Version> after) {
    java.util.Set<String> names = new java.util.TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    return names.stream()
        .filter(n -> !java.util.Objects.equals(before.get(n), after.get(n)))
        .toList();
  }

  @Test
  void aCommandThatChangesStateRewritesOnlyWhatItChanged() throws IOException {
    SimCluster c = populated();
    age(c);
    Map<String, Version> before = files(c);
    ok(c, "san1", "lvcreate", "-L", "8M", "-n", "vol2", "vg0");
    assertEquals(List.of("_san/lvm.state"), changed(before, files(c)));
  }

  @Test
  void aChangeMadeByAnotherProcessIsSeen() throws IOException {
    SimCluster c = populated();
    assertTrue(c.run("san1", "lvs", "--noheadings", "-o", "lv_name").out().contains("vol1"));
    // another process rewrites the file (a new file renamed into place), same length
    Path lvm = c.layout().dir().resolve("_san/lvm.state");
    String text = Files.readString(lvm).replace("vol1", "volX");
    Path tmp = lvm.resolveSibling("other-process.tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, lvm, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    String out = c.run("san1", "lvs", "--noheadings", "-o", "lv_name").out();
    assertTrue(out.contains("volX") && !out.contains("vol1"), out);
  }
}
