package dev.sanctl.ddless;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DdlessCopyTest {
  /** 5 MiB plus a short tail segment: not a whole number of buffers nor of segments. */
  static final long SIZE = 5L * 1024 * 1024 + 3 * Segments.SEGMENT_SIZE + 1234;

  @TempDir Path dir;
  Path src;
  Path tgt;
  Path sum;

  @BeforeEach
  void files() throws IOException {
    src = TestFiles.random(dir.resolve("source"), SIZE, 0.7, 1);
    tgt = dir.resolve("target");
    sum = dir.resolve("target.ddless");
  }

  /** The first copy, after which target and checksum file are in sync with the source. */
  private CopyResult firstCopy() throws IOException {
    return DdlessCopy.run(CopyOptions.copy(src, tgt, sum));
  }

  private void assertSynced() throws IOException {
    assertEquals(-1, Files.mismatch(src, tgt), "target identical to source (cmp)");
    assertArrayEquals(
        TestFiles.referenceChecksums(tgt),
        Files.readAllBytes(sum),
        "checksum file equals a fresh checksum of the target");
  }

  @Test
  void firstCopyWritesEverythingAndIsIdentical() throws Exception {
    CopyResult r = firstCopy();
    assertSynced();
    long segments = Segments.count(SIZE);
    assertEquals(SIZE, r.sourceBytes());
    assertEquals(segments, r.segments());
    assertEquals(segments, r.segmentsRead());
    assertEquals(segments, r.segmentsChanged());
    assertEquals(SIZE, r.bytesWritten());
    assertTrue(r.newChecksumFile());
    assertEquals(8 * segments, Files.size(sum));
  }

  @Test
  void rerunWritesExactlyTheChangedSegments() throws Exception {
    firstCopy();

    CopyResult unchanged = DdlessCopy.run(CopyOptions.copy(src, tgt, sum));
    assertEquals(0, unchanged.segmentsChanged());
    assertEquals(0, unchanged.bytesWritten());
    assertFalse(unchanged.newChecksumFile());

    Set<Long> changed = TestFiles.changeSegments(src, 17, 2);
    changed.add(Segments.count(SIZE) - 1); // and the short tail
    overwriteTail(src);
    CopyResult r = DdlessCopy.run(CopyOptions.copy(src, tgt, sum).withWorkers(2));
    assertEquals(changed.size(), r.segmentsChanged());
    assertEquals(expectedBytes(changed), r.bytesWritten());
    assertEquals(Segments.count(SIZE), r.segmentsRead());
    assertSynced();
  }

  @Test
  void workersOverManyBuffersCopyExactlyWhateverRegionTheyHelpWith() throws Exception {
    long size = 6L * Segments.BUFFER_SIZE + 3 * Segments.SEGMENT_SIZE + 100; // 7 buffers
    src = TestFiles.random(dir.resolve("large"), size, 0.7, 5);
    for (int workers : new int[] {3, 2, 5}) {
      DdlessCopy.run(CopyOptions.copy(src, tgt, sum).withWorkers(workers));
      assertSynced();
      Set<Long> changed = TestFiles.changeSegments(src, 40, workers);
      Set<Long> differing = new java.util.TreeSet<>();
      for (Verify.Range d : Verify.run(src, sum, workers, false).differing()) {
        for (long i = d.first(); i <= d.last(); i++) differing.add(i);
      }
      assertEquals(changed, differing, "verify with " + workers + " workers");
      CopyResult r = DdlessCopy.run(CopyOptions.copy(src, tgt, sum).withWorkers(workers));
      assertEquals(changed.size(), r.segmentsChanged(), workers + " workers");
      assertEquals(expectedBytes(changed, size), r.bytesWritten());
      assertEquals(Segments.count(size), r.segmentsRead());
      assertSynced();
    }
  }

  @Test
  void withADdmapOnlyTheMarkedSegmentsAreRead() throws Exception {
    firstCopy();
    Set<Long> changed = TestFiles.changeSegments(src, 9, 3);
    Path map = dir.resolve("lun.ddmap");
    TestFiles.mapOf(SIZE, changed, 0x2a73).write(map);

    CopyResult r = DdlessCopy.run(CopyOptions.copy(src, tgt, sum).withMap(map).withWorkers(3));
    assertEquals(changed.size(), r.segmentsRead());
    assertEquals(changed.size(), r.segmentsChanged());
    assertEquals(expectedBytes(changed), r.bytesWritten());
    assertSynced();
  }

  @Test
  void segmentsOutsideTheMapAreNeitherReadNorWritten() throws Exception {
    firstCopy();
    Set<Long> changed = TestFiles.changeSegments(src, 4, 4);
    long unmarked = changed.iterator().next();
    changed.remove(unmarked);
    Path map = dir.resolve("lun.ddmap");
    TestFiles.mapOf(SIZE, changed, 1).write(map);

    CopyResult r = DdlessCopy.run(CopyOptions.copy(src, tgt, sum).withMap(map));
    assertEquals(3, r.segmentsRead());
    assertEquals(
        unmarked * Segments.SEGMENT_SIZE,
        Files.mismatch(src, tgt),
        "the only difference left is the unmarked changed segment");
  }

  @Test
  void devNullChecksumWritesEverythingRead() throws Exception {
    Path none = Path.of("/dev/null");
    DdlessCopy.run(CopyOptions.copy(src, tgt, none));
    CopyResult r = DdlessCopy.run(CopyOptions.copy(src, tgt, none));
    assertEquals(Segments.count(SIZE), r.segmentsChanged());
    assertEquals(SIZE, r.bytesWritten());
    assertEquals(-1, Files.mismatch(src, tgt));
  }

  @Test
  void bailRefusesWhenANewChecksumFileWouldBeNeeded() throws Exception {
    CopyOptions bail = CopyOptions.copy(src, tgt, sum).withBailIfNewChecksumFile(true);
    assertThrows(NewChecksumFileException.class, () -> DdlessCopy.run(bail));
    assertFalse(Files.exists(tgt), "nothing was written");
    DdlessCopy.run(CopyOptions.copy(src, tgt, sum));
    assertEquals(0, DdlessCopy.run(bail).segmentsChanged());
    Files.write(sum, new byte[8]); // wrong size: the source "grew"
    assertThrows(NewChecksumFileException.class, () -> DdlessCopy.run(bail));
  }

  @Test
  void aChecksumFileOfTheWrongSizeMeansANewOne() throws Exception {
    firstCopy();
    Files.write(sum, new byte[16]);
    CopyResult r = DdlessCopy.run(CopyOptions.copy(src, tgt, sum));
    assertTrue(r.newChecksumFile());
    assertEquals(SIZE, r.bytesWritten());
    assertSynced();
  }

  @Test
  void statsLineIsAppendedAfterEachRun() throws Exception {
    firstCopy();
    DdlessCopy.run(CopyOptions.copy(src, tgt, sum));
    List<String> lines = Files.readAllLines(dir.resolve("target.ddless.stats"));
    assertEquals(2, lines.size());
    String pattern =
        "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d %s segment_change_ratio %d bytes_written "
            + "\\d+\\.\\d\\d seconds \\d+\\.\\d\\d MB/s";
    assertTrue(lines.get(0).matches(String.format(pattern, "1\\.00000", SIZE)), lines.get(0));
    assertTrue(lines.get(1).matches(String.format(pattern, "0\\.00000", 0)), lines.get(1));
  }

  @Test
  void mapLargerThanTheSourceIsAnError() throws Exception {
    Path map = dir.resolve("big.ddmap");
    DdMap.empty(1, (int) DdMap.wordsFor(SIZE) + 1).write(map);
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                DdlessCopy.run(
                    CopyOptions.copy(src, dir.resolve("t"), dir.resolve("t.ddless")).withMap(map)));
    assertTrue(e.getMessage().contains("but the source has only"), e.getMessage());
  }

  @Test
  void directIoReadsGiveTheSameResult() throws Exception {
    CopyResult r;
    try {
      r = DdlessCopy.run(CopyOptions.copy(src, tgt, sum).withDirectIo(true).withWorkers(2));
    } catch (IOException e) {
      Assumptions.assumeTrue(
          !e.getMessage().contains("direct I/O is not supported"), e.getMessage());
      throw e;
    }
    assertEquals(SIZE, r.bytesWritten());
    assertSynced();
  }

  @Test
  void verifyListsTheDifferingRanges() throws Exception {
    Path srcSum = dir.resolve("source.ddless");
    DdlessCopy.run(CopyOptions.checksumOnly(src, srcSum));
    assertTrue(Verify.run(src, srcSum, 2, false).equal());
    try (var f = new java.io.RandomAccessFile(src.toFile(), "rw")) {
      f.seek(3 * Segments.SEGMENT_SIZE + 5);
      f.write(new byte[] {1, 2, 3});
      f.seek(4 * Segments.SEGMENT_SIZE + 5);
      f.write(new byte[] {4, 5, 6});
      f.seek(100 * Segments.SEGMENT_SIZE);
      f.write(new byte[] {7});
    }
    Verify.Result r = Verify.run(src, srcSum, 2, false);
    assertFalse(r.equal());
    assertEquals(List.of(new Verify.Range(3, 4), new Verify.Range(100, 100)), r.differing());
  }

  @Test
  void readRateLimitsEachWorker() throws Exception {
    // a lower bound only (sleep-based throttling), never an upper one: 5.1 MiB at 8 MiB/s
    CopyResult r = DdlessCopy.run(CopyOptions.copy(src, tgt, sum).withReadRate(8));
    assertTrue(r.seconds() >= 0.5, "took " + r.seconds() + " s");
    assertSynced();
  }

  @Test
  void jsonSummaryHasEveryField() throws Exception {
    CopyResult r = new CopyResult(10, 1, 1, 1, 10, true, 0.5, 0.25);
    assertEquals(
        "{\"sourceBytes\":10,\"segments\":1,\"segmentsRead\":1,\"segmentsChanged\":1,"
            + "\"bytesWritten\":10,\"newChecksumFile\":true,\"seconds\":0.500,"
            + "\"mbPerSecond\":0.25}",
        r.toJson());
    assertNotEquals(r.toJson(), new CopyResult(10, 1, 1, 0, 0, false, 0.5, 0.25).toJson());
  }

  private static long expectedBytes(Set<Long> segments) {
    return expectedBytes(segments, SIZE);
  }

  private static long expectedBytes(Set<Long> segments, long size) {
    long bytes = 0;
    for (long s : segments) bytes += Segments.length(s, size);
    return bytes;
  }

  private static void overwriteTail(Path file) throws IOException {
    try (var f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
      f.seek(f.length() - 10);
      f.write(new byte[] {9, 8, 7, 6, 5, 4, 3, 2, 1, 0});
    }
  }
}
