package dev.sanctl.ddless;

import static dev.sanctl.ddless.Segments.SEGMENT_SIZE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * One {@link SegmentHasher} keeps its views of the last buffer: refilled in place, alternated with
 * another buffer, hashed piece by piece at offsets (as the inline worker does), it must still give
 * the reference checksums.
 */
class SegmentHasherReuseTest {
  private final Random random = new Random(11);

  @Test
  void reusedBufferRefilledInPlaceHashesItsNewBytes() {
    SegmentHasher hasher = new SegmentHasher();
    ByteBuffer a = BlockDevices.allocate(9 * SEGMENT_SIZE);
    ByteBuffer b = ByteBuffer.allocateDirect(5 * SEGMENT_SIZE + 7);
    for (int round = 0; round < 6; round++) {
      ByteBuffer buf = round % 3 == 2 ? b : a;
      byte[] data = fill(buf);
      long[] got = new long[(int) Segments.count(data.length)];
      assertEquals(got.length, hasher.checksums(buf, 0, data.length, got, 0));
      assertArrayEquals(reference(data, 0, data.length), got, "round " + round);
    }
  }

  @Test
  void piecesAtOffsetsGiveTheWholeBuffersChecksums() {
    SegmentHasher hasher = new SegmentHasher();
    ByteBuffer buf = BlockDevices.allocate(Segments.BUFFER_SIZE);
    for (int round = 0; round < 3; round++) {
      byte[] data = fill(buf);
      int piece = (round + 1) * 3 * SEGMENT_SIZE;
      long[] got = new long[Segments.SEGMENTS_PER_BUFFER];
      for (int off = 0; off < data.length; off += piece) {
        int len = Math.min(piece, data.length - off);
        hasher.checksums(buf, off, len, got, off / SEGMENT_SIZE);
      }
      assertArrayEquals(reference(data, 0, data.length), got, "piece " + piece);
    }
  }

  @Test
  void allSameIsSameForEveryEntry() {
    long[] stored = new long[64];
    for (int i = 0; i < stored.length; i++) stored[i] = random.nextLong() | 1;
    long[] computed = stored.clone();
    assertEquals(true, Checksums.allSame(stored, computed, 64));
    for (int i : new int[] {0, 31, 63}) {
      long[] changed = computed.clone();
      changed[i] ^= 1L << 40;
      assertEquals(false, Checksums.allSame(stored, changed, 64));
      assertEquals(true, Checksums.allSame(stored, changed, i), "only the first " + i);
      long[] unknown = stored.clone();
      unknown[i] = Checksums.UNKNOWN;
      long[] computedUnknown = unknown.clone();
      assertEquals(false, Checksums.same(unknown[i], computedUnknown[i]));
      assertEquals(false, Checksums.allSame(unknown, computedUnknown, 64));
    }
    assertEquals(true, Checksums.allSame(stored, computed, 0));
  }

  private byte[] fill(ByteBuffer buf) {
    byte[] data = new byte[buf.limit()];
    random.nextBytes(data);
    buf.put(0, data);
    return data;
  }

  private static long[] reference(byte[] data, int off, int len) {
    long[] sums = new long[(int) Segments.count(len)];
    for (int s = 0; s < sums.length; s++) {
      sums[s] = Checksums.of(data, off + s * SEGMENT_SIZE, Segments.length(s, len));
    }
    return sums;
  }
}
