package dev.sanctl.spi.provider;

import java.util.Map;

/**
 * Volumes as a volume provider (lvm, files, zfs) saw them on one node, for providers that serve
 * them (iet, tgt, comstar, backup).
 *
 * @param groups by volume group (or pool) name: only groups present on the node
 */
public record VolumeFacts(Map<String, Group> groups) {
  /** A volume group on one node. {@code held}: active here (the LVs are active on this node). */
  public record Group(String name, boolean held, long freeBytes, Map<String, Volume> volumes) {}

  /**
   * A volume. {@code devicePath} is what a target serves ({@code /dev/vg/lv}, the sparse file).
   *
   * @param open whether it is open (in use) on this node
   */
  public record Volume(String name, long sizeBytes, String devicePath, boolean open) {}

  /** Implemented by observations that hold volumes. */
  public interface Source {
    VolumeFacts volumeFacts();
  }
}
