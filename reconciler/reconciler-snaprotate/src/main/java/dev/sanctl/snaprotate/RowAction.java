package dev.sanctl.snaprotate;

/** What the plan does with one snapshot (2.8). */
public enum RowAction {
  KEEP,
  DELETE,
  /** A snapshot already pending deferred destroy. */
  SKIP,
  /** A foreign snapshot. */
  IGNORE
}
