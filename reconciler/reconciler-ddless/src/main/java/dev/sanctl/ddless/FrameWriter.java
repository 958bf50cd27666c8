package dev.sanctl.ddless;

import static dev.sanctl.ddless.Segments.SEGMENTS_PER_BUFFER;
import static dev.sanctl.ddless.Segments.SEGMENT_SIZE;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * The sender's side of {@link SendReceive}: each worker frames the runs of its buffer that the
 * receiver lacks ({@code 'B'} frames: first segment, length, runs, the runs' bytes, CRC-32) and
 * writes them whole, so frames of several workers never interleave; the totals go into the end
 * record.
 */
final class FrameWriter {
  private final DataOutputStream out;
  long segmentsSent;
  long bytesSent;
  long frames;

  FrameWriter(DataOutputStream out) {
    this.out = out;
  }

  /** The frame builder of one worker; {@code feed} the receiver's checksums, or null. */
  Scanner.Handler worker(ChecksumFeed feed) {
    return new FrameBuilder(this, feed)::buffer;
  }

  /** Writes one whole frame and counts it. */
  synchronized void write(byte[] frame, int length, int segments, int bytes) throws IOException {
    out.write(frame, 0, length);
    segmentsSent += segments;
    bytesSent += bytes;
    frames++;
  }

  /** One worker's frames: compares with the receiver's checksums, frames the runs to send. */
  private static final class FrameBuilder {
    private static final int MAX_FRAME =
        1 + 8 + 4 + 4 + SEGMENTS_PER_BUFFER * 8 + Segments.BUFFER_SIZE + 4;
    private final FrameWriter sender;
    private final ChecksumFeed feed;
    private final ByteBuffer frame = ByteBuffer.allocate(MAX_FRAME);
    private final boolean[] send = new boolean[SEGMENTS_PER_BUFFER];
    private final CRC32 crc = new CRC32();

    FrameBuilder(FrameWriter sender, ChecksumFeed feed) {
      this.sender = sender;
      this.feed = feed;
    }

    void buffer(Chunk c) throws IOException {
      ByteBuffer theirs = null;
      if (feed != null) {
        theirs =
            ByteBuffer.wrap(feed.take(c.firstSegment / SEGMENTS_PER_BUFFER))
                .order(ByteOrder.LITTLE_ENDIAN);
      }
      int runs = 0;
      int segments = 0;
      for (int s = 0; s < c.segments; s++) {
        boolean same = theirs != null && Checksums.same(theirs.getLong(s * 8), c.sums[s]);
        send[s] = c.read[s] && !same;
        if (send[s] && (s == 0 || !send[s - 1])) runs++;
        if (send[s]) segments++;
      }
      if (runs == 0) return;
      frame.clear();
      frame.put((byte) 'B');
      frame.putLong(c.firstSegment);
      frame.putInt(c.length);
      frame.putInt(runs);
      forEachRun(
          send,
          c.segments,
          (start, end) -> {
            frame.putInt(start);
            frame.putInt(end - start);
          });
      int dataStart = frame.position();
      forEachRun(
          send,
          c.segments,
          (start, end) -> {
            int off = start * SEGMENT_SIZE;
            int len = Math.min(c.length, end * SEGMENT_SIZE) - off;
            frame.put(frame.position(), c.data, off, len);
            frame.position(frame.position() + len);
          });
      int bytes = frame.position() - dataStart;
      crc.reset();
      crc.update(frame.array(), dataStart, bytes);
      frame.putInt((int) crc.getValue());
      sender.write(frame.array(), frame.position(), segments, bytes);
    }
  }

  private interface RunAction {
    void run(int start, int end) throws IOException;
  }

  private static void forEachRun(boolean[] marks, int n, RunAction action) throws IOException {
    int i = 0;
    while (i < n) {
      if (!marks[i]) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && marks[i]) i++;
      action.run(start, i);
    }
  }
}
