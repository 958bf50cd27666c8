package dev.sanctl.ddless;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The number of workers changes who reads what, never the result: 1, 2 and 3 workers leave
 * byte-identical targets and checksum files, with changes on both sides of every boundary a worker
 * sees (read blocks, 8 MiB buffers, the regions of 2 and of 3 workers, the short last segment).
 */
class WorkerCountTest {
  private static final int SEG = Segments.SEGMENT_SIZE;
  private static final int PER_BUFFER = Segments.SEGMENTS_PER_BUFFER;
  private static final int PER_BLOCK = Scanner.BUFFERED_BLOCK / SEG;

  /** Five buffers and a bit: regions [0,3)+[3,5) for 2 workers, [0,2)+[2,4)+[4,5) for 3. */
  private static final long SIZE = 5L * Segments.BUFFER_SIZE + 5 * SEG + 1000;

  @TempDir Path dir;

  @Test
  void oneTwoAndThreeWorkersWriteTheSameTargetAndChecksumFile() throws Exception {
    Path src = TestFiles.random(dir.resolve("source"), SIZE, 0.9, 7);
    Path baseTarget = dir.resolve("base");
    Path baseSum = dir.resolve("base.ddless");
    DdlessCopy.run(CopyOptions.copy(src, baseTarget, baseSum));
    TreeSet<Long> changed = changeAcrossBoundaries(src);

    byte[][] targets = new byte[3][];
    byte[][] sums = new byte[3][];
    for (int w = 1; w <= 3; w++) {
      Path tgt = dir.resolve("target-" + w);
      Path sum = dir.resolve("target-" + w + ".ddless");
      Files.copy(baseTarget, tgt, StandardCopyOption.REPLACE_EXISTING);
      Files.copy(baseSum, sum, StandardCopyOption.REPLACE_EXISTING);
      CopyResult r = DdlessCopy.run(CopyOptions.copy(src, tgt, sum).withWorkers(w));
      assertEquals(changed.size(), r.segmentsChanged(), w + " workers: changed segments");
      assertEquals(Segments.count(SIZE), r.segmentsRead(), w + " workers: segments read");
      assertEquals(bytesOf(changed), r.bytesWritten(), w + " workers: bytes written");
      targets[w - 1] = Files.readAllBytes(tgt);
      sums[w - 1] = Files.readAllBytes(sum);
    }
    byte[] source = Files.readAllBytes(src);
    byte[] reference = TestFiles.referenceChecksums(src);
    for (int w = 1; w <= 3; w++) {
      assertArrayEquals(source, targets[w - 1], w + " workers: target identical to the source");
      assertArrayEquals(reference, sums[w - 1], w + " workers: checksum file of the source");
    }
  }

  /** Segment runs straddling each boundary, plus the short last segment; returns them all. */
  private static TreeSet<Long> changeAcrossBoundaries(Path file) throws IOException {
    long last = Segments.count(SIZE) - 1;
    long[] boundaries = {
      PER_BLOCK, // first read block | second
      PER_BUFFER, // buffer 0 | 1, the 3-worker region edge at 2 buffers
      2L * PER_BUFFER,
      3L * PER_BUFFER, // the 2-worker region edge
      4L * PER_BUFFER, // the 3-worker region edge at 4 buffers
      5L * PER_BUFFER
    };
    TreeSet<Long> changed = new TreeSet<>();
    for (long b : boundaries) {
      for (long s = b - 2; s <= b + 1; s++) changed.add(s);
    }
    changed.add(last);
    Random r = new Random(11);
    byte[] seg = new byte[SEG];
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      for (long s : changed) {
        r.nextBytes(seg);
        f.seek(s * SEG);
        f.write(seg, 0, Segments.length(s, SIZE));
      }
    }
    return changed;
  }

  private static long bytesOf(TreeSet<Long> segments) {
    return segments.stream().mapToLong(s -> Segments.length(s, SIZE)).sum();
  }
}
