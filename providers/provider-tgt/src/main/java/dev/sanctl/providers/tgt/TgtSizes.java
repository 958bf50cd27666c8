package dev.sanctl.providers.tgt;

/**
 * tgt prints LUN sizes through {@code print_disksize} ({@code usr/target.c}), an approximate
 * decimal MB. Exact sizes come from the backing store; this lets the provider tell whether the LUN
 * still has the size its backing store had when the LUN was added.
 */
public final class TgtSizes {
  private TgtSizes() {}

  /** The {@code Size: N MB} value tgt prints for a backing store of {@code bytes}. */
  public static long printedMegabytes(long bytes) {
    long sectors = bytes / 512;
    return (sectors - ((sectors / 625) - 974)) / 1950;
  }
}
