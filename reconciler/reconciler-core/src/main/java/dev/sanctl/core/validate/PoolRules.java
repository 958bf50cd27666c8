package dev.sanctl.core.validate;

import dev.sanctl.core.config.YamlPath;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * ZFS pools: zvol and dataset names, sizes, block sizes, schedules, stmf-ha and COMSTAR references.
 */
final class PoolRules {
  private final RuleContext c;

  PoolRules(RuleContext c) {
    this.c = c;
  }

  void check() {
    pools();
  }

  private void pools() {
    Set<String> schedules = c.names(c.root.path("snapshotSchedules"));
    for (String pool : c.names(c.root.path("pools"))) {
      YamlPath p = YamlPath.of("pools", pool);
      JsonNode pl = c.at(p);
      for (String ds : c.names(pl.path("datasets"))) {
        inPool(p.key("datasets").key(ds), ds, pool, "dataset");
      }
      for (String zv : c.names(pl.path("volumes"))) {
        YamlPath zp = p.key("volumes").key(zv);
        inPool(zp, zv, pool, "zvol");
        c.size(zp.key("size"));
        if (c.at(zp).has("blockSize")) c.blockSize(zp.key("blockSize"));
        c.optionalRef(zp.key("snapshotSchedule"), schedules, "snapshot schedule");
      }
      YamlPath vd = p.key("volumeDefaults");
      if (c.at(vd).has("blockSize")) c.blockSize(vd.key("blockSize"));
      c.optionalRef(vd.key("snapshotSchedule"), schedules, "snapshot schedule");
      if (pl.has("stmfHa") && pl.has("comstar")) {
        c.error(
            c.keyOf(p.key("comstar")),
            "pool '" + pool + "' has both stmfHa and comstar",
            "manage its COMSTAR configuration one way: stmfHa or comstar");
      }
      if (pl.path("stmfHa").isObject()) stmfHa(p, pool);
      if (pl.path("comstar").isObject()) comstar(p, pool);
    }
  }

  private void inPool(YamlPath p, String name, String pool, String what) {
    if (!name.startsWith(pool + "/")) {
      c.error(
          c.keyOf(p),
          what + " '" + name + "' is not inside pool '" + pool + "'",
          "name it " + pool + "/...");
    }
  }

  private void stmfHa(YamlPath pool, String poolName) {
    YamlPath s = pool.key("stmfHa");
    JsonNode h = c.at(s);
    Set<String> tpgs = c.names(h.path("targetPortalGroups"));
    Set<String> targets = c.names(h.path("targets"));
    Set<String> hostGroups = c.names(h.path("hostGroups"));
    Set<String> targetGroups = c.names(h.path("targetGroups"));
    Set<String> zvols = c.names(c.at(pool).path("volumes"));
    c.optionalRef(s.key("defaultTpg"), tpgs, "TPG");
    for (String t : targets) c.optionalRef(s.key("targets").key(t).key("tpg"), tpgs, "TPG");
    for (String g : targetGroups) {
      c.eachString(s.key("targetGroups").key(g), (p, t) -> c.ref(p, t, targets, "stmf-ha target"));
    }
    c.eachString(s.key("logicalUnits"), (p, lu) -> c.ref(p, lu, zvols, "zvol of pool " + poolName));
    stmfHaLuns(pool, s, h);
    for (String v : c.names(h.path("views"))) {
      YamlPath vp = s.key("views").key(v);
      c.optionalRef(vp.key("hostGroup"), hostGroups, "host group");
      c.optionalRef(vp.key("targetGroup"), targetGroups, "target group");
    }
  }

