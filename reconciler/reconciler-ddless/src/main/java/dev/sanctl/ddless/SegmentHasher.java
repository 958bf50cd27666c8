package dev.sanctl.ddless;

import static dev.sanctl.ddless.Segments.SEGMENT_SIZE;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.zip.CRC32;

/**
 * Computes segment checksums of a buffer, fast: MurmurHash2 is sequential inside a segment but
 * independent across segments, so {@value #LANES} segments are hashed in interleaved lanes. The
 * word mixing ({@code k *= m; k ^= k >>> r; k *= m}) does not depend on the hash state and runs as
 * a separate, vectorisable loop; CRC-32 uses the JDK intrinsic on the (direct) buffer. Not
 * thread-safe: one instance per thread.
 */
public final class SegmentHasher {
  static final int LANES = 4;
  private static final int WORDS = SEGMENT_SIZE / 4;
  private static final int M = MurmurHash2.M;

  private final int[] words = new int[WORDS * LANES];
  private final CRC32 crc = new CRC32();

  /**
   * Checksums of the segments of {@code buf[from, from + len)}, which must start on a segment
   * boundary of the source; the last segment may be short. Entries are written to {@code
   * out[outOff..]} as {@link Checksums#entry(int, int)} values.
   *
   * @return the number of segments
   */
  public int checksums(ByteBuffer buf, int from, int len, long[] out, int outOff) {
    int full = len / SEGMENT_SIZE;
    IntBuffer ints = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
    int s = 0;
    for (; s + LANES <= full; s += LANES) {
      int off = from + s * SEGMENT_SIZE;
      murmurLanes(ints, off, out, outOff + s);
    }
    for (; s < full; s++) {
      int off = from + s * SEGMENT_SIZE;
      out[outOff + s] = murmurOne(ints, off);
    }
    int tail = len - full * SEGMENT_SIZE;
    if (tail > 0) {
      int off = from + full * SEGMENT_SIZE;
      out[outOff + full] = MurmurHash2.hash(buf, off, tail, Segments.MURMUR_SEED) & 0xffffffffL;
    }
    int count = full + (tail > 0 ? 1 : 0);
    ByteBuffer view = buf.duplicate();
    for (int i = 0; i < count; i++) {
      int off = from + i * SEGMENT_SIZE;
      int segLen = Math.min(SEGMENT_SIZE, len - i * SEGMENT_SIZE);
      crc.reset();
      view.limit(off + segLen).position(off);
      crc.update(view);
      out[outOff + i] = Checksums.entry((int) out[outOff + i], (int) crc.getValue());
    }
    return count;
  }

  /** Checksum entry of one segment {@code buf[off, off + len)}. */
  public long checksum(ByteBuffer buf, int off, int len) {
    long[] one = new long[1];
    checksums(buf, off, len, one, 0);
    return one[0];
  }

  private void murmurLanes(IntBuffer ints, int byteOff, long[] out, int outOff) {
    int[] w = words;
    ints.get(byteOff >> 2, w, 0, WORDS * LANES);
    mix(w, WORDS * LANES);
    int h0 = Segments.MURMUR_SEED ^ SEGMENT_SIZE;
    int h1 = h0;
    int h2 = h0;
    int h3 = h0;
    for (int i = 0; i < WORDS; i++) {
      h0 = (h0 * M) ^ w[i];
      h1 = (h1 * M) ^ w[i + WORDS];
      h2 = (h2 * M) ^ w[i + 2 * WORDS];
      h3 = (h3 * M) ^ w[i + 3 * WORDS];
    }
    out[outOff] = MurmurHash2.avalanche(h0) & 0xffffffffL;
    out[outOff + 1] = MurmurHash2.avalanche(h1) & 0xffffffffL;
    out[outOff + 2] = MurmurHash2.avalanche(h2) & 0xffffffffL;
    out[outOff + 3] = MurmurHash2.avalanche(h3) & 0xffffffffL;
  }

  private long murmurOne(IntBuffer ints, int byteOff) {
    int[] w = words;
    ints.get(byteOff >> 2, w, 0, WORDS);
    mix(w, WORDS);
    int h = Segments.MURMUR_SEED ^ SEGMENT_SIZE;
    for (int i = 0; i < WORDS; i++) {
      h = (h * M) ^ w[i];
    }
    return MurmurHash2.avalanche(h) & 0xffffffffL;
  }

  private static void mix(int[] w, int n) {
    for (int i = 0; i < n; i++) {
      int k = w[i] * M;
      k ^= k >>> MurmurHash2.R;
      w[i] = k * M;
    }
  }
}
