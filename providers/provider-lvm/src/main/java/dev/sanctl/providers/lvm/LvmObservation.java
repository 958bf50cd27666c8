package dev.sanctl.providers.lvm;

import dev.sanctl.spi.provider.Observation;
import dev.sanctl.spi.provider.VolumeFacts;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code vgs} and {@code lvs} showed on one node: every volume group visible there (shared
 * storage: a group is visible on all its nodes, active on one) with its logical volumes.
 */
public record LvmObservation(Map<String, Vg> vgs) implements Observation, VolumeFacts.Source {
  public LvmObservation {
    vgs = Map.copyOf(new LinkedHashMap<>(vgs));
  }

  /** A volume group; {@code held} when one of its LVs is active on this node. */
  public record Vg(
      String name, long sizeBytes, long freeBytes, long extentBytes, Map<String, Lv> lvs) {
    public Vg {
      lvs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lvs));
    }

    public boolean held() {
      return lvs.values().stream().anyMatch(Lv::active);
    }

    /** {@code bytes} rounded up to whole extents, as lvcreate and lvextend allocate. */
    public long roundUp(long bytes) {
      if (extentBytes <= 0) return bytes;
      return (bytes + extentBytes - 1) / extentBytes * extentBytes;
    }
  }

  /** A logical volume with its {@code lv_attr} (lvs(8)). */
  public record Lv(String name, long sizeBytes, String attr, String origin, String path) {
    /** Active on this node ({@code lv_attr[4] == 'a'}; {@code X}, unknown, is not active). */
    public boolean active() {
      return attr.length() > 4 && attr.charAt(4) == 'a';
    }

    /** Open on this node, e.g. served by a target ({@code lv_attr[5] == 'o'}). */
    public boolean open() {
      return attr.length() > 5 && attr.charAt(5) == 'o';
    }

    /** A classic or thin snapshot (backup helpers, never managed as volumes). */
    public boolean snapshot() {
      char t = attr.isEmpty() ? '-' : attr.charAt(0);
      return t == 's' || t == 'S' || (t == 'V' && !origin.isEmpty());
    }

    /**
     * The origin of classic (COW) snapshots ({@code lv_attr[0] == 'o'}): lvm2 resizes it only while
     * it is inactive ("Snapshot origin volumes can be resized only while inactive").
     */
    public boolean classicSnapshotOrigin() {
      return !attr.isEmpty() && attr.charAt(0) == 'o';
    }

    /** Hidden or internal LVs (thin pool data, metadata) have no path. */
    public boolean hidden() {
      return path.isEmpty();
    }
  }

  @Override
  public VolumeFacts volumeFacts() {
    Map<String, VolumeFacts.Group> groups = new LinkedHashMap<>();
    for (Vg vg : vgs.values()) {
      Map<String, VolumeFacts.Volume> volumes = new LinkedHashMap<>();
      for (Lv lv : vg.lvs().values()) {
        if (lv.hidden()) continue;
        volumes.put(
            lv.name(),
            new VolumeFacts.Volume(
                lv.name(), lv.sizeBytes(), "/dev/" + vg.name() + "/" + lv.name(), lv.open()));
      }
      groups.put(vg.name(), new VolumeFacts.Group(vg.name(), vg.held(), vg.freeBytes(), volumes));
    }
    return new VolumeFacts(groups);
  }
}
