package dev.sanctl.providers.comstar;

import dev.sanctl.spi.provider.FieldChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Compares two {@code stmf-ha.conf} files by what {@code stmf-ha start} makes of them, not by their
 * bytes: the order of group members, portals, targets and groups means nothing to stmf-ha (a
 * reordered YAML changes nothing), the order of TPGs (the first is the default), views (the last
 * covering one wins) and logical units (LUN choice) does. {@link #takenAway} lists what the new
 * file no longer exports: it disappears at the next {@code stmf-ha start} (now or after a
 * failover), so writing such a file is disruptive and needs approval.
 */
final class StmfHaFileDiff {
  private final Map<String, List<String>> before;
  private final Map<String, List<String>> after;

  StmfHaFileDiff(String before, String after) {
    this.before = StmfHaVariables.parse(before);
    this.after = StmfHaVariables.parse(after);
  }

  private static boolean unordered(String name) {
    return name.endsWith("_members")
        || name.endsWith("_portals")
        || name.equals("targets")
        || name.equals("host_groups")
        || name.equals("target_groups");
  }

  private static Object meaning(String name, List<String> values) {
    return values == null ? null : unordered(name) ? new TreeSet<>(values) : values;
  }

  /** The variables whose meaning differs, as field changes (old and new value). */
  List<FieldChange> fields() {
    TreeSet<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    List<FieldChange> out = new ArrayList<>();
    for (String n : names) {
      List<String> b = before.get(n);
      List<String> a = after.get(n);
      if (!Objects.equals(meaning(n, b), meaning(n, a))) {
        out.add(FieldChange.of(n, b == null ? null : show(b), a == null ? null : show(a)));
      }
    }
    return out;
  }

  private static String show(List<String> values) {
    return values.size() == 1 ? values.get(0) : "(" + String.join(" ", values) + ")";
  }

  private List<String> list(Map<String, List<String>> vars, String name) {
    return vars.getOrDefault(name, List.of());
  }

  private String scalar(Map<String, List<String>> vars, String name) {
    List<String> v = vars.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** The TPG stmf-ha puts target {@code t} in (as stmf-ha's {@code tpgFor}). */
  private String tpgOf(Map<String, List<String>> vars, String t) {
    String own = scalar(vars, t + "_tpg");
    if (own != null && !own.isEmpty()) return own;
    String def = scalar(vars, "default_tpg");
    if (def == null || def.isEmpty()) def = "default";
    List<String> tpgs = list(vars, "target_portal_groups");
    return !tpgs.isEmpty() && def.equals("default") ? tpgs.get(0) : def;
  }

  /**
   * What the new file takes away from the old one: targets, TPGs, portals, host and target groups
   * and their members, views and their groups or prefixes, logical units ({@code zvols}: the pool's
   * zvols, the LUs of a file without {@code logical_units}).
   */
  List<String> takenAway(List<String> zvols) {
    List<String> out = new ArrayList<>();
    List<String> oldTargets = list(before, "targets");
    List<String> newTargets = list(after, "targets");
    for (String t : oldTargets) {
      if (!newTargets.contains(t)) out.add("target " + t + " is no longer exported");
      else if (!tpgOf(before, t).equals(tpgOf(after, t))) {
        out.add("target " + t + " moves from TPG " + tpgOf(before, t) + " to " + tpgOf(after, t));
      }
    }
    for (String tpg : list(before, "target_portal_groups")) {
      if (!list(after, "target_portal_groups").contains(tpg)) {
        out.add("TPG " + tpg + " is dropped");
        continue;
      }
      for (String p : list(before, tpg + "_portals")) {
        if (!list(after, tpg + "_portals").contains(p)) {
          out.add("portal " + p + " leaves TPG " + tpg);
        }
      }
    }
    members(out, "host_groups", "host group", "initiator");
    members(out, "target_groups", "target group", "target");
    for (String v : list(before, "views")) {
      if (!list(after, "views").contains(v)) {
        out.add("view " + v + " is dropped");
        continue;
      }
      for (String field : List.of("_hg", "_tg", "_lu_prefix")) {
        String b = scalar(before, v + field);
        String a = scalar(after, v + field);
        if (!Objects.equals(b, a)) {
          out.add(
              "view "
                  + v
                  + field
                  + " "
                  + (b == null ? "unset" : b)
                  + " -> "
                  + (a == null ? "unset" : a));
        }
      }
    }
    List<String> oldLus =
        before.containsKey("logical_units") ? list(before, "logical_units") : zvols;
    List<String> newLus = after.containsKey("logical_units") ? list(after, "logical_units") : zvols;
    for (String lu : oldLus) {
      if (!newLus.contains(lu)) out.add("LU " + lu + " is no longer exported");
    }
    return out;
  }

  private void members(List<String> out, String groups, String kind, String member) {
    for (String g : list(before, groups)) {
      if (!list(after, groups).contains(g)) {
        out.add(kind + " " + g + " is dropped");
        continue;
      }
      for (String m : list(before, g + "_members")) {
        if (!list(after, g + "_members").contains(m)) {
          out.add(member + " " + m + " leaves " + kind + " " + g);
        }
      }
    }
  }
}
