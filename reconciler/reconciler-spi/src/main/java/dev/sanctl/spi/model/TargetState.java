package dev.sanctl.spi.model;

/** {@code state:} of a target. */
public enum TargetState {
  ONLINE,
  OFFLINE,
  ABSENT
}
