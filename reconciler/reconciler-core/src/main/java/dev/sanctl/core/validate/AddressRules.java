package dev.sanctl.core.validate;

import dev.sanctl.core.config.YamlPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Declarations that would give two planned changes one address ({@code
 * <node>/<provider>.<kind>/<name>}, unique in a plan): a name declared both as a ZFS filesystem and
 * as a zvol, two COMSTAR logical units of one zvol, two COMSTAR views of one logical unit for the
 * same host and target group, one COMSTAR TPG, target, host group or target group (objects of the
 * host, not of a pool) declared by two pools that can be imported on one node. (Target IQNs,
 * serials and mount points have their own rules.)
 */
final class AddressRules {
  private final RuleContext c;

  AddressRules(RuleContext c) {
    this.c = c;
  }

  void check() {
    for (String pool : RuleContext.names(c.root.path("pools"))) {
      YamlPath p = YamlPath.of("pools", pool);
      JsonNode volumes = c.at(p.key("volumes"));
      for (String ds : RuleContext.names(c.at(p.key("datasets")))) {
        if (volumes.has(ds)) {
          c.error(
              c.keyOf(p.key("volumes").key(ds)),
              ds
                  + " is declared both as a filesystem ("
                  + c.keyOf(p.key("datasets").key(ds))
                  + ") and as a volume",
              "a dataset is one or the other: keep one of the two");
        }
      }
      if (c.at(p.key("comstar")).isObject()) comstar(p.key("comstar"));
    }
    comstarHostObjects();
  }

  /** COMSTAR objects live on the host: two pools sharing a node cannot both declare one. */
  private void comstarHostObjects() {
    String[][] kinds = {
      {"tpgs", "TPG"},
      {"targets", "target"},
      {"hostGroups", "host group"},
      {"targetGroups", "target group"}
    };
    List<String> pools = new ArrayList<>(RuleContext.names(c.root.path("pools")));
    for (String[] kind : kinds) {
      for (int i = 0; i < pools.size(); i++) {
        YamlPath section = YamlPath.of("pools", pools.get(i), "comstar", kind[0]);
        for (String name : RuleContext.names(c.at(section))) {
          for (int j = 0; j < i; j++) {
            YamlPath earlier = YamlPath.of("pools", pools.get(j), "comstar", kind[0], name);
            if (c.at(earlier).isMissingNode() || !shareANode(pools.get(i), pools.get(j))) continue;
            c.error(
                c.keyOf(section.key(name)),
                "COMSTAR "
                    + kind[1]
                    + " '"
                    + name
                    + "' is also declared by pool '"
                    + pools.get(j)
                    + "' ("
                    + c.keyOf(earlier)
                    + "), which can be imported on the same node; COMSTAR "
                    + kind[1]
                    + "s belong to the node, not to a pool",
                "declare it in one pool only, or give each its own name");
            break;
          }
        }
      }
    }
  }

  private boolean shareANode(String a, String b) {
    for (JsonNode n : c.root.path("pools").path(a).path("nodes")) {
      if (RuleContext.contains(c.root.path("pools").path(b).path("nodes"), n.asString())) {
        return true;
      }
    }
    return false;
  }

  private void comstar(YamlPath cp) {
    Map<String, YamlPath> lus = new HashMap<>();
    JsonNode list = c.at(cp.key("logicalUnits"));
    for (int i = 0; i < list.size(); i++) {
      YamlPath zp = cp.key("logicalUnits").index(i).key("zvol");
      if (c.at(zp).isString()) {
        String zvol = c.at(zp).stringValue();
        c.unique(lus, zvol, zp, "zvol " + zvol + " as a logical unit");
      }
    }
    Map<String, YamlPath> views = new HashMap<>();
    JsonNode vl = c.at(cp.key("views"));
    for (int i = 0; i < vl.size(); i++) {
      YamlPath vp = cp.key("views").index(i);
      JsonNode v = c.at(vp);
      String key =
          v.path("lu").asString()
              + "/"
              + v.path("hostGroup").asString("All")
              + "/"
              + v.path("targetGroup").asString("All");
      c.unique(
          views,
          key,
          vp.key("lu"),
          "a view of logical unit "
              + v.path("lu").asString()
              + " for host group "
              + v.path("hostGroup").asString("All")
              + " and target group "
              + v.path("targetGroup").asString("All"));
    }
  }
}
