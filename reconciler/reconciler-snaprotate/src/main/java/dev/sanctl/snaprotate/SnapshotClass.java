package dev.sanctl.snaprotate;

/** Classification of a snapshot (2.3 step 4), decided in this order. */
public enum SnapshotClass {
  FOREIGN,
  INVALID,
  DEFERRED,
  FUTURE,
  CANDIDATE
}
