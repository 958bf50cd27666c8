package dev.sanctl.ddless;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ddless copy: reads the source (only the ddmap-marked segments when a map is given), writes
 * only the segments whose checksum differs from the checksum file, and records the new checksums,
 * crash-safely (see {@link ChecksumStore}). With no target it computes the checksum file of the
 * source. This is the library entry point the backup provider calls.
 */
public final class DdlessCopy {
  private DdlessCopy() {}

  /** Runs a copy (or checksum computation); see {@link CopyOptions}. */
  public static CopyResult run(CopyOptions options) throws IOException {
    return run(options, new AtomicLong());
  }

  /**
   * Runs a copy, adding the source bytes processed to {@code progress} as it goes (for a progress
   * bar). When the command started a {@link HashWarmUp}, the copy first waits for it (at most
   * {@link HashWarmUp#MAX_WAIT_MILLIS} ms); the result's seconds count from then on.
   */
  public static CopyResult run(CopyOptions o, AtomicLong progress) throws IOException {
    HashWarmUp.awaitDone();
    long started = System.nanoTime();
    try (FileChannel source = BlockDevices.openRead(o.source(), o.directIo())) {
      long size = BlockDevices.size(source, o.source());
      DdMap map = null;
      if (o.map() != null) {
        map = DdMap.read(o.map());
        map.checkFits(size, o.map().toString());
      }
      if (o.bailIfNewChecksumFile() && ChecksumStore.wouldBeNew(o.checksum(), size)) {
        throw new NewChecksumFileException(
            o.checksum()
                + ": a new checksum file is needed (missing, or its size does not match "
                + "the source of "
                + size
                + " bytes); refusing because of -b");
      }
      try (FileChannel target = o.target() == null ? null : openTarget(o.target(), size);
          ChecksumStore store = ChecksumStore.open(o.checksum(), size, o.target() == null)) {
        long targetBytes = target == null ? 0 : BlockDevices.size(target, o.target());
        boolean readAll = store.isEnabled() && (store.isNew() || store.isAdopted());
        Scanner scanner =
            new Scanner(
                source,
                o.directIo(),
                size,
                o.workers(),
                o.readRateMbPerSecond(),
                readAll ? null : map,
                o.queueDepth(),
                progress);
        AtomicLong changed = new AtomicLong();
        AtomicLong written = new AtomicLong();
        scanner.run(
            w ->
                target == null
                    ? chunk -> recordAll(store, chunk, changed)
                    : new CopyHandler(store, target, targetBytes, changed, written));
        store.commit(target, written.get() > 0);
        double seconds = (System.nanoTime() - started) / 1e9;
        CopyResult result =
            CopyResult.of(
                size,
                scanner.segmentsRead(),
                changed.get(),
                written.get(),
                store.isNew() && store.isEnabled(),
                seconds);
        if (store.isEnabled()) appendStats(o.checksum(), result);
        return result;
      }
    }
  }

  /** The size of a file or block device (for progress reporting and checks). */
  public static long sizeOf(Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      return BlockDevices.size(ch, path);
    }
  }

  static FileChannel openTarget(Path target, long sourceBytes) throws IOException {
    if (Files.exists(target) && !Files.isRegularFile(target)) {
      try (FileChannel probe = FileChannel.open(target, StandardOpenOption.READ)) {
        long have = BlockDevices.size(probe, target);
        if (have < sourceBytes) {
          throw new IOException(
              target
                  + ": target device has "
                  + have
                  + " bytes, smaller than the source's "
                  + sourceBytes
                  + "; nothing was written");
        }
      }
    }
    return BlockDevices.openWrite(target);
  }

  private static void recordAll(ChecksumStore store, Chunk chunk, AtomicLong changed)
      throws IOException {
    store.write(chunk.firstSegment, chunk.sums, 0, chunk.segments);
    changed.addAndGet(chunk.segments);
  }

  static void appendStats(Path checksum, CopyResult result) throws IOException {
    Files.writeString(
        ChecksumStore.sibling(checksum, ".stats"),
        result.statsLine(LocalDateTime.now()) + "\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
