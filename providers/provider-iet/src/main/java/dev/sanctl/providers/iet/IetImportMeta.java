package dev.sanctl.providers.iet;

import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.provider.Imported;
import dev.sanctl.spi.provider.NodeState;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.VolumeFacts;
import dev.sanctl.spi.values.ExactSize;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recognises the meta volume of an LVM group the draft holds without one: on the IET node holding
 * the group, the one volume that is open (mounted) although no target serves it. Its mount point is
 * the HA agent's convention, {@value #MOUNT_ROOT}{@code <vg>} (a comment says so); once it is in
 * the draft the iet observation reads the copies there, so a wrong guess shows as planned changes
 * of the copies, listed as not imported.
 */
final class IetImportMeta {
  static final String MOUNT_ROOT = "/mnt/iscsi-target/";

  private IetImportMeta() {}

  static void find(
      PlanContext ctx,
      Map<String, Object> groups,
      List<String> notes,
      List<Imported.LeftOut> leftOut) {
    for (NodeState s : ctx.nodes().values()) {
      if (!s.known()) continue;
      IetObservation o = (IetObservation) s.observation();
      VolumeFacts facts = ctx.volumes().get(s.node());
      if (facts == null) continue;
      Set<String> served = new HashSet<>();
      for (IetRuntime.Target t : o.runtime().targets().values()) {
        t.luns().forEach(l -> served.add(l.path()));
      }
      for (VolumeGroup vg : ctx.desired().volumeGroups().values()) {
        VolumeFacts.Group g = facts.groups().get(vg.name());
        if (vg.type() != VolumeGroup.Type.LVM || g == null || !g.held()) continue;
        if (vg.metaVolume() != null) {
          withoutCopies(s.node(), vg, o, served).ifPresent(leftOut::add);
          continue;
        }
        List<VolumeFacts.Volume> open = new ArrayList<>();
        for (VolumeFacts.Volume v : g.volumes().values()) {
          if (v.open() && !served.contains(v.devicePath()) && vg.volumes().containsKey(v.name())) {
            open.add(v);
          }
        }
        if (open.size() != 1) continue;
        VolumeFacts.Volume meta = open.get(0);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", meta.name());
        m.put("size", ExactSize.text(meta.sizeBytes()));
        m.put("mountPoint", MOUNT_ROOT + vg.name());
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("metaVolume", m);
        groups.put(vg.name(), entry);
        notes.add(
            "metaVolume of "
                + vg.name()
                + ": "
                + meta.name()
                + ", open on "
                + s.node()
                + " and served by no target; its mountPoint is the HA agent's convention");
      }
    }
  }

  /**
   * A meta volume without IET copies while the node serves targets of its group: the plan writes
   * the copies (what a failover node loads), or the mount point is not where it is mounted.
   */
  private static java.util.Optional<Imported.LeftOut> withoutCopies(
      String node, VolumeGroup vg, IetObservation o, Set<String> served) {
    String copy =
        o.meta().getOrDefault(vg.name(), Map.of()).getOrDefault(IetConfigRenderer.IETD_CONF, "");
    boolean serves = served.stream().anyMatch(p -> p.startsWith("/dev/" + vg.name() + "/"));
    if (!copy.isEmpty() || !serves) return java.util.Optional.empty();
    String dir = IetProvider.metaDir(vg);
    return java.util.Optional.of(
        new Imported.LeftOut(
            IetImport.fileAddress(node, dir + "/"),
            "no IET copies in "
                + dir
                + " on "
                + node
                + ": the plan writes them (what a failover node loads); if "
                + vg.metaVolume().name()
                + " is mounted elsewhere, set metaVolume.mountPoint of "
                + vg.name()));
  }
}
