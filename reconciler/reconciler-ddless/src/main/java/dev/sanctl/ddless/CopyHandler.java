package dev.sanctl.ddless;

import static dev.sanctl.ddless.Segments.SEGMENTS_PER_BUFFER;
import static dev.sanctl.ddless.Segments.SEGMENT_SIZE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicLong;

/** One worker's copy logic: compare, write changed runs, then record their checksums. */
final class CopyHandler implements Scanner.Handler {
  private final ChecksumStore store;
  private final FileChannel target;
  private final long targetBytes;
  private final AtomicLong changed;
  private final AtomicLong written;
  private final long[] stored = new long[SEGMENTS_PER_BUFFER];
  private final boolean[] differs = new boolean[SEGMENTS_PER_BUFFER];
  private final ByteBuffer storedBytes =
      ByteBuffer.allocateDirect(SEGMENTS_PER_BUFFER * Segments.CHECKSUM_BYTES);

  CopyHandler(
      ChecksumStore store,
      FileChannel target,
      long targetBytes,
      AtomicLong changed,
      AtomicLong written) {
    this.store = store;
    this.target = target;
    this.targetBytes = targetBytes;
    this.changed = changed;
    this.written = written;
  }

  @Override
  public void buffer(Chunk c) throws IOException {
    store.read(c.firstSegment, c.segments, stored, storedBytes);
    if (c.readCount == c.segments
        && c.position() + c.length <= targetBytes
        && Checksums.allSame(stored, c.sums, c.segments)) {
      return;
    }
    int first = -1;
    int last = -1;
    int count = 0;
    for (int i = 0; i < c.segments; i++) {
      long end = (c.firstSegment + i) * SEGMENT_SIZE + c.segmentLength(i);
      differs[i] = c.read[i] && (end > targetBytes || !Checksums.same(stored[i], c.sums[i]));
      if (differs[i]) {
        if (first < 0) first = i;
        last = i;
        count++;
      }
    }
    if (count == 0) return;
    store.markUnknown(c.firstSegment + first, last - first + 1);
    long bytes = 0;
    int i = first;
    while (i <= last) {
      if (!differs[i]) {
        i++;
        continue;
      }
      int start = i;
      while (i <= last && differs[i]) i++;
      int off = start * SEGMENT_SIZE;
      int len = Math.min(c.length, i * SEGMENT_SIZE) - off;
      BlockDevices.writeFully(target, c.data, off, len, c.position() + off);
      bytes += len;
    }
    for (int j = first; j <= last; j++) {
      if (c.read[j]) stored[j] = c.sums[j];
    }
    store.write(c.firstSegment + first, stored, first, last - first + 1);
    changed.addAndGet(count);
    written.addAndGet(bytes);
  }
}