  /**
   * Without views, {@code stmf-ha start} gives each LU, in order (logicalUnits, else the pool's
   * zvols by name), the LUN of its {@code :NN} suffix, or the lowest free one; an LU whose suffix
   * an earlier LU already took gets another LUN, so the plan could never converge.
   */
  private void stmfHaLuns(YamlPath pool, YamlPath s, JsonNode h) {
    if (!c.names(h.path("views")).isEmpty()) return;
    java.util.List<String> order = new java.util.ArrayList<>();
    Map<String, YamlPath> at = new HashMap<>();
    if (h.path("logicalUnits").isArray()) {
      c.eachString(
          s.key("logicalUnits"),
          (p, lu) -> {
            order.add(lu);
            at.put(lu, p);
          });
    } else {
      for (String zv : new java.util.TreeSet<>(c.names(c.at(pool).path("volumes")))) {
        order.add(zv);
        at.put(zv, pool.key("volumes").key(zv));
      }
    }
    Map<Integer, String> taken = new HashMap<>();
    for (String lu : order) {
      int want = suffixLun(lu);
      if (want < 0) {
        int free = 0;
        while (taken.containsKey(free)) free++;
        taken.put(free, lu);
      } else if (taken.containsKey(want)) {
        YamlPath p = at.get(lu);
        c.error(
            p.equals(pool.key("volumes").key(lu)) ? c.keyOf(p) : c.valueOf(p),
            "LU '"
                + lu
                + "' asks for LUN "
                + want
                + " with its suffix, but stmf-ha gives LUN "
                + want
                + " to '"
                + taken.get(want)
                + "', which comes first",
            "give every LU of the pool a distinct ':NN' suffix, or list logicalUnits with the"
                + " suffixed ones first");
      } else {
        taken.put(want, lu);
      }
    }
  }

  /** The LUN of a {@code :NN} suffix, or -1. */
  static int suffixLun(String lu) {
    int colon = lu.lastIndexOf(':');
    if (colon < 0 || colon == lu.length() - 1) return -1;
    for (int i = colon + 1; i < lu.length(); i++) {
      if (lu.charAt(i) < '0' || lu.charAt(i) > '9') return -1;
    }
    return lu.length() - colon - 1 > 5 ? -1 : Integer.parseInt(lu.substring(colon + 1));
  }

  private void comstar(YamlPath pool, String poolName) {
    YamlPath cp = pool.key("comstar");
    JsonNode cs = c.at(cp);
    Set<String> tpgs = c.names(cs.path("tpgs"));
    Set<String> targets = c.names(cs.path("targets"));
    Set<String> hostGroups = c.names(cs.path("hostGroups"));
    Set<String> targetGroups = c.names(cs.path("targetGroups"));
    Set<String> zvols = c.names(c.at(pool).path("volumes"));
    Set<String> lus = new LinkedHashSet<>();
    Map<String, YamlPath> guids = new HashMap<>();
    for (int i = 0; i < cs.path("logicalUnits").size(); i++) {
      YamlPath lp = cp.key("logicalUnits").index(i);
      String zvol = c.at(lp).path("zvol").asString();
      c.ref(lp.key("zvol"), zvol, zvols, "zvol of pool " + poolName);
      c.unique(
          guids, c.at(lp).path("guid").asString().toUpperCase(Locale.ROOT), lp.key("guid"), "GUID");
      lus.add(zvol);
    }
    for (String t : targets) {
      c.eachString(cp.key("targets").key(t).key("tpgs"), (p, g) -> c.ref(p, g, tpgs, "TPG"));
    }
    for (String g : targetGroups) {
      c.eachString(cp.key("targetGroups").key(g), (p, t) -> c.ref(p, t, targets, "COMSTAR target"));
    }
    Map<String, YamlPath> luns = new HashMap<>();
    for (int i = 0; i < cs.path("views").size(); i++) {
      YamlPath vp = cp.key("views").index(i);
      JsonNode v = c.at(vp);
      c.ref(vp.key("lu"), v.path("lu").asString(), lus, "logical unit");
      c.optionalRef(vp.key("hostGroup"), hostGroups, "host group");
      c.optionalRef(vp.key("targetGroup"), targetGroups, "target group");
      String key =
          v.path("hostGroup").asString("*")
              + "|"
              + v.path("targetGroup").asString("*")
              + "|"
              + v.path("lun").asLong();
      c.unique(
          luns, key, vp.key("lun"), "LUN " + v.path("lun") + " for this host and target group");
    }
  }
}
