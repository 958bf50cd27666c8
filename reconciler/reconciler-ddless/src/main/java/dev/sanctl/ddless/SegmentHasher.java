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
  private ByteBuffer viewed;
  private IntBuffer ints;
  private ByteBuffer bytes;

  /**
   * Checksums of the segments of {@code buf[from, from + len)}, which must start on a segment
   * boundary of the source; the last segment may be short. Entries are written to {@code
   * out[outOff..]} as {@link Checksums#entry(int, int)} values.
   *
   * <p>This method has no loop of its own and keeps its views of the last buffer it was given: so
   * the just-in-time compiler finds nothing in it worth optimising (before, it compiled the whole
   * kernel a second time, inlined here, in the middle of every run, and the views' copies and
   * constructors besides; docs/benchmarks.md, "ddless: the rest of the 2-worker window"). The work
   * is in {@link #murmurLanes}, {@link #murmurSingles} and {@link #crcs}, each compiled once.
   *
   * @return the number of segments
   */
  public int checksums(ByteBuffer buf, int from, int len, long[] out, int outOff) {
    if (buf != viewed) view(buf);
    int full = len / SEGMENT_SIZE;
    int lanes = full / LANES * LANES;
    murmurLanes(ints, from, lanes / LANES, out, outOff);
    murmurSingles(ints, from + lanes * SEGMENT_SIZE, full - lanes, out, outOff + lanes);
    int tail = len - full * SEGMENT_SIZE;
    if (tail > 0) {
      int off = from + full * SEGMENT_SIZE;
      out[outOff + full] = MurmurHash2.hash(buf, off, tail, Segments.MURMUR_SEED) & 0xffffffffL;
    }
    int count = full + (tail > 0 ? 1 : 0);
    crcs(from, len, count, out, outOff);
    return count;
  }

  /** Makes the views of {@code buf} that the kernels read through (once per buffer). */
  private void view(ByteBuffer buf) {
    ints = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
    bytes = buf.duplicate();
    viewed = buf;
  }

  /** Adds the CRC-32 halves of the entries of the {@code count} segments from {@code from}. */
  private void crcs(int from, int len, int count, long[] out, int outOff) {
    ByteBuffer view = bytes;
    for (int i = 0; i < count; i++) {
      int off = from + i * SEGMENT_SIZE;
      int segLen = Math.min(SEGMENT_SIZE, len - i * SEGMENT_SIZE);
      crc.reset();
      view.limit(off + segLen).position(off);
      crc.update(view);
      out[outOff + i] = Checksums.entry((int) out[outOff + i], (int) crc.getValue());
    }
  }

  /** Checksum entry of one segment {@code buf[off, off + len)}. */
  public long checksum(ByteBuffer buf, int off, int len) {
    long[] one = new long[1];
    checksums(buf, off, len, one, 0);
    return one[0];
  }

  /**
   * MurmurHash2 of {@code groups} groups of {@value #LANES} whole segments from {@code from}, each
   * group in interleaved lanes. The loop over the groups is here, in the kernel, so that no caller
   * of it has a loop worth compiling with the kernel inlined a second time.
   */
  private void murmurLanes(IntBuffer ints, int from, int groups, long[] out, int outOff) {
    int[] w = words;
    for (int g = 0; g < groups; g++) {
      ints.get((from >> 2) + g * LANES * WORDS, w, 0, WORDS * LANES);
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
      int o = outOff + g * LANES;
      out[o] = MurmurHash2.avalanche(h0) & 0xffffffffL;
      out[o + 1] = MurmurHash2.avalanche(h1) & 0xffffffffL;
      out[o + 2] = MurmurHash2.avalanche(h2) & 0xffffffffL;
      out[o + 3] = MurmurHash2.avalanche(h3) & 0xffffffffL;
    }
  }

  /** MurmurHash2 of {@code count} whole segments from {@code from}, one at a time. */
  private void murmurSingles(IntBuffer ints, int from, int count, long[] out, int outOff) {
    int[] w = words;
    for (int s = 0; s < count; s++) {
      ints.get((from >> 2) + s * WORDS, w, 0, WORDS);
      mix(w, WORDS);
      int h = Segments.MURMUR_SEED ^ SEGMENT_SIZE;
      for (int i = 0; i < WORDS; i++) {
        h = (h * M) ^ w[i];
      }
      out[outOff + s] = MurmurHash2.avalanche(h) & 0xffffffffL;
    }
  }

  private static void mix(int[] w, int n) {
    for (int i = 0; i < n; i++) {
      int k = w[i] * M;
      k ^= k >>> MurmurHash2.R;
      w[i] = k * M;
    }
  }
}
