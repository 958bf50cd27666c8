package dev.sanctl.spi.provider;

/**
 * A live object as the node knows it, independent of the provider that plans it: e.g. the ZFS
 * dataset {@code tank/ddless}, whether the zfs provider declares it or the backup provider derives
 * it. See {@link Provider#liveObject(Change)}.
 *
 * @param type what kind of object, in the node's own terms ({@code zfs dataset})
 * @param name its name on the node
 */
public record LiveObject(String type, String name) {
  /** A ZFS dataset: a filesystem or a volume (zvol) share one namespace. */
  public static LiveObject zfsDataset(String name) {
    return new LiveObject("zfs dataset", name);
  }

  @Override
  public String toString() {
    return type + " " + name;
  }
}
