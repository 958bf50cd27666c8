package dev.sanctl.backup;

import dev.sanctl.ddless.Checksums;
import dev.sanctl.ddless.Segments;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.BitSet;
import java.util.HexFormat;

/**
 * The ddless copy over two {@link HostDevices}: reads the selected segments of the source in runs
 * of up to 8 MiB, checksums each 16 KiB segment as ddless does, and writes only the segments whose
 * checksum differs from the stored one (adjacent changed segments in one write). The checksums of
 * unread segments are kept.
 */
final class RangeCopy {
  /** What a copy did, and the checksums after it. */
  record Result(long segmentsRead, long segmentsChanged, long bytesWritten, long[] checksums) {}

  private RangeCopy() {}

  /**
   * @param selected segments to read; null for all of them
   * @param stored checksums of the target (one per segment of {@code size}); null when there is no
   *     usable checksum file: every segment read is written
   */
  static Result copy(
      HostDevices src, String srcDevice, HostDevices dst, String dstDevice, long size,
      BitSet selected, long[] stored)
      throws IOException {
    int segments = Math.toIntExact(Segments.count(size));
    long[] sums = stored != null ? stored.clone() : new long[segments];
    int perRun = HostDevices.MAX_RANGE / Segments.SEGMENT_SIZE;
    long read = 0;
    long changed = 0;
    long written = 0;
    int i = 0;
    while (i < segments) {
      if (selected != null && !selected.get(i)) {
        i = selected.nextSetBit(i);
        if (i < 0 || i >= segments) break;
      }
      int end = i + 1;
      while (end < segments && end - i < perRun && (selected == null || selected.get(end))) end++;
      long offset = (long) i * Segments.SEGMENT_SIZE;
      int length = (int) (Math.min(size, (long) end * Segments.SEGMENT_SIZE) - offset);
      byte[] data = src.read(srcDevice, offset, length);
      if (data.length != length) {
        throw new IOException("short read of " + srcDevice + " at " + offset + ": " + data.length
            + " of " + length + " bytes");
      }
      int runStart = -1;
      for (int s = i; s <= end; s++) {
        boolean differs = false;
        if (s < end) {
          int off = (s - i) * Segments.SEGMENT_SIZE;
          int len = Segments.length(s, size);
          long sum = Checksums.of(data, off, len);
          differs = stored == null || !Checksums.same(sums[s], sum);
          sums[s] = sum;
          read++;
        }
        if (differs && runStart < 0) runStart = s;
        if (!differs && runStart >= 0) {
          int from = (runStart - i) * Segments.SEGMENT_SIZE;
          int to = Math.min(length, (s - i) * Segments.SEGMENT_SIZE);
          byte[] part = java.util.Arrays.copyOfRange(data, from, to);
          dst.write(dstDevice, offset + from, part);
          changed += s - runStart;
          written += part.length;
          runStart = -1;
        }
      }
      i = end;
    }
    return new Result(read, changed, written, sums);
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
        sums[first + s] = Checksums.of(data, s * Segments.SEGMENT_SIZE, Segments.length(first + s,
            size));
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
