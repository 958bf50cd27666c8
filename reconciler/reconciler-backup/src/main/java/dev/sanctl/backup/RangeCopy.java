package dev.sanctl.backup;

import dev.sanctl.ddless.Checksums;
import dev.sanctl.ddless.Segments;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ddless copy over two {@link HostDevices}: reads the selected segments of the source in runs
 * of up to 8 MiB, checksums each 16 KiB segment as ddless does, and writes only the segments whose
 * checksum differs from the stored one (adjacent changed segments in one write). The checksums of
 * unread segments are kept. Several workers copy different runs at once; how much their commands
 * overlap is up to the {@link dev.sanctl.spi.host.Host}s (see docs/backups.md).
 */
final class RangeCopy {
  /** What a copy did, and the checksums after it. */
  record Result(long segmentsRead, long segmentsChanged, long bytesWritten, long[] checksums) {}

  private RangeCopy() {}

  /** A copy with one worker (see the copy with workers). */
  static Result copy(
      HostDevices src,
      String srcDevice,
      HostDevices dst,
      String dstDevice,
      long size,
      BitSet selected,
      long[] stored)
      throws IOException {
    return copy(src, srcDevice, dst, dstDevice, size, selected, stored, 1);
  }

  /**
   * Copies with {@code workers} threads (this one and {@code workers - 1} more), each taking the
   * next range: reading it, hashing it and writing its changed runs, so one worker's read overlaps
   * another's hashing and writes. The result does not depend on the number of workers (each segment
   * belongs to one range). After a failure no further range is started; the first failure is thrown
   * once the running ranges end.
   *
   * @param selected segments to read; null for all of them
   * @param stored checksums of the target (one per segment of {@code size}); null when there is no
   *     usable checksum file: every segment read is written
   */
  static Result copy(
      HostDevices src,
      String srcDevice,
      HostDevices dst,
      String dstDevice,
      long size,
      BitSet selected,
      long[] stored,
      int workers)
      throws IOException {
    if (workers < 1) throw new IllegalArgumentException("workers must be at least 1");
    int segments = Math.toIntExact(Segments.count(size));
    long[] sums = stored != null ? stored.clone() : new long[segments];
    Totals totals = new Totals();
    List<int[]> ranges = ranges(segments, selected);
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable worker =
        () -> {
          int k;
          while (failure.get() == null && (k = next.getAndIncrement()) < ranges.size()) {
            int[] r = ranges.get(k);
            try {
              copyRange(
                  src, srcDevice, dst, dstDevice, size, r[0], r[1], stored != null, sums, totals);
            } catch (IOException | RuntimeException | Error e) {
              failure.compareAndSet(null, e);
            }
          }
        };
    List<Thread> threads = new ArrayList<>();
    for (int w = 1; w < Math.min(workers, ranges.size()); w++) {
      Thread t = new Thread(worker, "backup-copy-" + w);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    worker.run();
    for (Thread t : threads) join(t, failure);
    Throwable e = failure.get();
    if (e instanceof IOException io) throw io;
    if (e instanceof RuntimeException r) throw r;
    if (e instanceof Error err) throw err;
    return new Result(totals.read.get(), totals.changed.get(), totals.written.get(), sums);
  }

  /** Ranges {@code [start, end)} of selected segments, each at most {@code MAX_RANGE} bytes. */
  private static List<int[]> ranges(int segments, BitSet selected) {
    int perRun = HostDevices.MAX_RANGE / Segments.SEGMENT_SIZE;
    List<int[]> ranges = new ArrayList<>();
    int i = 0;
    while (i < segments) {
      if (selected != null && !selected.get(i)) {
        i = selected.nextSetBit(i);
        if (i < 0 || i >= segments) break;
      }
      int end = i + 1;
      while (end < segments && end - i < perRun && (selected == null || selected.get(end))) end++;
      ranges.add(new int[] {i, end});
      i = end;
    }
    return ranges;
  }

  private static final class Totals {
    final AtomicLong read = new AtomicLong();
    final AtomicLong changed = new AtomicLong();
    final AtomicLong written = new AtomicLong();
  }

  /** Copies segments {@code [i, end)}: reads, writes those that differ, updates {@code sums}. */
  private static void copyRange(
      HostDevices src,
      String srcDevice,
      HostDevices dst,
      String dstDevice,
      long size,
      int i,
      int end,
      boolean compare,
      long[] sums,
      Totals totals)
      throws IOException {
    long offset = (long) i * Segments.SEGMENT_SIZE;
    int length = (int) (Math.min(size, (long) end * Segments.SEGMENT_SIZE) - offset);
    byte[] data = src.read(srcDevice, offset, length);
    if (data.length != length) {
      throw new IOException(
          "short read of "
              + srcDevice
              + " at "
              + offset
              + ": "
              + data.length
              + " of "
              + length
              + " bytes");
    }
    int runStart = -1;
    for (int s = i; s <= end; s++) {
      boolean differs = false;
      if (s < end) {
        int off = (s - i) * Segments.SEGMENT_SIZE;
        int len = Segments.length(s, size);
        long sum = Checksums.of(data, off, len);
        differs = !compare || !Checksums.same(sums[s], sum);
        sums[s] = sum;
        totals.read.incrementAndGet();
      }
      if (differs && runStart < 0) runStart = s;
      if (!differs && runStart >= 0) {
        int from = (runStart - i) * Segments.SEGMENT_SIZE;
        int to = Math.min(length, (s - i) * Segments.SEGMENT_SIZE);
        byte[] part = java.util.Arrays.copyOfRange(data, from, to);
        dst.write(dstDevice, offset + from, part);
        totals.changed.addAndGet(s - runStart);
        totals.written.addAndGet(part.length);
        runStart = -1;
      }
    }
  }

  private static void join(Thread t, AtomicReference<Throwable> failure) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure.compareAndSet(null, new InterruptedIOException("interrupted"));
    }
  }

  /** Checksums of every segment of a device (e.g. an archive volume after it grew). */
  static long[] checksums(HostDevices dev, String device, long size) throws IOException {
    int segments = Math.toIntExact(Segments.count(size));
    long[] sums = new long[segments];
    for (long offset = 0; offset < size; offset += HostDevices.MAX_RANGE) {
      int length = (int) Math.min(HostDevices.MAX_RANGE, size - offset);
      byte[] data = dev.read(device, offset, length);
      if (data.length != length) throw new IOException("short read of " + device);
      int first = (int) (offset / Segments.SEGMENT_SIZE);
      for (int s = 0; s * Segments.SEGMENT_SIZE < length; s++) {
        sums[first + s] =
            Checksums.of(data, s * Segments.SEGMENT_SIZE, Segments.length(first + s, size));
      }
    }
    return sums;
  }

  /** SHA-256 of the first {@code size} bytes of a device, in hex (integrity checks). */
  static String sha256(HostDevices dev, String device, long size) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (long offset = 0; offset < size; offset += HostDevices.MAX_RANGE) {
      int length = (int) Math.min(HostDevices.MAX_RANGE, size - offset);
      byte[] data = dev.read(device, offset, length);
      if (data.length != length) throw new IOException("short read of " + device);
      md.update(data);
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
