package dev.sanctl.backup;

import java.io.IOException;
import java.time.Clock;

/**
 * A change map's state over one backup run: read when the run begins, DIRTY while it copies (so an
 * interrupted run makes the next one read everything), ACTIVE when it completed, DIRTY when it
 * failed. Every transition is logged by the {@link MapStateStore}.
 */
final class MapStateRun {
  private final MapStateStore store;
  private final Clock clock;
  private MapState before;
  private String current;

  MapStateRun(MapStateStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Reads the state the run starts from. */
  MapState begin() throws IOException {
    before = store.state();
    current = before.name();
    return before;
  }

  /** The state the run started from; UNKNOWN before {@link #begin}. */
  MapState before() {
    return before == null ? MapState.UNKNOWN : before;
  }

  /** The run changes the volume's map from here on: DIRTY until it completes. */
  void started(String reason) throws IOException {
    store.set(before(), MapState.DIRTY, reason, clock.instant());
    current = MapState.DIRTY.name();
  }

  void completed(String reason) throws IOException {
    store.set(MapState.DIRTY, MapState.ACTIVE, reason, clock.instant());
    current = MapState.ACTIVE.name();
  }

  /** Records the failure (when the run began); never throws. */
  void failed(String reason) {
    if (before == null) return;
    try {
      store.set(before, MapState.DIRTY, "backup failed: " + reason, clock.instant());
      current = MapState.DIRTY.name();
    } catch (IOException e) {
      current = "unknown (" + e.getMessage() + ")";
    }
  }

  /** The state now ({@code NONE} before the run began). */
  String current() {
    return current == null ? "NONE" : current;
  }

  MapStateStore store() {
    return store;
  }
}
