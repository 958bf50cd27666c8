package dev.sanctl.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records of the state files this process last read or wrote, each with the file's {@link
 * Stamp} at that moment; an entry counts only while the file still has that stamp, so a change by
 * another process (always a new file renamed into place: a new inode and modification time) is
 * seen. Bounded (least recently used entries are dropped), as a test run opens many clusters.
 */
final class StateFileCache {
  private static final int MAX_ENTRIES = 512;

  /** What identifies one version of a file: size, modification time and file key (inode). */
  record Stamp(long size, long modifiedNanos, Object fileKey) {}

  private record Entry(Stamp stamp, List<List<String>> records) {}

  private static final Map<Path, Entry> ENTRIES =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Entry> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  private StateFileCache() {}

  /** The file's current stamp, or null when it does not exist. */
  static Stamp stamp(Path file) throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return new Stamp(
          a.size(),
          a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS),
          a.fileKey());
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** The records kept for {@code file} when it still has {@code stamp}, else null. */
  static synchronized List<List<String>> records(Path file, Stamp stamp) {
    Entry e = ENTRIES.get(key(file));
    return e != null && e.stamp().equals(stamp) ? e.records() : null;
  }

  static synchronized void put(Path file, Stamp stamp, List<List<String>> records) {
    ENTRIES.put(key(file), new Entry(stamp, records));
  }

  private static Path key(Path file) {
    return file.toAbsolutePath().normalize();
  }
}
