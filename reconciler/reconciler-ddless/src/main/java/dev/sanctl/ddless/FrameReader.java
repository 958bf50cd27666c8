package dev.sanctl.ddless;

import static dev.sanctl.ddless.Segments.SEGMENTS_PER_BUFFER;
import static dev.sanctl.ddless.Segments.SEGMENT_SIZE;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.BitSet;
import java.util.zip.CRC32;

/**
 * The receiver's side of {@link SendReceive}: reads the {@code 'B'} frames up to the end record,
 * checks each frame (bounds, order, runs, CRC-32) and the end record's totals, and hands each
 * buffer, hashed, to the {@link CopyHandler}. A stream without an end record is truncated.
 */
final class FrameReader {
  private FrameReader() {}

  /**
   * Reads buffer frames up to the end record, in increasing order if {@code inOrder}, else in any
   * order but each buffer at most once; returns {segments read by the sender}.
   */
  static long[] receive(DataInputStream in, long size, boolean inOrder, CopyHandler handler)
      throws IOException {
    Chunk chunk = new Chunk();
    SegmentHasher hasher = new SegmentHasher();
    CRC32 crc = new CRC32();
    byte[] scratch = new byte[Segments.BUFFER_SIZE];
    long segments = 0;
    long bytes = 0;
    long frames = 0;
    long lastFirst = -1;
    BitSet seen = new BitSet();
    long totalSegments = Segments.count(size);
    try {
      while (true) {
        int type = SendReceive.readType(in);
        if (type == 'X') break;
        if (type != 'B') throw new IOException("protocol error: unexpected frame type " + type);
        long first = in.readLong();
        int length = in.readInt();
        int runs = in.readInt();
        if (first % SEGMENTS_PER_BUFFER != 0
            || first < 0
            || first >= totalSegments
            || (inOrder ? first <= lastFirst : seen.get((int) (first / SEGMENTS_PER_BUFFER)))
            || length <= 0
            || length > Segments.BUFFER_SIZE
            || first * SEGMENT_SIZE + length > size
            || runs <= 0
            || runs > SEGMENTS_PER_BUFFER) {
          throw new IOException("protocol error: bad buffer frame at segment " + first);
        }
        lastFirst = first;
        seen.set((int) (first / SEGMENTS_PER_BUFFER));
        chunk.firstSegment = first;
        chunk.length = length;
        chunk.segments = (length + SEGMENT_SIZE - 1) / SEGMENT_SIZE;
        java.util.Arrays.fill(chunk.read, false);
        int[][] list = new int[runs][2];
        for (int r = 0; r < runs; r++) {
          int start = in.readInt();
          int count = in.readInt();
          if (start < 0 || count <= 0 || start + count > chunk.segments) {
            throw new IOException("protocol error: bad run in frame at segment " + first);
          }
          list[r][0] = start;
          list[r][1] = count;
        }
        crc.reset();
        int readCount = 0;
        for (int[] run : list) {
          int off = run[0] * SEGMENT_SIZE;
          int len = Math.min(length, (run[0] + run[1]) * SEGMENT_SIZE) - off;
          in.readFully(scratch, 0, len);
          crc.update(scratch, 0, len);
          chunk.data.put(off, scratch, 0, len);
          for (int s = run[0]; s < run[0] + run[1]; s++) chunk.read[s] = true;
          readCount += run[1];
          bytes += len;
        }
        if (in.readInt() != (int) crc.getValue()) {
          throw new IOException("corrupt stream: CRC-32 mismatch in frame at segment " + first);
        }
        chunk.readCount = readCount;
        segments += readCount;
        frames++;
        Scanner.hash(hasher, chunk);
        handler.buffer(chunk);
      }
      long sentRead = in.readLong();
      long sentSegments = in.readLong();
      long sentBytes = in.readLong();
      long sentFrames = in.readLong();
      if (sentSegments != segments || sentBytes != bytes || sentFrames != frames) {
        throw new IOException(
            String.format(
                "stream truncated or corrupt: end record says %d segments / %d bytes / %d frames, "
                    + "received %d / %d / %d",
                sentSegments, sentBytes, sentFrames, segments, bytes, frames));
      }
      return new long[] {sentRead};
    } catch (EOFException e) {
      throw new EOFException(
          "stream truncated after "
              + frames
              + " frames ("
              + bytes
              + " bytes): no end record; "
              + "the checksum file was not updated, run the copy again");
    }
  }
}
