package dev.sanctl.ddless;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/** Test data: random files, segment changes, reference checksum files. */
final class TestFiles {
  private TestFiles() {}

  /** A file of {@code size} bytes: random data in about {@code density} of its segments, else 0. */
  static Path random(Path file, long size, double density, long seed) throws IOException {
    Random r = new Random(seed);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(size);
      byte[] seg = new byte[Segments.SEGMENT_SIZE];
      for (long s = 0; s < Segments.count(size); s++) {
        if (r.nextDouble() >= density) continue;
        r.nextBytes(seg);
        f.seek(s * Segments.SEGMENT_SIZE);
        f.write(seg, 0, Segments.length(s, size));
      }
    }
    return file;
  }

  /** Overwrites {@code count} distinct random segments with new random bytes; returns them. */
  static Set<Long> changeSegments(Path file, int count, long seed) throws IOException {
    Random r = new Random(seed);
    long size = Files.size(file);
    long segments = Segments.count(size);
    Set<Long> changed = new TreeSet<>();
    while (changed.size() < Math.min(count, segments))
      changed.add((long) (r.nextDouble() * segments));
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      byte[] seg = new byte[Segments.SEGMENT_SIZE];
      for (long s : changed) {
        r.nextBytes(seg);
        f.seek(s * Segments.SEGMENT_SIZE);
        f.write(seg, 0, Segments.length(s, size));
      }
    }
    return changed;
  }

  /** Overwrites segment {@code segment} with new random bytes; returns it. */
  static Set<Long> changeSegmentsAt(Path file, long segment, long seed) throws IOException {
    Random r = new Random(seed);
    long size = Files.size(file);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      byte[] seg = new byte[Segments.SEGMENT_SIZE];
      r.nextBytes(seg);
      f.seek(segment * Segments.SEGMENT_SIZE);
      f.write(seg, 0, Segments.length(segment, size));
    }
    return new TreeSet<>(Set.of(segment));
  }

  /** The checksum file bytes of {@code file}, computed with the slow reference code. */
  static byte[] referenceChecksums(Path file) throws IOException {
    byte[] data = Files.readAllBytes(file);
    long segments = Segments.count(data.length);
    ByteBuffer out = ByteBuffer.allocate((int) segments * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (int s = 0; s < segments; s++) {
      out.putLong(Checksums.of(data, s * Segments.SEGMENT_SIZE, Segments.length(s, data.length)));
    }
    return out.array();
  }

  /** A ddmap marking exactly {@code segments}, sized for a source of {@code size} bytes. */
  static DdMap mapOf(long size, Set<Long> segments, long nameSum) {
    DdMap map = DdMap.empty(nameSum, (int) DdMap.wordsFor(size));
    for (long s : segments) map = map.mark(s);
    return map;
  }
}
