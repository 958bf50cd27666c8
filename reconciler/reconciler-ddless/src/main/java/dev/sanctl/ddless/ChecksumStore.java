package dev.sanctl.ddless;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The checksum file during a run, crash-safe. The stored checksum file is never modified in
 * place: the run works on {@code <checksum>.ddless-tmp} (a copy of it, or of zeros = {@link
 * Checksums#UNKNOWN} when a new file is needed), marks a segment unknown there before writing its
 * data and records its new checksum only after. At the end the target is forced, then the
 * temporary file, and it replaces the checksum file by an atomic rename.
 *
 * <p>A run killed before the rename leaves the temporary file and a marker {@code
 * <checksum>.ddless-run} naming the kernel boot. The next run adopts that temporary file (its
 * entries describe the target exactly: the kernel kept every write in order) when the boot is the
 * same; after a reboot (power loss) the page cache may have lost some of it, so a new checksum file
 * is needed instead.
 */
class ChecksumStore implements Closeable {
  private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

  private final Path file;
  private final Path tmp;
  private final Path marker;
  private final long segments;
  private final boolean fresh;
  private final FileChannel channel;

  private ChecksumStore(Path file, long segments, boolean fresh, FileChannel channel) {
    this.file = file;
    this.tmp = sibling(file, ".ddless-tmp");
    this.marker = sibling(file, ".ddless-run");
    this.segments = segments;
    this.fresh = fresh;
    this.channel = channel;
  }

  /** No checksum file ({@code -c /dev/null}): every segment is changed, nothing is recorded. */
  static ChecksumStore disabled(long segments) {
    return new ChecksumStore(Path.of("/dev/null"), segments, true, null);
  }

  static boolean isDisabled(Path checksum) {
    return checksum == null || checksum.toString().equals("/dev/null");
  }

  /** Whether opening the store for this source would need a new checksum file. */
  static boolean wouldBeNew(Path file, long sourceBytes) throws IOException {
    if (isDisabled(file)) return false;
    long expected = Segments.checksumFileSize(sourceBytes);
    Path tmp = sibling(file, ".ddless-tmp");
    if (Files.exists(tmp)) return !adoptable(file, tmp, expected, sourceBytes, false);
    return !(Files.isRegularFile(file) && Files.size(file) == expected);
  }

  /**
   * Opens the checksum file of a source of {@code sourceBytes} bytes for a run.
   *
   * @param forceNew compute every checksum regardless of the stored file (checksum-only mode)
   */
  static ChecksumStore open(Path file, long sourceBytes, boolean forceNew) throws IOException {
    if (isDisabled(file)) return disabled(Segments.count(sourceBytes));
    long expected = Segments.checksumFileSize(sourceBytes);
    Path tmp = sibling(file, ".ddless-tmp");
    Path marker = sibling(file, ".ddless-run");
    if (Files.exists(tmp) && adoptable(file, tmp, expected, sourceBytes, forceNew)) {
      FileChannel ch = FileChannel.open(tmp, StandardOpenOption.READ, StandardOpenOption.WRITE);
      return new ChecksumStore(file, Segments.count(sourceBytes), false, ch);
    }
    Files.deleteIfExists(tmp);
    boolean fresh = forceNew || !(Files.isRegularFile(file) && Files.size(file) == expected);
    Files.writeString(marker, markerLine(sourceBytes, forceNew) + "\n");
    if (!fresh) {
      Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
    }
    FileChannel ch =
        FileChannel.open(
            tmp, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
    if (fresh) {
      ch.truncate(0);
      if (expected > 0) ch.write(ByteBuffer.allocate(1), expected - 1);
    }
    return new ChecksumStore(file, Segments.count(sourceBytes), fresh, ch);
  }

  private static boolean adoptable(
      Path file, Path tmp, long expected, long sourceBytes, boolean checksumOnly)
      throws IOException {
    Path marker = sibling(file, ".ddless-run");
    if (checksumOnly || !Files.isRegularFile(marker) || Files.size(tmp) != expected) return false;
    return !bootId().isEmpty()
        && Files.readString(marker).trim().equals(markerLine(sourceBytes, false));
  }

  private static String markerLine(long sourceBytes, boolean checksumOnly) {
    return bootId() + " " + sourceBytes + (checksumOnly ? " checksum" : " copy");
  }

  private static String bootId() {
    try {
      return Files.isReadable(BOOT_ID) ? Files.readString(BOOT_ID).trim() : "";
    } catch (IOException e) {
      return "";
    }
  }

  static Path sibling(Path file, String suffix) {
    return file.resolveSibling(file.getFileName() + suffix);
  }

  /** Whether every segment is new (no usable stored checksums). */
  boolean isNew() {
    return fresh;
  }

  boolean isEnabled() {
    return channel != null;
  }

  /** Reads the stored entries of segments {@code [first, first + count)}. */
  void read(long first, int count, long[] out) throws IOException {
    if (channel == null || fresh) {
      java.util.Arrays.fill(out, 0, count, Checksums.UNKNOWN);
      return;
    }
    ByteBuffer buf = ByteBuffer.allocate(count * Segments.CHECKSUM_BYTES);
    long pos = first * Segments.CHECKSUM_BYTES;
    while (buf.hasRemaining()) {
      int n = channel.read(buf, pos + buf.position());
      if (n < 0) throw new IOException(tmp + ": checksum file ends early");
    }
    buf.flip().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out, 0, count);
  }

  /** Records entries for segments {@code [first, first + count)} from {@code in[off..]}. */
  void write(long first, long[] in, int off, int count) throws IOException {
    if (channel == null) return;
    ByteBuffer buf = ByteBuffer.allocate(count * Segments.CHECKSUM_BYTES);
    buf.order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(in, off, count);
    long pos = first * Segments.CHECKSUM_BYTES;
    while (buf.hasRemaining()) channel.write(buf, pos + buf.position());
  }

  /** Marks segments {@code [first, first + count)} unknown (before their data is written). */
  void markUnknown(long first, int count) throws IOException {
    if (channel == null || fresh) return;
    write(first, new long[count], 0, count);
  }

  /**
   * Makes the run durable: forces the target (if any), then the new checksums, and replaces the
   * checksum file atomically.
   */
  void commit(FileChannel target) throws IOException {
    if (target != null) target.force(true);
    if (channel == null) return;
    channel.force(true);
    channel.close();
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) BlockDevices.forceDirectory(dir);
    Files.deleteIfExists(marker);
  }

  long segments() {
    return segments;
  }

  @Override
  public void close() throws IOException {
    if (channel != null && channel.isOpen()) channel.close();
  }

  @Override
  public String toString() {
    return file + (fresh ? " (new)" : "") + (channel == null ? "" : " via " + tmp);
  }
}
