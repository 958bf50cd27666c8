package dev.sanctl.providers.comstar;

import dev.sanctl.spi.model.Pool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code sanctl import} of COMSTAR managed directly ({@code comstar:}) for one pool without an
 * {@code stmf-ha.conf}: its LUs (the LUs whose data file is one of its zvols, with GUID, serial,
 * and alias when it is not stmfadm's default, the data file), their views, the host and target
 * groups the views name, and the targets with their TPGs: every target of the node when the pool is
 * the only such pool there, else those of the target groups. A target is named by its IQN without
 * the cluster's prefix when that is a valid name, and keeps its explicit {@code iqn}. Imported once
 * the pool's zvols are declared (the zfs import of an earlier pass).
 */
final class DirectComstarImport {
  private DirectComstarImport() {}

  /** The {@code comstar} section of {@code pool}, or null when it serves nothing (yet). */
  static Map<String, Object> section(
      String iqnPrefix, Pool declared, ComstarObservation o, boolean soleDirectPool) {
    String prefix = ComstarLuPlanner.dataFile(declared.name() + "/");
    List<ComstarObservation.Lu> lus =
        o.lus().values().stream()
            .filter(l -> l.dataFile() != null && l.dataFile().startsWith(prefix))
            .toList();
    if (lus.isEmpty()) return null;
    List<Object> units = new ArrayList<>();
    List<Object> views = new ArrayList<>();
    Set<String> hgs = new LinkedHashSet<>();
    Set<String> tgs = new LinkedHashSet<>();
    for (ComstarObservation.Lu lu : lus) {
      String zvol = lu.dataFile().substring(ComstarLuPlanner.dataFile("").length());
      if (!declared.volumes().containsKey(zvol)) return null;
      Map<String, Object> u = new LinkedHashMap<>();
      u.put("zvol", zvol);
      u.put("guid", lu.guid());
      if (lu.serial() != null) u.put("serial", lu.serial());
      if (lu.alias() != null && !lu.alias().equals(lu.dataFile())) u.put("alias", lu.alias());
      units.add(u);
      for (ComstarObservation.View v : lu.views()) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("lu", zvol);
        if (v.hostGroup() != null) view.put("hostGroup", v.hostGroup());
        if (v.targetGroup() != null) view.put("targetGroup", v.targetGroup());
        view.put("lun", v.lun());
        views.add(view);
        if (v.hostGroup() != null) hgs.add(v.hostGroup());
        if (v.targetGroup() != null) tgs.add(v.targetGroup());
      }
    }
    Set<String> iqns = new LinkedHashSet<>();
    if (soleDirectPool) iqns.addAll(o.targets().keySet());
    for (String tg : tgs) iqns.addAll(o.targetGroups().getOrDefault(tg, List.of()));
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, Object> targets = new LinkedHashMap<>();
    Set<String> tpgNames = new LinkedHashSet<>();
    for (String iqn : iqns) {
      if (!o.targets().containsKey(iqn)) continue;
      String name = name(iqnPrefix, iqn, targets.size() + 1, targets.keySet());
      names.put(iqn, name);
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("iqn", iqn);
      List<String> tpgs = o.targets().get(iqn);
      if (!tpgs.isEmpty()) t.put("tpgs", tpgs);
      tpgNames.addAll(tpgs);
      targets.put(name, t);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> tpgs = new LinkedHashMap<>();
    for (String tpg : tpgNames) tpgs.put(tpg, o.tpgs().getOrDefault(tpg, List.of()));
    if (!tpgs.isEmpty()) out.put("tpgs", tpgs);
    if (!targets.isEmpty()) out.put("targets", targets);
    Map<String, Object> hostGroups = new LinkedHashMap<>();
    for (String hg : hgs) hostGroups.put(hg, o.hostGroups().getOrDefault(hg, List.of()));
    if (!hostGroups.isEmpty()) out.put("hostGroups", hostGroups);
    Map<String, Object> targetGroups = new LinkedHashMap<>();
    for (String tg : tgs) {
      List<String> members = new ArrayList<>();
      for (String m : o.targetGroups().getOrDefault(tg, List.of())) {
        members.add(names.getOrDefault(m, m));
      }
      targetGroups.put(tg, members);
    }
    if (!targetGroups.isEmpty()) out.put("targetGroups", targetGroups);
    out.put("logicalUnits", units);
    if (!views.isEmpty()) out.put("views", views);
    return out;
  }

  /** The IQN without the cluster prefix when that is a valid name, else {@code target<n>}. */
  private static String name(String iqnPrefix, String iqn, int n, Set<String> taken) {
    String p = iqnPrefix == null ? null : iqnPrefix.toLowerCase(Locale.ROOT) + ".";
    if (p != null && iqn.startsWith(p)) {
      String rest = iqn.substring(p.length());
      if (rest.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}") && !taken.contains(rest)) return rest;
    }
    String name = "target" + n;
    while (taken.contains(name)) name = name + "_";
    return name;
  }
}
