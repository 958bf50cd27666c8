package dev.sanctl.providers.zfs;

import java.util.Map;

/**
 * A filesystem or volume as observed.
 *
 * @param properties the managed properties asked for, by name: value exactly as {@code zfs get -Hp}
 *     printed it ({@code -} when unset) and whether its source is {@code local}
 */
public record ZfsDataset(String name, boolean volume, Map<String, Property> properties) {
  /** An observed property value and whether it is set locally. */
  public record Property(String value, boolean local) {}

  /** A numeric property in bytes (volsize, volblocksize, refreservation...), or -1. */
  public long bytes(String property) {
    Property p = properties.get(property);
    if (p == null) return -1;
    try {
      return Long.parseLong(p.value());
    } catch (NumberFormatException e) {
      return ZfsValues.parseSize(p.value());
    }
  }
}
