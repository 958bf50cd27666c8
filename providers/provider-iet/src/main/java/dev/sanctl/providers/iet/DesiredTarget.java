package dev.sanctl.providers.iet;

import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.PortalGroup;
import dev.sanctl.spi.model.Target;
import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.model.VolumeRef;
import dev.sanctl.spi.values.NodePath;
import dev.sanctl.spi.values.Serial;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A target of the desired state as IET serves it: IQN, LUN parameter strings, options, the
 * initiators allowed (groups expanded) and the portal addresses it is exposed on.
 *
 * @param group the volume group of its LUNs (of LUN 0: a target lives on one group)
 * @param portals addresses of its portal group on every node that can hold the group, so the line
 *     in a failover node's {@code targets.allow} is already right
 */
record DesiredTarget(
    Target target,
    String iqn,
    VolumeGroup group,
    List<LunSpec> luns,
    Map<String, String> options,
    List<String> initiators,
    List<String> portals) {

  /** A LUN: number, backing volume, device path and the {@code Lun} parameter string. */
  record LunSpec(int lun, VolumeRef volume, String path, String type, String serial) {
    String params() {
      String where = "LUN " + lun + " of " + volume;
      StringBuilder sb = new StringBuilder("Path=").append(NodePath.KIND.require(path, where));
      sb.append(",Type=").append(type);
      if (serial != null) {
        Serial.KIND.require(serial, where);
        sb.append(",ScsiId=").append(serial).append(",ScsiSN=").append(serial);
      }
      return sb.toString();
    }
  }

  static DesiredTarget of(DesiredState d, Target t) {
    VolumeGroup group = d.volumeGroups().get(t.luns().get(0).volume().vg());
    List<LunSpec> luns = new ArrayList<>();
    for (Target.Lun l : t.luns()) {
      VolumeGroup g = d.volumeGroups().get(l.volume().vg());
      boolean files = g != null && g.type() == VolumeGroup.Type.FILES;
      String path =
          g != null
              ? g.devicePath(l.volume().lv())
              : "/dev/" + l.volume().vg() + "/" + l.volume().lv();
      String type = files ? "fileio" : l.io();
      String serial = l.serial() != null ? l.serial() : (l.lun() == 0 ? t.serial() : null);
      luns.add(new LunSpec(l.lun(), l.volume(), path, type, serial));
    }
    List<String> initiators = d.initiatorsOf(t);
    Set<String> portals = new LinkedHashSet<>();
    PortalGroup pg = d.portalGroups().get(t.portalGroup());
    if (pg != null && group != null) {
      for (String node : group.nodes()) portals.addAll(pg.portals().getOrDefault(node, List.of()));
    }
    return new DesiredTarget(
        t,
        d.iqnOf(t),
        group,
        List.copyOf(luns),
        t.options(),
        initiators, // initiatorsOf returns an immutable list
        List.copyOf(portals));
  }

  String vg() {
    return target.luns().get(0).volume().vg();
  }

  LunSpec lun(int n) {
    return luns.stream().filter(l -> l.lun() == n).findFirst().orElse(null);
  }
}
