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
 * The checksum file during a run, crash-safe. The stored checksum file is never modified in place:
 * the run works on {@code <checksum>.ddless-tmp} (a copy of it, or of zeros = {@link
 * Checksums#UNKNOWN} when a new file is needed), marks a segment unknown there before writing its
 * data and records its new checksum only after. At the end the target is forced, then the temporary
 * file, and it replaces the checksum file by an atomic rename.
 *
 * <p>A run that has stored checksums to compare against makes the temporary file only when it first
 * records something (always before its first write to the target): until then it reads the checksum
 * file itself, whose entries are the temporary file's for every segment not yet handled. A hot
 * no-change re-run so makes no file at all (docs/benchmarks.md, "ddless: the rest of the 2-worker
 * window").
 *
 * <p>A run killed before the rename leaves the temporary file and a marker {@code
 * <checksum>.ddless-run} naming the kernel boot. The next run adopts that temporary file (its
 * entries describe the target exactly: the kernel kept every write in order) when the boot is the
 * same (and then reads every segment, a ddmap notwithstanding: any entry may be unknown); after a
 * reboot (power loss) the page cache may have lost some of it, so a new checksum file is needed
 * instead. A killed checksum-only run wrote no target and its leftover is simply discarded.
 */
class ChecksumStore implements Closeable {
  private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

  private final Path file;
  private final Path tmp;
  private final Path marker;
  private final long segments;
  private final boolean fresh;
  private final long sourceBytes;

  /** The temporary file; {@code null} when disabled, or until first needed when deferred. */
  private volatile FileChannel channel;

  /** The checksum file, read-only, when the temporary file is deferred; else {@code null}. */
  private final FileChannel original;

  private boolean adopted;
  private volatile boolean dirty;

  private ChecksumStore(
      Path file,
      long segments,
      boolean fresh,
      FileChannel channel,
      FileChannel original,
      long sourceBytes) {
    this.file = file;
    this.tmp = sibling(file, ".ddless-tmp");
    this.marker = sibling(file, ".ddless-run");
    this.segments = segments;
    this.fresh = fresh;
    this.channel = channel;
    this.original = original;
    this.sourceBytes = sourceBytes;
  }

  /** No checksum file ({@code -c /dev/null}): every segment is changed, nothing is recorded. */
  static ChecksumStore disabled(long segments) {
    return new ChecksumStore(Path.of("/dev/null"), segments, true, null, null, 0);
  }

  static boolean isDisabled(Path checksum) {
    return checksum == null || checksum.toString().equals("/dev/null");
  }

  /** What an earlier run left behind: nothing, a temporary file to adopt, to ignore or distrust. */
  enum Leftover {
    /** No temporary file: the checksum file is as the last complete run left it. */
    NONE,
    /** Killed copy of this boot: its temporary file describes the target exactly. */
    ADOPT,
    /** Killed checksum-only run: it wrote no target, its temporary file is just discarded. */
    IGNORE,
    /** Killed copy of another boot or unknown kind: the target may differ from every file. */
    DISTRUST
  }

  static Leftover leftover(Path file, long sourceBytes) throws IOException {
    Path tmp = sibling(file, ".ddless-tmp");
    if (!Files.exists(tmp)) return Leftover.NONE;
    Path marker = sibling(file, ".ddless-run");
    String line = Files.isRegularFile(marker) ? Files.readString(marker).trim() : "";
    if (line.endsWith(" checksum")) return Leftover.IGNORE;
    boolean same =
        !bootId().isEmpty()
            && line.equals(markerLine(sourceBytes, false))
            && Files.size(tmp) == Segments.checksumFileSize(sourceBytes);
    return same ? Leftover.ADOPT : Leftover.DISTRUST;
  }

  /** Whether opening the store for this source would need a new checksum file. */
  static boolean wouldBeNew(Path file, long sourceBytes) throws IOException {
    if (isDisabled(file)) return false;
    Leftover left = leftover(file, sourceBytes);
    if (left == Leftover.ADOPT) return false;
    if (left == Leftover.DISTRUST) return true;
    long expected = Segments.checksumFileSize(sourceBytes);
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
    Leftover left = leftover(file, sourceBytes);
    if (!forceNew && left == Leftover.ADOPT) {
      FileChannel ch = FileChannel.open(tmp, StandardOpenOption.READ, StandardOpenOption.WRITE);
      return new ChecksumStore(file, Segments.count(sourceBytes), false, ch, null, sourceBytes)
          .adopted();
    }
    Files.deleteIfExists(tmp);
    boolean fresh =
        forceNew
            || left == Leftover.DISTRUST
            || !(Files.isRegularFile(file) && Files.size(file) == expected);
    if (!fresh) {
      FileChannel stored = FileChannel.open(file, StandardOpenOption.READ);
      return new ChecksumStore(file, Segments.count(sourceBytes), false, null, stored, sourceBytes);
    }
    Files.writeString(marker, markerLine(sourceBytes, forceNew) + "\n");
    FileChannel ch =
        FileChannel.open(
            tmp, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
    ch.truncate(0);
    if (expected > 0) ch.write(ByteBuffer.allocate(1), expected - 1);
    return new ChecksumStore(file, Segments.count(sourceBytes), true, ch, null, sourceBytes);
  }

  /**
   * The temporary file, made now if it was deferred: the run marker, then a copy of the checksum
   * file. Called before anything is recorded, so before the first write to the target.
   */
  private FileChannel temporary() throws IOException {
    FileChannel ch = channel;
    if (ch != null) return ch;
    synchronized (this) {
      if (channel == null) {
        Files.writeString(marker, markerLine(sourceBytes, false) + "\n");
        Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
        channel = FileChannel.open(tmp, StandardOpenOption.READ, StandardOpenOption.WRITE);
      }
      return channel;
    }
  }

  private ChecksumStore adopted() {
    adopted = true;
    return this;
  }

  /**
   * Whether this run continues an interrupted one. Its entries may be {@link Checksums#UNKNOWN}
   * anywhere, so a ddmap must not limit what is read.
   */
  boolean isAdopted() {
    return adopted;
  }

  static String markerLine(long sourceBytes, boolean checksumOnly) {
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
    return channel != null || original != null;
  }

  /** Reads the stored entries of segments {@code [first, first + count)}. */
  void read(long first, int count, long[] out) throws IOException {
    read(first, count, out, ByteBuffer.allocate(count * Segments.CHECKSUM_BYTES));
  }

  /**
   * Reads the stored entries of segments {@code [first, first + count)} through {@code scratch} (a
   * caller's reusable buffer of at least {@code 8 * count} bytes: a direct one spares the copy
   * through a temporary buffer). Positional reads: workers reading their own ranges share no lock.
   */
  void read(long first, int count, long[] out, ByteBuffer scratch) throws IOException {
    if (!isEnabled() || fresh) {
      java.util.Arrays.fill(out, 0, count, Checksums.UNKNOWN);
      return;
    }
    FileChannel from = original != null ? original : channel;
    ByteBuffer buf = scratch.clear().limit(count * Segments.CHECKSUM_BYTES);
    long pos = first * Segments.CHECKSUM_BYTES;
    while (buf.hasRemaining()) {
      int n = from.read(buf, pos + buf.position());
      if (n < 0)
        throw new IOException((from == original ? file : tmp) + ": checksum file ends early");
    }
    buf.flip();
    buf.order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out, 0, count);
  }

  /** Records entries for segments {@code [first, first + count)} from {@code in[off..]}. */
  void write(long first, long[] in, int off, int count) throws IOException {
    if (!isEnabled()) return;
    FileChannel to = temporary();
    dirty = true;
    ByteBuffer buf = ByteBuffer.allocate(count * Segments.CHECKSUM_BYTES);
    buf.order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(in, off, count);
    long pos = first * Segments.CHECKSUM_BYTES;
    while (buf.hasRemaining()) to.write(buf, pos + buf.position());
  }

  /** Marks segments {@code [first, first + count)} unknown (before their data is written). */
  void markUnknown(long first, int count) throws IOException {
    if (!isEnabled() || fresh) return;
    write(first, new long[count], 0, count);
  }

  /**
   * Makes the run durable: forces the target (if any), then the new checksums, and replaces the
   * checksum file atomically.
   */
  void commit(FileChannel target) throws IOException {
    commit(target, true);
  }

  /**
   * {@link #commit(FileChannel)}, knowing whether this run wrote to the target. A run that changed
   * nothing (no target write, no checksum recorded, and not continuing a killed run) has nothing to
   * make durable: its temporary file equals the checksum file, so it is just removed, without
   * forcing the target or replacing the checksum file (the original ddless never forces either; a
   * hot no-change re-run then costs no disk flush at all).
   */
  void commit(FileChannel target, boolean targetWritten) throws IOException {
    if (isEnabled() && !dirty && !fresh && !adopted && !targetWritten) {
      close();
      if (channel != null) Files.deleteIfExists(tmp);
      Files.deleteIfExists(marker);
      return;
    }
    if (target != null) target.force(true);
    if (!isEnabled()) return;
    FileChannel ch = temporary();
    ch.force(true);
    close();
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
    FileChannel ch = channel;
    try {
      if (ch != null && ch.isOpen()) ch.close();
    } finally {
      if (original != null && original.isOpen()) original.close();
    }
  }

  @Override
  public String toString() {
    return file + (fresh ? " (new)" : "") + (isEnabled() ? " via " + tmp : "");
  }
}
