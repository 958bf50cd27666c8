package dev.sanctl.ddless;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run does with the temporary checksum file an interrupted run left behind. */
class InterruptedRunTest {
  static final long SIZE = 3L * 1024 * 1024 + 100;
  @TempDir Path dir;
  Path src;
  Path tgt;
  Path sum;
  Path tmp;
  Path marker;

  @BeforeEach
  void synced() throws IOException {
    src = TestFiles.random(dir.resolve("src"), SIZE, 1.0, 31);
    tgt = dir.resolve("tgt");
    sum = dir.resolve("tgt.ddless");
    tmp = ChecksumStore.sibling(sum, ".ddless-tmp");
    marker = ChecksumStore.sibling(sum, ".ddless-run");
    DdlessCopy.run(CopyOptions.copy(src, tgt, sum));
  }

  /** Leaves what a copy killed while writing {@code unknown} would leave. */
  private void leaveInterruptedCopy(Set<Long> unknown, String markerLine) throws IOException {
    byte[] entries = Files.readAllBytes(sum);
    for (long s : unknown) ByteBuffer.wrap(entries).putLong((int) s * 8, Checksums.UNKNOWN);
    Files.write(tmp, entries);
    Files.writeString(marker, markerLine + "\n");
  }

  @Test
  void anAdoptedRunReadsEverythingEvenWithAMap() throws Exception {
    Set<Long> written = TestFiles.changeSegments(src, 3, 1); // the killed run's new snapshot
    leaveInterruptedCopy(written, ChecksumStore.markerLine(SIZE, false));
    Set<Long> marked = TestFiles.changeSegments(src, 2, 2); // the next snapshot, with its map
    Path map = dir.resolve("m.ddmap");
    TestFiles.mapOf(SIZE, marked, 5).write(map);

    CopyResult r = DdlessCopy.run(CopyOptions.copy(src, tgt, sum).withMap(map));
    assertEquals(Segments.count(SIZE), r.segmentsRead(), "the map cannot be trusted after a crash");
    assertFalse(r.newChecksumFile());
    assertEquals(-1, Files.mismatch(src, tgt));
    assertArrayEquals(TestFiles.referenceChecksums(tgt), Files.readAllBytes(sum));
    assertFalse(Files.exists(tmp));
    assertFalse(Files.exists(marker));
  }

  @Test
  void aLeftoverFromAnotherBootIsDistrusted() throws Exception {
    TestFiles.changeSegments(src, 3, 3);
    leaveInterruptedCopy(Set.of(), "another-boot " + SIZE + " copy");
    CopyOptions bail = CopyOptions.copy(src, tgt, sum).withBailIfNewChecksumFile(true);
    assertThrows(NewChecksumFileException.class, () -> DdlessCopy.run(bail));
    CopyResult r = DdlessCopy.run(CopyOptions.copy(src, tgt, sum));
    assertTrue(r.newChecksumFile());
    assertEquals(SIZE, r.bytesWritten(), "everything is rewritten");
    assertEquals(-1, Files.mismatch(src, tgt));
  }

  @Test
  void aLeftoverOfAChecksumOnlyRunIsIgnored() throws Exception {
    leaveInterruptedCopy(Set.of(0L, 1L), ChecksumStore.markerLine(SIZE, true));
    CopyResult r = DdlessCopy.run(CopyOptions.copy(src, tgt, sum));
    assertFalse(r.newChecksumFile());
    assertEquals(0, r.bytesWritten(), "the stored checksum file is used as it is");
  }
}
