package dev.sanctl.ddless;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Opening sources and targets (files or block devices), their sizes, aligned buffers. */
final class BlockDevices {
  /** Alignment of direct I/O buffers, offsets and lengths (page size; a multiple of 512). */
  static final int ALIGNMENT = 4096;

  private BlockDevices() {}

  /** Opens a source for reading, bypassing the page cache when {@code direct} is set. */
  static FileChannel openRead(Path source, boolean direct) throws IOException {
    List<OpenOption> options = new ArrayList<>(List.of(StandardOpenOption.READ));
    if (direct) options.add(ExtendedOpenOption.DIRECT);
    try {
      return FileChannel.open(source, options.toArray(OpenOption[]::new));
    } catch (UnsupportedOperationException | IOException e) {
      if (!direct || !Files.exists(source)) throw e;
      throw new IOException(
          source + ": direct I/O is not supported here (" + e.getMessage() + "); run without -d",
          e);
    }
  }

  /** Opens (creating a missing file) a target for positional writes. */
  static FileChannel openWrite(Path target) throws IOException {
    return FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
  }

  /**
   * The size of a file or block device. {@link FileChannel#size()} answers 0 for block devices on
   * some platforms; then the size is taken from {@code /sys/class/block/NAME/size}.
   */
  static long size(FileChannel channel, Path path) throws IOException {
    long size = channel.size();
    if (size > 0 || Files.isRegularFile(path)) return size;
    Path real = path.toRealPath();
    Path sys = Path.of("/sys/class/block", real.getFileName().toString(), "size");
    if (Files.isReadable(sys)) return Long.parseLong(Files.readString(sys).trim()) * 512L;
    long end = channel.position(Long.MAX_VALUE).position();
    return end == Long.MAX_VALUE ? 0 : end;
  }

  /** Whether a path is a regular file (not a block device). */
  static boolean isRegularFile(Path path) {
    return Files.isRegularFile(path);
  }

  /** A direct buffer of {@code size} bytes whose address is aligned for direct I/O. */
  static ByteBuffer allocate(int size) {
    return ByteBuffer.allocateDirect(size + ALIGNMENT).alignedSlice(ALIGNMENT).limit(size);
  }

  /**
   * Reads {@code len} bytes at {@code position} into {@code buf[off, off + len)}, stopping early
   * only at the end of the source; direct reads are rounded up to the alignment.
   *
   * @return bytes read (less than {@code len} only at the end of the source)
   */
  static int readFully(
      FileChannel ch, ByteBuffer buf, int off, int len, long position, boolean direct)
      throws IOException {
    int want = direct ? roundUp(len) : len;
    ByteBuffer view = buf.duplicate();
    view.limit(Math.min(view.capacity(), off + want)).position(off);
    int total = 0;
    while (view.hasRemaining() && total < len) {
      int n = ch.read(view, position + total);
      if (n <= 0 || (direct && n % ALIGNMENT != 0)) {
        total += Math.max(n, 0);
        break; // end of the source (a direct read cannot continue at an unaligned offset)
      }
      total += n;
    }
    return Math.min(total, len);
  }

  /** Writes {@code buf[off, off + len)} at {@code position}. */
  static void writeFully(FileChannel ch, ByteBuffer buf, int off, int len, long position)
      throws IOException {
    ByteBuffer view = buf.duplicate();
    view.limit(off + len).position(off);
    long p = position;
    while (view.hasRemaining()) p += ch.write(view, p);
  }

  static int roundUp(int len) {
    return (len + ALIGNMENT - 1) & -ALIGNMENT;
  }

  /** Forces a directory's entries (after a rename) to stable storage, where the platform can. */
  static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // not supported on this platform/file system: the rename itself is still atomic
    }
  }
}
