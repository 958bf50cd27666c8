package dev.sanctl.sim.coreutils;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import jnr.posix.POSIXFactory;

/** Allocated blocks of the real (sparse) files behind simulated files, as {@code stat %b}. */
final class SparseBlocks {
  private SparseBlocks() {}

  /** 512-byte blocks allocated to {@code file} on the host filesystem. */
  static long of(Path file, long size) {
    try {
      return POSIXFactory.getNativePOSIX().stat(file.toString()).blocks();
    } catch (RuntimeException | LinkageError e) {
      return (size + 511) / 512;
    }
  }

  /** Extends a file to {@code length} without allocating blocks (a hole). */
  static void extend(Path file, long length) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(length);
    }
  }
}
