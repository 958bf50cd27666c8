package dev.sanctl.spi.model;

/** {@code state:} of a volume, LU or other object: present (default) or absent (destroy). */
public enum ResourceState {
  PRESENT,
  ABSENT
}
