package dev.sanctl.ddless;

import java.nio.ByteBuffer;

/**
 * One read buffer of the source as a worker sees it: which segments were read, their data and their
 * checksums. Reused from buffer to buffer.
 */
final class Chunk {
  final ByteBuffer data;
  final boolean[] read;
  final long[] sums;

  /** A chunk of one read buffer ({@link Segments#BUFFER_SIZE}). */
  Chunk() {
    this(Segments.BUFFER_SIZE);
  }

  /** A chunk of {@code bytes} bytes, a whole number of segments. */
  Chunk(int bytes) {
    data = BlockDevices.allocate(bytes);
    read = new boolean[bytes / Segments.SEGMENT_SIZE];
    sums = new long[bytes / Segments.SEGMENT_SIZE];
  }

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
