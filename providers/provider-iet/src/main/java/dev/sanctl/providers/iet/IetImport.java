package dev.sanctl.providers.iet;

import dev.sanctl.spi.model.PortalGroup;
import dev.sanctl.spi.model.Target;
import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.provider.NodeState;
import dev.sanctl.spi.provider.PlanContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code sanctl import} for IET: every running target of a known node whose LUN 0 is a volume of a
 * known group becomes a {@code targets} entry with its explicit IQN, the serial of its {@code
 * ietd.conf} LUN line, the initiators of its {@code initiators.allow} line (as literal IQNs) and
 * the portal group whose addresses on the node match its {@code targets.allow} line. CHAP secret
 * files cannot be discovered: an entry keeps the {@code chap} of the same IQN in the current
 * desired state, if any.
 */
final class IetImport {
  private IetImport() {}

  static Map<String, Object> sections(PlanContext ctx) {
    List<Object> targets = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Map<String, Target> current = new LinkedHashMap<>();
    ctx.desired().targets().forEach(t -> current.put(ctx.desired().iqnOf(t), t));
    for (NodeState s : ctx.nodes().values()) {
      if (!s.known()) continue;
      IetObservation o = (IetObservation) s.observation();
      IetdConf conf = o.config();
      Map<String, List<String>> initiators =
          AllowFile.parse(o.etc().getOrDefault(IetConfigRenderer.INITIATORS_ALLOW, ""));
      Map<String, List<String>> portals =
          AllowFile.parse(o.etc().getOrDefault(IetConfigRenderer.TARGETS_ALLOW, ""));
      for (IetRuntime.Target rt : o.runtime().targets().values()) {
        IetRuntime.Lun lun0 = rt.lun(0);
        String volume = lun0 == null ? null : volumeOf(ctx, lun0.path());
        if (volume == null || !seen.add(rt.name())) continue;
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("volume", volume);
        t.put("iqn", rt.name());
        IetdConf.Stanza stanza = conf.targets().get(rt.name());
        String serial = stanza == null ? null : stanza.lunParam(0, "ScsiSN");
        if (serial != null) t.put("serial", serial);
        String comment = comment(o.etc().getOrDefault(IetConfigRenderer.IETD_CONF, ""), rt.name());
        if (comment != null) t.put("comment", comment);
        String pg = portalGroup(ctx, s.node(), portals.getOrDefault(rt.name(), List.of()));
        if (pg != null) t.put("portalGroup", pg);
        List<String> inits = new ArrayList<>();
        for (String e : initiators.getOrDefault(rt.name(), List.of())) {
          inits.add(AllowFile.unescape(e));
        }
        t.put("initiators", inits);
        Target known = current.get(rt.name());
        if (known != null && known.chap() != null && !known.chap().incoming().isEmpty()) {
          List<Object> users = new ArrayList<>();
          for (Target.ChapUser u : known.chap().incoming()) {
            users.add(Map.of("user", u.user(), "secretFile", u.secretFile()));
          }
          t.put("chap", Map.of("incoming", users));
        }
        targets.add(t);
      }
    }
    return targets.isEmpty() ? Map.of() : Map.of("targets", targets);
  }

  /** The comment line sanctl writes right after a {@code Target} line, or null. */
  static String comment(String ietdConf, String iqn) {
    List<String> lines = ietdConf.lines().toList();
    for (int i = 0; i + 1 < lines.size(); i++) {
      if (!lines.get(i).strip().equals("Target " + iqn)) continue;
      String next = lines.get(i + 1).strip();
      return next.startsWith("# ") ? next.substring(2) : null;
    }
    return null;
  }

  /** {@code vg/lv} of a LUN path: {@code /dev/vg/lv}, or a file of a files group. */
  static String volumeOf(PlanContext ctx, String path) {
    if (path == null) return null;
    for (VolumeGroup vg : ctx.desired().volumeGroups().values()) {
      if (vg.type() == VolumeGroup.Type.FILES) {
        String dir = vg.path().endsWith("/") ? vg.path() : vg.path() + "/";
        if (path.startsWith(dir) && path.endsWith(".img")) {
          return vg.name() + "/" + path.substring(dir.length(), path.length() - 4);
        }
      } else if (path.startsWith("/dev/" + vg.name() + "/")) {
        return vg.name() + "/" + path.substring(vg.name().length() + 6);
      }
    }
    return null;
  }

  private static String portalGroup(PlanContext ctx, String node, List<String> addresses) {
    for (PortalGroup pg : ctx.desired().portalGroups().values()) {
      List<String> mine = pg.portals().getOrDefault(node, List.of());
      if (!mine.isEmpty() && addresses.containsAll(mine)) return pg.name();
    }
    return null;
  }
}
