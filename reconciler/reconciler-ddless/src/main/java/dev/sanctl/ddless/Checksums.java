package dev.sanctl.ddless;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * The checksum of a segment, as the original ddless computes and stores it: MurmurHash2 (seed
 * {@code 0xbabeaffe}) then CRC-32, each an unsigned 32-bit little-endian integer, 8 bytes per
 * segment. In memory an entry is a {@code long} whose little-endian bytes are the file bytes: the
 * low half is the MurmurHash2, the high half the CRC-32.
 */
public final class Checksums {
  /**
   * The "unknown" entry: an interrupted run records it before writing a segment, and it never
   * compares equal to a computed checksum (a real segment hashing to exactly 0 and 0 would merely
   * be rewritten each time).
   */
  public static final long UNKNOWN = 0L;

  private Checksums() {}

  /** Packs a MurmurHash2 and a CRC-32 into an entry. */
  public static long entry(int murmur, int crc32) {
    return (murmur & 0xffffffffL) | ((long) crc32 << 32);
  }

  /** The MurmurHash2 half of an entry. */
  public static int murmur(long entry) {
    return (int) entry;
  }

  /** The CRC-32 half of an entry. */
  public static int crc32(long entry) {
    return (int) (entry >>> 32);
  }

  /** Whether a stored entry proves the segment unchanged. */
  public static boolean same(long stored, long computed) {
    return stored == computed && stored != UNKNOWN;
  }

  /**
   * Whether {@link #same} holds for each of the first {@code count} entries: the whole check of an
   * unchanged buffer, as one small loop the just-in-time compiler optimises early and cheaply.
   */
  public static boolean allSame(long[] stored, long[] computed, int count) {
    for (int i = 0; i < count; i++) {
      if (!same(stored[i], computed[i])) return false;
    }
    return true;
  }

  /** Checksum entry of {@code data[off, off + len)} (a slow, obviously correct reference). */
  public static long of(byte[] data, int off, int len) {
    int mh = MurmurHash2.hash(data, off, len, Segments.MURMUR_SEED);
    CRC32 crc = new CRC32();
    crc.update(data, off, len);
    return entry(mh, (int) crc.getValue());
  }

  /** Checksum entry of {@code buf[off, off + len)} (a slow, obviously correct reference). */
  public static long of(ByteBuffer buf, int off, int len) {
    byte[] copy = new byte[len];
    buf.duplicate().position(off).get(copy);
    return of(copy, 0, len);
  }
}
