package dev.sanctl.ddless;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code ddless -s SRC}: the read-speed test. Reads the source in 8 MiB buffers and reports the
 * speed of each zone of {@code zoneBytes} bytes, as {@code <ms> ms <MB/s> MB/s} lines (the
 * original's format, one zone = one 8 MiB buffer by default).
 */
public final class ReadSpeed {
  private ReadSpeed() {}

  /**
   * One zone's measurement.
   *
   * @param offset byte offset of the zone
   * @param bytes bytes read
   * @param nanos time taken
   */
  public record Zone(long offset, long bytes, long nanos) {
    public double mbPerSecond() {
      return nanos == 0 ? 0 : bytes / 1048576.0 / (nanos / 1e9);
    }

    /** {@code 77 ms 103.90 MB/s} */
    public String line() {
      return String.format(Locale.ROOT, "%d ms %.2f MB/s", nanos / 1_000_000, mbPerSecond());
    }
  }

  /** Reads the whole source, calling {@code sink} after each zone; returns the overall MiB/s. */
  public static double run(Path source, boolean direct, long zoneBytes, Consumer<Zone> sink)
      throws IOException {
    long zone = Math.max(Segments.BUFFER_SIZE, zoneBytes);
    ByteBuffer buf = BlockDevices.allocate(Segments.BUFFER_SIZE);
    long start = System.nanoTime();
    long size;
    try (FileChannel ch = BlockDevices.openRead(source, direct)) {
      size = BlockDevices.size(ch, source);
      long pos = 0;
      while (pos < size) {
        long zoneStart = System.nanoTime();
        long end = Math.min(size, pos + zone);
        long offset = pos;
        while (pos < end) {
          int len = (int) Math.min(Segments.BUFFER_SIZE, end - pos);
          int n = BlockDevices.readFully(ch, buf, 0, len, pos, direct);
          if (n <= 0) throw new IOException(source + ": source ended early at byte " + pos);
          pos += n;
        }
        sink.accept(new Zone(offset, pos - offset, System.nanoTime() - zoneStart));
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return seconds > 0 ? size / 1048576.0 / seconds : 0;
  }
}
