package dev.sanctl.ddless;

/**
 * The built-in parameters of ddless, shared with the original C tool: 16 KiB segments, 8 MiB read
 * buffers, 8-byte checksums.
 */
public final class Segments {
  /** Bytes per segment; each segment has one checksum and one ddmap bit. */
  public static final int SEGMENT_SIZE = 16 * 1024;

  /** Bytes per read buffer; worker regions are whole numbers of buffers. */
  public static final int BUFFER_SIZE = 8 * 1024 * 1024;

  /** Segments per read buffer. */
  public static final int SEGMENTS_PER_BUFFER = BUFFER_SIZE / SEGMENT_SIZE;

  /** Bytes per checksum entry (MurmurHash2 then CRC-32, both u32 little-endian). */
  public static final int CHECKSUM_BYTES = 8;

  /** MurmurHash2 seed of the original ddless. */
  public static final int MURMUR_SEED = 0xbabeaffe;

  private Segments() {}

  /** Number of segments of a source of {@code bytes} bytes (the last one may be short). */
  public static long count(long bytes) {
    return (bytes + SEGMENT_SIZE - 1) / SEGMENT_SIZE;
  }

  /** Size in bytes of the checksum file of a source of {@code bytes} bytes. */
  public static long checksumFileSize(long bytes) {
    return count(bytes) * CHECKSUM_BYTES;
  }

  /** Length of segment {@code index} of a source of {@code bytes} bytes. */
  public static int length(long index, long bytes) {
    return (int) Math.min(SEGMENT_SIZE, bytes - index * SEGMENT_SIZE);
  }
}
