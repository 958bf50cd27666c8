package dev.sanctl.cli.ddless;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.ExitCodes;
import dev.sanctl.ddless.DdMap;
import java.nio.file.Files;
import java.nio.file.Path;
import org.approvaltests.Approvals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DdmapCommandTest {
  @TempDir Path dir;

  private Path map(String name, String entry, int... words) throws Exception {
    Path p = dir.resolve(name);
    new DdMap(1, false, DdMap.nameSum(entry), words).write(p);
    return p;
  }

  @Test
  void dumpsHeaderAndData() throws Exception {
    Path m =
        map(
            "lun.ddmap",
            "iqn.1990-01.edu.amherst:iet.t0.0",
            0,
            3,
            0x70000,
            0,
            0,
            0,
            0,
            0,
            0x80000000,
            1);
    CliRun r = CliRun.of("ddmap", "-s", m.toString(), "-a", "-b");
    assertEquals(ExitCodes.OK, r.exit(), r.err());
    Approvals.verify(r.out().replace(m.toString(), "lun.ddmap"));
  }

  @Test
  void mergeCreatesThenOrsAndRefusesAnotherLun() throws Exception {
    Path a = map("a", "t.0", 1, 0);
    Path b = map("b", "t.0", 4, 8);
    Path stored = dir.resolve("stored");
    assertEquals(
        ExitCodes.OK, CliRun.of("ddmap", "-s", a.toString(), "-t", stored.toString()).exit());
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(stored));
    assertEquals(
        ExitCodes.OK, CliRun.of("ddmap", "-s", b.toString(), "-t", stored.toString()).exit());
    assertArrayEquals(new int[] {5, 8}, DdMap.read(stored).words());

    Path other = map("other", "t.1", 1, 1);
    CliRun r = CliRun.of("ddmap", "-s", other.toString(), "-t", stored.toString());
    assertEquals(ExitCodes.ERROR, r.exit());
    assertTrue(r.err().contains("the maps belong to different LUNs"), r.err());
    assertArrayEquals(new int[] {5, 8}, DdMap.read(stored).words(), "target unchanged");
  }

  @Test
  void nothingToDoIsAUsageError() throws Exception {
    assertEquals(ExitCodes.USAGE, CliRun.of("ddmap", "-s", map("a", "t.0", 1).toString()).exit());
  }
}
