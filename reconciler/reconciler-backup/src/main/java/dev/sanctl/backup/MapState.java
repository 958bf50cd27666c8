package dev.sanctl.backup;

/**
 * The state of a volume's change map (seed 003 section 3.10.3), kept per volume on the node that
 * holds it. Target shutdown dumps the map (ACTIVE becomes CLEAN), startup loads it (CLEAN becomes
 * ACTIVE); a startup without a clean dump makes it DIRTY, and only a completed backup makes a map
 * trustworthy again (ACTIVE).
 */
public enum MapState {
  /** Initial state of a LUN: nothing is known about its writes. */
  UNKNOWN,
  /** The map was dumped at a normal target shutdown. */
  CLEAN,
  /** Normal operation: the kernel map records every write since the last zap. */
  ACTIVE,
  /** Writes may have gone unrecorded: the next backup reads the whole volume. */
  DIRTY;

  /** The name written to the state file, e.g. {@code DDMAP_ACTIVE}. */
  public String fileName() {
    return "DDMAP_" + name();
  }

  /** Parses {@code DDMAP_<STATE>} (surrounding white space ignored). */
  public static MapState parse(String text) {
    String t = text.trim();
    for (MapState s : values()) if (s.fileName().equals(t)) return s;
    throw new IllegalArgumentException("not a ddmap state: '" + t + "'");
  }

  /** The state after a target shutdown that dumped the map. */
  public MapState onShutdown() {
    return switch (this) {
      case ACTIVE, CLEAN -> CLEAN;
      case UNKNOWN, DIRTY -> DIRTY;
    };
  }

  /** The state after a target startup. */
  public MapState onStartup() {
    return switch (this) {
      case CLEAN -> ACTIVE;
      case ACTIVE, UNKNOWN, DIRTY -> DIRTY;
    };
  }

  /** Whether a backup in this state must read the whole volume. */
  public boolean requiresFullRead() {
    return this == UNKNOWN || this == DIRTY;
  }
}
