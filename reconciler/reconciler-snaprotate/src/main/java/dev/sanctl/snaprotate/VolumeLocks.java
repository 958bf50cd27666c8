package dev.sanctl.snaprotate;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Non-blocking, exclusive per-volume locks (2.9 step 1, like sanoid's {@code checklock}): within
 * this JVM always, and across processes on this machine with a file lock in {@code dir} when one is
 * given.
 */
public final class VolumeLocks {
  private static final Set<String> HELD = ConcurrentHashMap.newKeySet();
  private final Path dir;

  private VolumeLocks(Path dir) {
    this.dir = dir;
  }

  /** Locks held only within this JVM. */
  public static VolumeLocks inProcess() {
    return new VolumeLocks(null);
  }

  /** Locks that also hold a file lock {@code dir/<host>_<volume>.lock}. */
  public static VolumeLocks files(Path dir) {
    return new VolumeLocks(dir);
  }

  /** A held lock; closing releases it. */
  public interface Lock extends AutoCloseable {
    @Override
    void close();
  }

  /** Takes the lock of {@code volume} on {@code host}, or empty when it is already taken. */
  public Optional<Lock> tryLock(String host, String volume) throws IOException {
    String key = host + "_" + volume.replace('/', '%');
    if (!HELD.add(key)) return Optional.empty();
    if (dir == null) return Optional.of(() -> HELD.remove(key));
    try {
      Files.createDirectories(dir);
      FileChannel ch =
          FileChannel.open(
              dir.resolve(key + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock fl;
      try {
        fl = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        fl = null;
      }
      if (fl == null) {
        ch.close();
        HELD.remove(key);
        return Optional.empty();
      }
      FileLock held = fl;
      return Optional.of(
          () -> {
            try {
              held.release();
              ch.close();
            } catch (IOException ignored) {
              // the lock dies with the channel anyway
            } finally {
              HELD.remove(key);
            }
          });
    } catch (IOException | RuntimeException e) {
      HELD.remove(key);
      throw e;
    }
  }
}
