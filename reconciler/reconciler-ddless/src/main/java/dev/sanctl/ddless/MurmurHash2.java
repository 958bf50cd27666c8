package dev.sanctl.ddless;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Austin Appleby's 32-bit MurmurHash2 (m = 0x5bd1e995, r = 24, {@code h = seed ^ len}), reading
 * 32-bit words little-endian as the original ddless does on x86.
 */
public final class MurmurHash2 {
  static final int M = 0x5bd1e995;
  static final int R = 24;

  private MurmurHash2() {}

  /** Hashes {@code len} bytes of {@code buf} starting at absolute index {@code off}. */
  public static int hash(ByteBuffer buf, int off, int len, int seed) {
    ByteBuffer le = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    int h = seed ^ len;
    int i = off;
    int end = off + (len & ~3);
    for (; i < end; i += 4) {
      h = step(h, le.getInt(i));
    }
    return finish(h, le, i, len & 3);
  }

  /** Hashes a byte array. */
  public static int hash(byte[] data, int off, int len, int seed) {
    return hash(ByteBuffer.wrap(data), off, len, seed);
  }

  static int step(int h, int word) {
    int k = word * M;
    k ^= k >>> R;
    k *= M;
    return (h * M) ^ k;
  }

  static int finish(int h, ByteBuffer buf, int tailOff, int tailLen) {
    switch (tailLen) {
      case 3:
        h ^= (buf.get(tailOff + 2) & 0xff) << 16;
      // fall through
      case 2:
        h ^= (buf.get(tailOff + 1) & 0xff) << 8;
      // fall through
      case 1:
        h ^= buf.get(tailOff) & 0xff;
        h *= M;
        break;
      default:
        break;
    }
    return avalanche(h);
  }

  static int avalanche(int h) {
    h ^= h >>> 13;
    h *= M;
    h ^= h >>> 15;
    return h;
  }
}
