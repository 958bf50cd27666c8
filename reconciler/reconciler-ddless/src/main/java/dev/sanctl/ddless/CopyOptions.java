package dev.sanctl.ddless;

import java.nio.file.Path;

/**
 * What {@link DdlessCopy#run(CopyOptions)} does; the fields are the original ddless flags.
 *
 * @param source {@code -s}: source file or block device
 * @param target {@code -t}: target file or block device; {@code null} computes the checksum file of
 *     the source only
 * @param checksum {@code -c}: checksum file; {@code /dev/null} (or {@code null}) disables checksums
 *     so that everything read is written
 * @param map {@code -m}: ddmap file; only its marked segments are read ({@code null}: all)
 * @param workers {@code -w}: worker threads, each owning a contiguous region
 * @param readRateMbPerSecond {@code -r}: maximum read rate per worker in MiB/s (0: unlimited)
 * @param directIo {@code -d}: read the source with O_DIRECT (bypassing the page cache)
 * @param bailIfNewChecksumFile {@code -b}: fail with {@link NewChecksumFileException} instead of
 *     copying when a new checksum file would be needed
 * @param queueDepth map-driven reads in flight per worker
 */
public record CopyOptions(
    Path source,
    Path target,
    Path checksum,
    Path map,
    int workers,
    int readRateMbPerSecond,
    boolean directIo,
    boolean bailIfNewChecksumFile,
    int queueDepth) {

  /** Default map-driven reads in flight per worker. */
  public static final int DEFAULT_QUEUE_DEPTH = 16;

  public CopyOptions {
    if (source == null) throw new IllegalArgumentException("a source (-s) is required");
    if (workers < 1) throw new IllegalArgumentException("workers (-w) must be at least 1");
    if (readRateMbPerSecond < 0) throw new IllegalArgumentException("rate (-r) must be >= 0");
    if (queueDepth < 1) throw new IllegalArgumentException("queue depth must be at least 1");
  }

  /** A copy of {@code source} to {@code target} with checksum file {@code checksum}, 1 worker. */
  public static CopyOptions copy(Path source, Path target, Path checksum) {
    return new CopyOptions(source, target, checksum, null, 1, 0, false, false, DEFAULT_QUEUE_DEPTH);
  }

  /** Computing the checksum file of {@code source} only. */
  public static CopyOptions checksumOnly(Path source, Path checksum) {
    return copy(source, null, checksum);
  }

  public CopyOptions withMap(Path m) {
    return edit(b -> b.map = m);
  }

  public CopyOptions withWorkers(int w) {
    return edit(b -> b.workers = w);
  }

  public CopyOptions withReadRate(int mbPerSecond) {
    return edit(b -> b.rate = mbPerSecond);
  }

  public CopyOptions withDirectIo(boolean direct) {
    return edit(b -> b.direct = direct);
  }

  public CopyOptions withBailIfNewChecksumFile(boolean bail) {
    return edit(b -> b.bail = bail);
  }

  public CopyOptions withQueueDepth(int depth) {
    return edit(b -> b.queueDepth = depth);
  }

  private CopyOptions edit(java.util.function.Consumer<Fields> change) {
    Fields f = new Fields(this);
    change.accept(f);
    return new CopyOptions(
        source, target, checksum, f.map, f.workers, f.rate, f.direct, f.bail, f.queueDepth);
  }

  /** The options a wither may change. */
  private static final class Fields {
    Path map;
    int workers;
    int rate;
    boolean direct;
    boolean bail;
    int queueDepth;

    Fields(CopyOptions o) {
      map = o.map;
      workers = o.workers;
      rate = o.readRateMbPerSecond;
      direct = o.directIo;
      bail = o.bailIfNewChecksumFile;
      queueDepth = o.queueDepth;
    }
  }
}
