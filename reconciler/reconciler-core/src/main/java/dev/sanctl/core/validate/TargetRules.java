package dev.sanctl.core.validate;

import dev.sanctl.core.config.YamlPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * iSCSI targets: references, LUNs, serials and IQNs unique cluster-wide, derived IQNs, portal
 * coverage.
 */
final class TargetRules {
  static final Pattern IQN =
      Pattern.compile(
          "^(iqn\\.[0-9]{4}-[0-9]{2}\\.[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[a-z0-9.:-]+)?"
              + "|eui\\.[0-9A-Fa-f]{16})$");
  static final int MAX_IQN_BYTES = 223;

  private final RuleContext c;
  private final Set<String> uncovered = new HashSet<>();

  TargetRules(RuleContext c) {
    this.c = c;
  }

  void check() {
    targets();
  }

  private void targets() {
    Set<String> portalGroups = c.names(c.root.path("portalGroups"));
    Set<String> initiatorGroups = c.names(c.root.path("initiatorGroups"));
    Map<String, YamlPath> iqns = new HashMap<>();
    Map<String, YamlPath> serials = new HashMap<>();
    JsonNode targets = c.root.path("targets");
    for (int i = 0; i < targets.size(); i++) {
      YamlPath p = YamlPath.of("targets", i);
      JsonNode t = c.at(p);
      String pg = t.path("portalGroup").asString();
      boolean pgOk = c.ref(p.key("portalGroup"), pg, portalGroups, "portal group");
      List<String> volumes = new ArrayList<>();
      if (t.has("luns")) {
        if (t.has("volume") || t.has("serial")) {
          c.error(
              c.keyOf(p.key(t.has("volume") ? "volume" : "serial")),
              "target #"
                  + (i + 1)
                  + " gives both luns and "
                  + (t.has("volume") ? "volume" : "serial"),
              "list LUN 0 under luns, or use volume and serial without luns");
        }
        Map<Long, YamlPath> lunNumbers = new HashMap<>();
        for (int l = 0; l < t.path("luns").size(); l++) {
          YamlPath lp = p.key("luns").index(l);
          JsonNode lun = c.at(lp);
          c.unique(lunNumbers, lun.path("lun").asLong(), lp.key("lun"), "LUN " + lun.path("lun"));
          if (c.volumeRef(lp.key("volume"))) volumes.add(lun.path("volume").asString());
          if (lun.has("serial")) {
            c.unique(
                serials,
                lun.path("serial").asString(),
                lp.key("serial"),
                "serial '" + lun.path("serial").asString() + "'");
          }
        }
      } else if (!t.has("volume")) {
        c.error(
            c.keyOf(p),
            "target #" + (i + 1) + " names no volume",
            "add volume: vg/lv (or luns: for several LUNs)");
      } else {
        if (c.volumeRef(p.key("volume"))) volumes.add(t.path("volume").asString());
        if (t.has("serial")) {
          String serial = t.path("serial").asString();
          c.unique(serials, serial, p.key("serial"), "serial '" + serial + "'");
        }
      }
      c.eachString(
          p.key("initiators"),
          (ip, name) -> {
            if (!initiatorGroups.contains(name) && !IQN.matcher(name).matches()) {
              c.missing(ip, name, initiatorGroups, "initiator group");
            }
          });
      String iqn = iqn(t, pg, volumes);
      if (iqn != null) {
        YamlPath where = t.has("iqn") ? p.key("iqn") : p;
        if (!t.has("iqn")
            && (iqn.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_IQN_BYTES
                || !IQN.matcher(iqn).matches())) {
          c.error(
              c.keyOf(p),
              "the IQN derived for target #" + (i + 1) + " is not a valid iSCSI name: " + iqn,
              "give the target an explicit iqn:, or use names of letters, digits, '.', '-' and '_',"
                  + " at most 223 characters in all");
        } else {
          c.unique(iqns, iqn, where, "target IQN " + iqn);
        }
      }
      if (pgOk) coverage(p, pg, volumes);
    }
    for (String pool : c.names(c.root.path("pools"))) {
      YamlPath cp = YamlPath.of("pools", pool, "comstar");
      for (String name : c.names(c.at(cp).path("targets"))) {
        YamlPath tp = cp.key("targets").key(name).key("iqn");
        c.unique(iqns, c.at(tp).asString(), tp, "target IQN " + c.at(tp).asString());
      }
      JsonNode lus = c.at(cp).path("logicalUnits");
      for (int l = 0; l < lus.size(); l++) {
        YamlPath sp = cp.key("logicalUnits").index(l).key("serial");
        if (c.at(sp).isString()) {
          c.unique(serials, c.at(sp).stringValue(), sp, "serial '" + c.at(sp).stringValue() + "'");
        }
      }
    }
  }

  private String iqn(JsonNode t, String pg, List<String> volumes) {
    if (t.has("iqn")) return t.path("iqn").asString();
    if (volumes.isEmpty()) return null;
    String v = volumes.get(0);
    for (JsonNode lun : t.path("luns")) {
      if (lun.path("lun").asLong(-1) == 0 && volumes.contains(lun.path("volume").asString())) {
        v = lun.path("volume").asString();
        break;
      }
    }
    return (c.root.path("cluster").path("iqnPrefix").asString()
            + "."
            + pg
            + "."
            + v.replace('/', '.'))
        .toLowerCase(Locale.ROOT)
        .replace('_', '-');
  }

  /** A target's portal group has portals on every node that can hold its volume groups. */
  private void coverage(YamlPath target, String pg, List<String> volumes) {
    JsonNode portals = c.root.path("portalGroups").path(pg).path("portals");
    for (String v : volumes) {
      String vg = v.substring(0, v.indexOf('/'));
      for (JsonNode n : c.root.path("volumeGroups").path(vg).path("nodes")) {
        String node = n.asString();
        if (!c.root.path("nodes").has(node)) continue;
        if (!portals.has(node) && uncovered.add(pg + "|" + node)) {
          c.error(
              c.valueOf(target.key("portalGroup")),
              "portal group '"
                  + pg
                  + "' has no portals on node '"
                  + node
                  + "', which can hold volume group '"
                  + vg
                  + "'",
              "add portals for " + node + " to " + pg + ", or use another portal group");
        }
      }
    }
  }
}
