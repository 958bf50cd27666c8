package dev.sanctl.ddless;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A ddless checksum file: no header, entry {@code i} (8 bytes, see {@link Checksums}) of segment
 * {@code i} at byte offset {@code 8*i}, so its size is {@code 8 * ceil(source_size / 16384)}. Files
 * of the original ddless (x86) are read and written unchanged.
 */
public final class ChecksumFile {
  private ChecksumFile() {}

  /** The size a checksum file of a source of {@code sourceBytes} bytes must have. */
  public static long expectedSize(long sourceBytes) {
    return Segments.checksumFileSize(sourceBytes);
  }

  /** Whether {@code file} exists and fits a source of {@code sourceBytes} bytes. */
  public static boolean fits(Path file, long sourceBytes) throws IOException {
    return Files.isRegularFile(file) && Files.size(file) == expectedSize(sourceBytes);
  }

  /** All entries of a (small enough) checksum file. */
  public static long[] read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length % Segments.CHECKSUM_BYTES != 0) {
      throw new IOException(
          file
              + ": "
              + bytes.length
              + " bytes is not a whole number of "
              + "8-byte checksum entries; not a ddless checksum file");
    }
    return fromBytes(bytes);
  }

  /**
   * The whole entries in {@code bytes} (the inverse of {@link #toBytes}; a partial tail is
   * ignored).
   */
  public static long[] fromBytes(byte[] bytes) {
    long[] entries = new long[bytes.length / Segments.CHECKSUM_BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(entries);
    return entries;
  }

  /** The file bytes of {@code entries}. */
  public static byte[] toBytes(long[] entries) {
    ByteBuffer b = ByteBuffer.allocate(entries.length * Segments.CHECKSUM_BYTES);
    b.order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(entries);
    return b.array();
  }

  /**
   * Computes the checksum file of {@code source} into {@code checksum} (crash-safely: temporary
   * file, force, rename), with {@code workers} threads.
   */
  public static CopyResult compute(Path source, Path checksum, int workers) throws IOException {
    return DdlessCopy.run(CopyOptions.checksumOnly(source, checksum).withWorkers(workers));
  }
}
