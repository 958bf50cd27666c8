package dev.sanctl.cli.ddless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.ExitCodes;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.approvaltests.Approvals;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DdlessCommandTest {
  @TempDir Path dir;
  Path src;
  Path tgt;
  Path sum;

  @BeforeEach
  void source() throws Exception {
    byte[] data = new byte[2 * 1024 * 1024 + 777];
    new Random(3).nextBytes(data);
    src = Files.write(dir.resolve("src"), data);
    tgt = dir.resolve("tgt");
    sum = dir.resolve("tgt.ddless");
  }

  private CliRun copy(String... extra) {
    String[] base = {"ddless", "-s", src.toString(), "-t", tgt.toString(), "-c", sum.toString()};
    String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return CliRun.of(args);
  }

  @Test
  void parametersAreTheOriginalOnes() {
    CliRun r = CliRun.of("ddless", "-p");
    assertEquals(ExitCodes.OK, r.exit());
    Approvals.verify(r.out());
  }

  @Test
  void copyPrintsAJsonSummaryAndRerunsWriteOnlyChanges() throws Exception {
    CliRun first = copy("--json", "-w", "2");
    assertEquals(ExitCodes.OK, first.exit(), first.err());
    assertTrue(
        first
            .out()
            .contains(
                "\"segmentsChanged\":129,\"bytesWritten\":2097929," + "\"newChecksumFile\":true"),
        first.out());
    assertEquals(-1, Files.mismatch(src, tgt));
    try (RandomAccessFile f = new RandomAccessFile(src.toFile(), "rw")) {
      f.seek(5 * 16384 + 3);
      f.write(42);
    }
    CliRun second = copy("--json");
    assertTrue(
        second
            .out()
            .startsWith(
                "{\"sourceBytes\":2097929,\"segments\":129,"
                    + "\"segmentsRead\":129,\"segmentsChanged\":1,\"bytesWritten\":16384,"
                    + "\"newChecksumFile\":false,"),
        second.out());
    assertEquals(-1, Files.mismatch(src, tgt));
    assertEquals(2, Files.readAllLines(dir.resolve("tgt.ddless.stats")).size());
  }

  @Test
  void aMapShorterThanTheSourceLeavesNoTailUncopied() throws Exception {
    assertEquals(ExitCodes.OK, copy().exit());
    try (RandomAccessFile f = new RandomAccessFile(src.toFile(), "rw")) {
      f.seek(5 * 16384L + 3);
      f.write(42);
      f.seek(100 * 16384L + 9); // past the map's 32 segments: the volume grew after the map began
      f.write(43);
    }
    Path map = dir.resolve("lun.ddmap");
    dev.sanctl.ddless.DdMap.empty(0, 1).mark(5).write(map);
    CliRun r = copy("--json", "-m", map.toString());
    assertEquals(ExitCodes.OK, r.exit(), r.err());
    assertEquals(-1, Files.mismatch(src, tgt), "the tail past the map is copied too");
    assertTrue(
        r.out().contains("\"segmentsRead\":98,\"segmentsChanged\":2,"),
        "1 marked + the 97 segments past the map: " + r.out());
    assertTrue(
        r.err()
            .contains(
                "the 97 segment(s) past its end are not in the map, so they are read and compared"),
        r.err());
  }

  @Test
  void aMapOfAnotherLunIsRefusedByItsNameSum() throws Exception {
    Path map = dir.resolve("lun.ddmap");
    String lun = "iqn.2024-01.org.example:san.vol1.0";
    dev.sanctl.ddless.DdMap.empty(dev.sanctl.ddless.DdMap.nameSum(lun), 5).write(map);
    CliRun other = copy("-m", map.toString(), "--map-name", "iqn.2024-01.org.example:san.vol2.0");
    assertEquals(ExitCodes.ERROR, other.exit(), other.err());
    assertTrue(other.err().contains(": the map of another LUN; nothing was copied"), other.err());
    assertTrue(!Files.exists(tgt), "nothing was copied");
    assertEquals(ExitCodes.OK, copy("-m", map.toString(), "--map-name", lun).exit());
  }

  @Test
  void verboseSummaryNamesTheChangedSegments() {
    CliRun r = copy("-v");
    assertEquals(ExitCodes.OK, r.exit());
    assertTrue(
        r.out().contains("ddless > found changed segments 129 (100.00%) of 129 segments"), r.out());
  }

  @Test
  void bailExitsThreeWhenANewChecksumFileWouldBeNeeded() throws Exception {
    CliRun r = copy("-b");
    assertEquals(ExitCodes.REFUSED, r.exit());
    assertTrue(r.err().contains("a new checksum file is needed"), r.err());
    assertTrue(!Files.exists(tgt));
    assertEquals(ExitCodes.OK, copy().exit());
    assertEquals(ExitCodes.OK, copy("-b").exit());
  }

  @Test
  void usageErrorsExit64() {
    assertEquals(ExitCodes.USAGE, CliRun.of("ddless").exit());
    CliRun noSum = CliRun.of("ddless", "-s", src.toString(), "-t", tgt.toString());
    assertEquals(ExitCodes.USAGE, noSum.exit());
    assertTrue(noSum.err().contains("-t needs a checksum file"), noSum.err());
    assertEquals(ExitCodes.USAGE, CliRun.of("ddless", "-s", src.toString(), "-w", "x").exit());
    assertEquals(ExitCodes.USAGE, CliRun.of("ddless", "--bogus").exit());
    assertEquals(ExitCodes.USAGE, CliRun.of("ddless", "verify", "-s", src.toString()).exit());
    CliRun noWorkers = CliRun.of("ddless", "send", "-s", src.toString(), "-w", "0");
    assertEquals(ExitCodes.USAGE, noWorkers.exit());
    assertTrue(noWorkers.err().contains("-w must be >= 1"), noWorkers.err());
  }

  @Test
  void errorsExitOneWithOneClearMessage() {
    CliRun r = CliRun.of("ddless", "-s", dir.resolve("missing").toString(), "-c", sum.toString());
    assertEquals(ExitCodes.ERROR, r.exit());
    assertEquals(
        "sanctl ddless: " + dir.resolve("missing") + ": no such file or device\n",
        r.err().replace("\r", ""));
  }

  @Test
  void checksumOnlyThenVerify() throws Exception {
    Path srcSum = dir.resolve("src.ddless");
    assertEquals(
        ExitCodes.OK, CliRun.of("ddless", "-s", src.toString(), "-c", srcSum.toString()).exit());
    assertEquals(8 * 129, Files.size(srcSum));
    CliRun ok = CliRun.of("ddless", "verify", "-s", src.toString(), "-c", srcSum.toString());
    assertEquals(ExitCodes.OK, ok.exit(), ok.out());
    try (RandomAccessFile f = new RandomAccessFile(src.toFile(), "rw")) {
      f.seek(7 * 16384);
      f.write(1);
      f.seek(8 * 16384);
      f.write(1);
    }
    CliRun bad = CliRun.of("ddless", "verify", "-s", src.toString(), "-c", srcSum.toString());
    assertEquals(ExitCodes.ERROR, bad.exit());
    assertEquals("differs: segments 7-8 (bytes 114688-147455)\n", bad.out().replace("\r", ""));
  }

  @Test
  void readSpeedPrintsOneLinePerZone() {
    CliRun r = CliRun.of("ddless", "-s", src.toString(), "--zone-mb", "8");
    assertEquals(ExitCodes.OK, r.exit());
    String[] lines = r.out().trim().split("\\R");
    assertEquals(1, lines.length, r.out());
    assertTrue(lines[0].matches("\\d+ ms \\d+\\.\\d\\d MB/s"), lines[0]);
  }
}
