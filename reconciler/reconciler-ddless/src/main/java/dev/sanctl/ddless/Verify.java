package dev.sanctl.ddless;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code ddless verify}: recomputes the checksums of a source (a target, a snapshot) and compares
 * them with a checksum file.
 */
public final class Verify {
  private Verify() {}

  /** A range of segments {@code [first, last]} whose checksums differ. */
  public record Range(long first, long last) {
    /** {@code segments 3-5 (bytes 49152-98303)} */
    @Override
    public String toString() {
      long from = first * Segments.SEGMENT_SIZE;
      long to = (last + 1) * Segments.SEGMENT_SIZE - 1;
      return (first == last ? "segment " + first : "segments " + first + "-" + last)
          + " (bytes "
          + from
          + "-"
          + to
          + ")";
    }
  }

  /**
   * The result: equal when the sizes match and no range differs.
   *
   * @param sourceBytes size of the source
   * @param checksumFileBytes size of the checksum file
   * @param differing differing segment ranges, in order
   */
  public record Result(long sourceBytes, long checksumFileBytes, List<Range> differing) {
    public boolean sizeMatches() {
      return checksumFileBytes == Segments.checksumFileSize(sourceBytes);
    }

    public boolean equal() {
      return sizeMatches() && differing.isEmpty();
    }
  }

  /** Verifies {@code checksum} against {@code source} with {@code workers} threads. */
  public static Result run(Path source, Path checksum, int workers, boolean direct)
      throws IOException {
    try (FileChannel src = BlockDevices.openRead(source, direct);
        FileChannel sums = FileChannel.open(checksum, StandardOpenOption.READ)) {
      long size = BlockDevices.size(src, source);
      long sumBytes = Files.size(checksum);
      if (sumBytes != Segments.checksumFileSize(size)) {
        return new Result(size, sumBytes, List.of());
      }
      List<List<Range>> perWorker = Collections.synchronizedList(new ArrayList<>());
      new Scanner(src, direct, size, workers, 0, null, 1, null)
          .run(
              w -> {
                List<Range> mine = new ArrayList<>();
                perWorker.add(mine);
                ByteBuffer stored =
                    ByteBuffer.allocate(Segments.SEGMENTS_PER_BUFFER * Segments.CHECKSUM_BYTES)
                        .order(ByteOrder.LITTLE_ENDIAN);
                return chunk -> compare(sums, chunk, stored, mine);
              });
      List<Range> all = new ArrayList<>();
      perWorker.forEach(all::addAll);
      all.sort((a, b) -> Long.compare(a.first(), b.first()));
      return new Result(size, sumBytes, merge(all));
    }
  }

  private static void compare(FileChannel sums, Chunk chunk, ByteBuffer stored, List<Range> out)
      throws IOException {
    stored.clear().limit(chunk.segments * Segments.CHECKSUM_BYTES);
    long pos = chunk.firstSegment * Segments.CHECKSUM_BYTES;
    while (stored.hasRemaining()) {
      if (sums.read(stored, pos + stored.position()) < 0) throw new IOException("short read");
    }
    for (int i = 0; i < chunk.segments; i++) {
      if (stored.getLong(i * Segments.CHECKSUM_BYTES) != chunk.sums[i]) {
        long seg = chunk.firstSegment + i;
        Range lastRange = out.isEmpty() ? null : out.get(out.size() - 1);
        if (lastRange != null && lastRange.last() == seg - 1) {
          out.set(out.size() - 1, new Range(lastRange.first(), seg));
        } else {
          out.add(new Range(seg, seg));
        }
      }
    }
  }

  private static List<Range> merge(List<Range> sorted) {
    List<Range> out = new ArrayList<>();
    for (Range r : sorted) {
      Range last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && last.last() + 1 == r.first()) {
        out.set(out.size() - 1, new Range(last.first(), r.last()));
      } else {
        out.add(r);
      }
    }
    return out;
  }
}
