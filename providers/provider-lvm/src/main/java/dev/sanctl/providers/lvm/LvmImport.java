package dev.sanctl.providers.lvm;

import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.provider.Imported;
import dev.sanctl.spi.provider.NodeState;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.values.ExactSize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sanctl import} for LVM: every volume group held by exactly one known node becomes a {@code
 * volumeGroups} entry whose volumes are its visible, non-snapshot LVs at their exact byte sizes, so
 * that planning right after the import shows no change. The holder is listed first (preferred),
 * then the other nodes that see the group. A meta volume is recognised by the name the current
 * desired state gives it.
 */
final class LvmImport {
  private LvmImport() {}

  /** The sections, with the node each group was read on. */
  static Imported imported(PlanContext ctx) {
    Map<String, Object> sections = sections(ctx);
    List<String> from = new ArrayList<>();
    if (sections.get("volumeGroups") instanceof Map<?, ?> groups) {
      for (Object name : groups.keySet()) {
        for (NodeState s : ctx.nodes().values()) {
          if (!s.known()) continue;
          LvmObservation.Vg vg = ((LvmObservation) s.observation()).vgs().get(name.toString());
          if (vg != null && vg.held()) from.add(s.node() + ": vgs, lvs (" + name + ", held here)");
        }
      }
    }
    return new Imported(
        sections, from.isEmpty() ? Map.of() : Map.of("volumeGroups", from), Map.of(), leftOut(ctx));
  }

  /**
   * Groups not held by exactly one node (inactive everywhere, or active on several: split brain)
   * and thin pools (not modelled; their thin volumes are imported as volumes).
   */
  static List<Imported.LeftOut> leftOut(PlanContext ctx) {
    Map<String, List<String>> holders = new LinkedHashMap<>();
    List<Imported.LeftOut> out = new ArrayList<>();
    for (NodeState s : ctx.nodes().values()) {
      if (!s.known()) continue;
      for (LvmObservation.Vg vg : ((LvmObservation) s.observation()).vgs().values()) {
        List<String> h = holders.computeIfAbsent(vg.name(), k -> new ArrayList<>());
        if (!vg.held()) continue;
        h.add(s.node());
        for (LvmObservation.Lv lv : vg.lvs().values()) {
          if (!lv.attr().startsWith("t")) continue;
          out.add(
              new Imported.LeftOut(
                  s.node() + "/lvm.volume/" + vg.name() + "/" + lv.name(),
                  "thin pool: sanctl does not model thin pools; its thin volumes are imported as"
                      + " volumes of "
                      + vg.name()));
        }
      }
    }
    holders.forEach(
        (vg, nodes) -> {
          if (nodes.size() == 1) return;
          out.add(
              new Imported.LeftOut(
                  "lvm.volume/" + vg,
                  nodes.isEmpty()
                      ? "volume group "
                          + vg
                          + " is active on no node: import again while the HA manager holds it"
                      : "volume group "
                          + vg
                          + " is active on "
                          + String.join(" and ", nodes)
                          + " (split brain): import again when one node holds it"));
        });
    return out;
  }

  static Map<String, Object> sections(PlanContext ctx) {
    Map<String, List<String>> seenOn = new LinkedHashMap<>();
    Map<String, LvmObservation.Vg> held = new LinkedHashMap<>();
    Map<String, Integer> holders = new LinkedHashMap<>();
    for (NodeState s : ctx.nodes().values()) {
      if (!s.known()) continue;
      for (LvmObservation.Vg vg : ((LvmObservation) s.observation()).vgs().values()) {
        seenOn.computeIfAbsent(vg.name(), k -> new ArrayList<>());
        if (vg.held()) {
          held.putIfAbsent(vg.name(), vg);
          holders.merge(vg.name(), 1, Integer::sum);
          seenOn.get(vg.name()).add(0, s.node());
        } else {
          seenOn.get(vg.name()).add(s.node());
        }
      }
    }
    Map<String, Object> groups = new LinkedHashMap<>();
    for (LvmObservation.Vg vg : held.values()) {
      if (holders.get(vg.name()) != 1) continue;
      VolumeGroup known = ctx.desired().volumeGroups().get(vg.name());
      String meta = known == null || known.metaVolume() == null ? null : known.metaVolume().name();
      Map<String, Object> g = new LinkedHashMap<>();
      g.put("nodes", List.copyOf(seenOn.get(vg.name())));
      Map<String, Object> volumes = new LinkedHashMap<>();
      for (LvmObservation.Lv lv : vg.lvs().values()) {
        if (lv.snapshot() || lv.hidden() || lv.attr().startsWith("t")) continue;
        if (lv.name().equals(meta)) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("name", meta);
          m.put("size", ExactSize.text(lv.sizeBytes()));
          m.put("mountPoint", known.metaVolume().mountPoint());
          g.put("metaVolume", m);
          continue;
        }
        volumes.put(lv.name(), Map.of("size", ExactSize.text(lv.sizeBytes())));
      }
      g.put("volumes", volumes);
      groups.put(vg.name(), g);
    }
    return groups.isEmpty() ? Map.of() : Map.of("volumeGroups", groups);
  }
}
