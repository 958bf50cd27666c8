package dev.sanctl.backup;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import java.io.IOException;
import java.time.Duration;

/**
 * Block devices (or files standing in for them) of a node, read and written in ranges with {@code
 * dd} over the {@link Host}: the local transport of a backup. Ranges are whole 16 KiB segments (the
 * last one may be short), at most {@link #MAX_RANGE} bytes per command.
 */
final class HostDevices {
  /** Largest range moved by one command (well below the hosts' output limits). */
  static final int MAX_RANGE = 8 * 1024 * 1024;

  private static final Duration TIMEOUT = Duration.ofMinutes(10);
  private final Host host;

  HostDevices(Host host) {
    this.host = host;
  }

  Host host() {
    return host;
  }

  /**
   * Size in bytes: {@code blockdev --getsize64} (Linux block devices), or {@code stat} for a
   * regular file. ZFS volumes are measured with {@code zfs get volsize} instead ({@link
   * ArchiveSide#size}).
   */
  long size(String device) throws IOException {
    CommandResult r = host.run(Command.read("blockdev", "--getsize64", device));
    if (r.ok()) return parse(device, r.out());
    r = host.run(Command.read("stat", "-L", "-c", "%s %F", device));
    HostFiles.check("size of " + device, r);
    String out = r.out().strip();
    if (!out.contains("regular")) {
      throw new IOException("cannot determine the size of " + device + " (" + out + ")");
    }
    return parse(device, out.substring(0, out.indexOf(' ')));
  }

  private static long parse(String device, String text) throws IOException {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new IOException("size of " + device + ": unexpected output '" + text.strip() + "'");
    }
  }

  /** Bytes {@code [offset, offset+length)} of the device; fewer only at its end. */
  byte[] read(String device, long offset, int length) throws IOException {
    if (length > MAX_RANGE) throw new IllegalArgumentException("range too large: " + length);
    CommandResult r =
        host.run(
            Command.read(
                    "dd",
                    "if=" + device,
                    "iflag=skip_bytes,count_bytes",
                    "skip=" + offset,
                    "count=" + length,
                    "bs=1M",
                    "status=none")
                .withTimeout(TIMEOUT));
    HostFiles.check("reading " + device + " at " + offset, r);
    return r.stdout();
  }

  /** Writes {@code data} at {@code offset} without truncating. */
  void write(String device, long offset, byte[] data) throws IOException {
    CommandResult r =
        host.run(
            Command.change(
                    data,
                    "dd",
                    "of=" + device,
                    "oflag=seek_bytes",
                    "seek=" + offset,
                    "bs=1M",
                    "conv=notrunc",
                    "status=none")
                .withTimeout(TIMEOUT));
    HostFiles.check("writing " + device + " at " + offset, r);
  }
}
