package dev.sanctl.ddless;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that changed nothing leaves the checksum file in place (no temporary file renamed over it,
 * no flush of target or checksums); a run that changed something still replaces it atomically.
 */
class NoChangeCommitTest {
  @TempDir Path dir;

  private static Object inode(Path p) throws Exception {
    return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
  }

  @Test
  void aNoChangeRunKeepsTheChecksumFileAndAChangedRunReplacesIt() throws Exception {
    long size = 3L * 1024 * 1024 + 5000;
    Path src = TestFiles.random(dir.resolve("src"), size, 0.8, 3);
    Path tgt = dir.resolve("tgt");
    Path sum = dir.resolve("tgt.ddless");
    DdlessCopy.run(CopyOptions.copy(src, tgt, sum));
    Object before = inode(sum);

    CopyResult same = DdlessCopy.run(CopyOptions.copy(src, tgt, sum).withWorkers(2));
    assertEquals(0, same.segmentsChanged());
    assertEquals(before, inode(sum), "the checksum file was not replaced");
    assertFalse(Files.exists(ChecksumStore.sibling(sum, ".ddless-tmp")), "no temporary file left");
    assertFalse(Files.exists(ChecksumStore.sibling(sum, ".ddless-run")), "no run marker left");
    assertEquals(2, Files.readAllLines(ChecksumStore.sibling(sum, ".stats")).size());

    TestFiles.changeSegmentsAt(src, 100, 4);
    CopyResult changed = DdlessCopy.run(CopyOptions.copy(src, tgt, sum));
    assertEquals(1, changed.segmentsChanged());
    assertNotEquals(before, inode(sum), "replaced atomically by the new checksums");
    assertEquals(-1, Files.mismatch(src, tgt));
    assertArrayEquals(TestFiles.referenceChecksums(src), Files.readAllBytes(sum));
  }
}
