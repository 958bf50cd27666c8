package dev.sanctl.ddless;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers that read their blocks themselves, piece by piece ({@link Scanner#readsInline()}, when
 * there are at least as many workers as processors), compute exactly the checksums that workers
 * with read-ahead threads compute, on a source whose size is no whole number of pieces, blocks,
 * buffers or segments; direct I/O and ddmap-driven reads keep their read-ahead.
 */
class InlineReadTest {
  private static final int SEG = Segments.SEGMENT_SIZE;

  /** Two buffers, a block, two pieces and a bit: every kind of boundary, a short last segment. */
  private static final long SIZE =
      2L * Segments.BUFFER_SIZE + Scanner.BUFFERED_BLOCK + 2 * Scanner.INLINE_PIECE + 3 * SEG + 77;

  @TempDir Path dir;

  @Test
  void inlineAndReadAheadWorkersComputeTheSourcesChecksums() throws Exception {
    Path src = TestFiles.random(dir.resolve("source"), SIZE, 0.9, 5);
    byte[] reference = TestFiles.referenceChecksums(src);
    for (int workers = 1; workers <= 3; workers++) {
      Scanner inline = scanner(src, false, workers, null).processors(workers);
      assertTrue(inline.readsInline(), workers + " workers on as many processors read inline");
      assertArrayEquals(reference, checksums(src, inline), workers + " workers, inline");
      Scanner ahead = scanner(src, false, workers, null).processors(workers + 1);
      assertFalse(ahead.readsInline(), workers + " workers on more processors read ahead");
      assertArrayEquals(reference, checksums(src, ahead), workers + " workers, read-ahead");
    }
  }

  @Test
  void directReadsKeepTheirReadAhead() throws Exception {
    Path src = TestFiles.random(dir.resolve("source"), SIZE, 0.9, 6);
    byte[] reference = TestFiles.referenceChecksums(src);
    Scanner direct;
    try {
      direct = scanner(src, true, 2, null).processors(1);
    } catch (IOException e) {
      Assumptions.assumeTrue(
          !e.getMessage().contains("direct I/O is not supported"), e.getMessage());
      throw e;
    }
    assertFalse(direct.readsInline(), "direct I/O reads ahead");
    assertArrayEquals(reference, checksums(src, direct), "direct I/O");
  }

  @Test
  void mapDrivenReadsKeepTheirReadAhead() throws Exception {
    Path src = TestFiles.random(dir.resolve("source"), SIZE, 0.9, 7);
    byte[] reference = TestFiles.referenceChecksums(src);
    Set<Long> marked = new TreeSet<>(Set.of(0L, 511L, 512L, Segments.count(SIZE) - 1));
    Scanner mapped = scanner(src, false, 2, TestFiles.mapOf(SIZE, marked, 1)).processors(1);
    assertFalse(mapped.readsInline(), "map-driven reads read ahead");
    byte[] sums = checksums(src, mapped);
    ByteBuffer ref = ByteBuffer.wrap(reference).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer got = ByteBuffer.wrap(sums).order(ByteOrder.LITTLE_ENDIAN);
    for (long s = 0; s < Segments.count(SIZE); s++) {
      long expected = marked.contains(s) ? ref.getLong((int) s * 8) : 0;
      assertEquals(expected, got.getLong((int) s * 8), "segment " + s + " with a map");
    }
    assertEquals(marked.size(), mapped.segmentsRead());
  }

  private final List<FileChannel> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (FileChannel ch : open) ch.close();
  }

  private Scanner scanner(Path src, boolean direct, int workers, DdMap map) throws Exception {
    FileChannel ch = BlockDevices.openRead(src, direct);
    open.add(ch);
    return new Scanner(ch, direct, SIZE, workers, 0, map, 2, null);
  }

  /** The checksum entries the scanner's workers hand over, little-endian, 0 where not read. */
  private static byte[] checksums(Path src, Scanner scanner) throws Exception {
    ByteBuffer out =
        ByteBuffer.allocate((int) Segments.count(SIZE) * 8).order(ByteOrder.LITTLE_ENDIAN);
    scanner.run(
        w ->
            chunk -> {
              synchronized (out) {
                for (int i = 0; i < chunk.segments; i++) {
                  if (chunk.read[i]) out.putLong((int) (chunk.firstSegment + i) * 8, chunk.sums[i]);
                }
              }
            });
    return out.array();
  }
}
