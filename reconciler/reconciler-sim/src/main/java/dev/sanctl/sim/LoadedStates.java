package dev.sanctl.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The state objects (LVM metadata, IET runtime, faults, flags, topology) one {@link SimCluster}
 * loaded, each with the {@link StateFileCache.Stamp} of its file when it was loaded or written
 * back: the next operation takes the object as it is while the file still has that stamp, instead
 * of building it again from the file. An operation that fails drops the objects it used (they may
 * be half changed), so the next one loads them from their files.
 */
final class LoadedStates {
  private static final StateFileCache.Stamp ABSENT = new StateFileCache.Stamp(-1, -1, null);

  private record Entry(StateFileCache.Stamp stamp, Object state) {}

  private final Map<Path, Entry> entries = new HashMap<>();

  /** The object loaded from {@code file} when the file is unchanged since, else null. */
  synchronized <T> T get(Path file, Class<T> type) throws IOException {
    Entry e = entries.get(file);
    if (e == null || !type.isInstance(e.state())) return null;
    if (!e.stamp().equals(stamp(file))) {
      entries.remove(file);
      return null;
    }
    return type.cast(e.state());
  }

  /** Remembers {@code state} as what {@code file} holds now (just loaded or written back). */
  synchronized void put(Path file, Object state) throws IOException {
    entries.put(file, new Entry(stamp(file), state));
  }

  synchronized void drop(Path file) {
    entries.remove(file);
  }

  private static StateFileCache.Stamp stamp(Path file) throws IOException {
    StateFileCache.Stamp s = StateFileCache.stamp(file);
    return s == null ? ABSENT : s;
  }
}
