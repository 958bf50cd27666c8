package dev.sanctl.sim.lvm;

import dev.sanctl.sim.SimNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The device-mapper devices lvm2 2.03.16 activates for the active LVs of a node, by dm name ({@code
 * <vg>-<lv>}, dashes in names doubled): a linear LV; a classic snapshot and its {@code -cow}, with
 * its origin's {@code -real}; a thin pool ({@code <pool>}, its {@code _tmeta} and {@code _tdata},
 * and {@code -tpool} once it holds thin volumes); an active thin volume.
 */
final class DmsetupDevices {
  private DmsetupDevices() {}

  static TreeSet<String> names(SimNode node) throws IOException {
    TreeSet<String> names = new TreeSet<>();
    for (LvmState.Vg vg : node.lvm().vgs.values()) {
      if (!vg.activeOn.contains(node.name())) continue;
      for (LvmState.Lv lv : vg.lvs.values()) {
        if (lv.inactive) continue;
        String dm = Lvm.dmPath(vg.name, lv.name).substring("/dev/mapper/".length());
        names.add(dm);
        if (lv.isThinPool()) {
          names.add(dm + "_tmeta");
          names.add(dm + "_tdata");
          if (vg.lvs.values().stream().anyMatch(t -> lv.name.equals(t.pool)))
            names.add(dm + "-tpool");
        } else if (lv.origin != null && !lv.isThin()) {
          names.add(dm + "-cow");
        } else if (!lv.isThin()
            && vg.lvs.values().stream().anyMatch(s -> lv.name.equals(s.origin) && !s.isThin())) {
          names.add(dm + "-real");
        }
      }
    }
    return names;
  }

  /** {@code dmsetup ls}: name, tab, (major:minor), in byte order of the names. */
  static String ls(SimNode node) throws IOException {
    List<String> sorted = new ArrayList<>(names(node));
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < sorted.size(); i++) {
      sb.append(sorted.get(i)).append("\t(253:").append(i).append(")\n");
    }
    return sb.toString();
  }
}
