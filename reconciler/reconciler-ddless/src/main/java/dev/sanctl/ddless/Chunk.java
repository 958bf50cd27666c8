package dev.sanctl.ddless;

import java.nio.ByteBuffer;

/**
 * One read buffer of the source as a worker sees it: which segments were read, their data and their
 * checksums. Reused from buffer to buffer.
 */
final class Chunk {
  final ByteBuffer data = BlockDevices.allocate(Segments.BUFFER_SIZE);
  final boolean[] read = new boolean[Segments.SEGMENTS_PER_BUFFER];
  final long[] sums = new long[Segments.SEGMENTS_PER_BUFFER];

  /** Index of the buffer's first segment in the source. */
  long firstSegment;

  /** Segments of the source in this buffer (512 except at the end). */
  int segments;

  /** Bytes of the source in this buffer. */
  int length;

  /** Segments actually read (all of them without a map). */
  int readCount;

  /** Byte offset of this buffer in the source. */
  long position() {
    return firstSegment * Segments.SEGMENT_SIZE;
  }

  /** Length of segment {@code i} of this buffer. */
  int segmentLength(int i) {
    return Math.min(Segments.SEGMENT_SIZE, length - i * Segments.SEGMENT_SIZE);
  }
}
