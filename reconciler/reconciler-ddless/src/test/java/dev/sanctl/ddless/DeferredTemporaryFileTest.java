package dev.sanctl.ddless;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run with stored checksums makes its temporary file and run marker only when it first records
 * something, before its first target write: until then nothing on disk changes, so a run killed
 * then leaves the checksum file in charge; once it recorded something, a kill leaves what the next
 * run adopts, as before.
 */
class DeferredTemporaryFileTest {
  @TempDir Path dir;

  private static final long SOURCE = 5L * Segments.SEGMENT_SIZE * Segments.SEGMENTS_PER_BUFFER / 2;

  private Path storedChecksums(long[] entries) throws Exception {
    Path sum = dir.resolve("tgt.ddless");
    Files.write(sum, ChecksumFile.toBytes(entries));
    return sum;
  }

  private static long[] entries(int n, long seed) {
    Random r = new Random(seed);
    long[] e = new long[n];
    for (int i = 0; i < n; i++) e[i] = r.nextLong() | 1;
    return e;
  }

  @Test
  void readingMakesNoFileAndRecordingMakesMarkerAndCopyFirst() throws Exception {
    int n = (int) Segments.count(SOURCE);
    long[] before = entries(n, 5);
    Path sum = storedChecksums(before);
    Path tmp = ChecksumStore.sibling(sum, ".ddless-tmp");
    Path marker = ChecksumStore.sibling(sum, ".ddless-run");
    try (ChecksumStore store = ChecksumStore.open(sum, SOURCE, false)) {
      assertTrue(store.isEnabled());
      assertFalse(store.isNew());
      long[] got = new long[n];
      store.read(0, n, got, ByteBuffer.allocateDirect(n * Segments.CHECKSUM_BYTES));
      assertArrayEquals(before, got);
      assertFalse(Files.exists(tmp), "no temporary file while only reading");
      assertFalse(Files.exists(marker), "no run marker while only reading");

      store.markUnknown(3, 2);
      assertTrue(Files.exists(marker), "the marker comes with the first record");
      assertEquals(ChecksumStore.markerLine(SOURCE, false), Files.readString(marker).trim());
      store.write(7, new long[] {42L}, 0, 1);
      assertArrayEquals(before, ChecksumFile.read(sum), "the checksum file is never changed");

      long[] expected = before.clone();
      expected[3] = Checksums.UNKNOWN;
      expected[4] = Checksums.UNKNOWN;
      expected[7] = 42L;
      assertArrayEquals(expected, ChecksumFile.read(tmp), "a copy with this run's records");
      assertEquals(ChecksumStore.Leftover.ADOPT, ChecksumStore.leftover(sum, SOURCE));
      // killed here: the next run adopts the temporary file (InterruptedRunTest, CrashSafetyTest)
    }
    try (ChecksumStore store = ChecksumStore.open(sum, SOURCE, false)) {
      assertTrue(store.isAdopted());
      store.commit(null, false);
    }
    long[] expected = before.clone();
    expected[3] = Checksums.UNKNOWN;
    expected[4] = Checksums.UNKNOWN;
    expected[7] = 42L;
    assertArrayEquals(expected, ChecksumFile.read(sum), "the adopted records committed");
    assertFalse(Files.exists(tmp));
    assertFalse(Files.exists(marker));
  }

  @Test
  void aRunKilledBeforeRecordingLeavesTheChecksumFileInCharge() throws Exception {
    int n = (int) Segments.count(SOURCE);
    long[] before = entries(n, 9);
    Path sum = storedChecksums(before);
    try (ChecksumStore store = ChecksumStore.open(sum, SOURCE, false)) {
      store.read(0, 4, new long[4], ByteBuffer.allocate(32));
      // killed here, before anything was recorded
    }
    assertEquals(ChecksumStore.Leftover.NONE, ChecksumStore.leftover(sum, SOURCE));
    assertArrayEquals(before, ChecksumFile.read(sum));
  }

  @Test
  void aCommitThatWroteTheTargetStillReplacesTheFileAtomically() throws Exception {
    int n = (int) Segments.count(SOURCE);
    long[] before = entries(n, 13);
    Path sum = storedChecksums(before);
    Object inode = Files.readAttributes(sum, "fileKey").get("fileKey");
    try (ChecksumStore store = ChecksumStore.open(sum, SOURCE, false)) {
      store.commit(null, true);
    }
    assertArrayEquals(before, ChecksumFile.read(sum));
    assertFalse(inode.equals(Files.readAttributes(sum, "fileKey").get("fileKey")), "renamed over");
    assertFalse(Files.exists(ChecksumStore.sibling(sum, ".ddless-tmp")));
    assertFalse(Files.exists(ChecksumStore.sibling(sum, ".ddless-run")));
  }

  @Test
  void aChecksumFileCutShortWhileOnlyReadingIsTheOneNamed() throws Exception {
    int n = (int) Segments.count(SOURCE);
    Path sum = storedChecksums(entries(n, 9));
    try (ChecksumStore store = ChecksumStore.open(sum, SOURCE, false)) {
      try (FileChannel cut = FileChannel.open(sum, StandardOpenOption.WRITE)) {
        cut.truncate(8);
      }
      IOException e = assertThrows(IOException.class, () -> store.read(0, n, new long[n]));
      assertEquals(sum + ": checksum file ends early", e.getMessage());
    }
  }
}
