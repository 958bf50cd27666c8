package dev.sanctl.snaprotate;

/** Outcome of one volume in a run, with its exit code (2.10). */
public enum VolumeStatus {
  /** Planned deletions done (or nothing to do, or simulated). */
  DONE(0),
  /** Another run holds the volume's lock; skipped. */
  LOCKED(0),
  /** The volume does not exist on this node (its pool is imported elsewhere); skipped. */
  ABSENT(0),
  /** At least one destroy failed; the others were done. */
  FAILED(1),
  /** The volume could not be listed or planned (e.g. its schedule is invalid); nothing deleted. */
  ERROR(1),
  /** A brake engaged; nothing deleted on this volume. */
  BRAKED(3);

  private final int exitCode;

  VolumeStatus(int exitCode) {
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
