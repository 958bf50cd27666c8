package dev.sanctl.spi.model;

import java.util.List;
import java.util.Map;

/**
 * A volume group: LVM ({@code type: lvm}, held by one of {@code nodes} at a time) or a directory of
 * sparse files ({@code type: files}, {@code path} set).
 *
 * @param nodes nodes that can hold it, the first is preferred
 * @param metaVolume the volume holding the IET config copies for failover, or null
 */
public record VolumeGroup(
    String name,
    Type type,
    String path,
    List<String> nodes,
    MetaVolume metaVolume,
    Map<String, Volume> volumes,
    SourceRef source) {

  /**
   * Where volume {@code volume} of this group lives on a node that holds it: {@code /dev/<vg>/<lv>}
   * for LVM, the sparse file {@code <path>/<volume>.img} for {@code type: files}.
   */
  public String devicePath(String volume) {
    return type == Type.FILES ? imagePath(path, volume) : "/dev/" + name + "/" + volume;
  }

  /** The sparse file of {@code volume} in the directory {@code dir} of a files group. */
  public static String imagePath(String dir, String volume) {
    return (dir.endsWith("/") ? dir : dir + "/") + volume + ".img";
  }

  /** Backing of a volume group. */
  public enum Type {
    LVM,
    FILES
  }

  /** The meta volume of an HA volume group. */
  public record MetaVolume(String name, long sizeBytes, String mountPoint, SourceRef source) {}

  /** One logical volume (or sparse file). */
  public record Volume(String name, long sizeBytes, ResourceState state, SourceRef source) {}
}
