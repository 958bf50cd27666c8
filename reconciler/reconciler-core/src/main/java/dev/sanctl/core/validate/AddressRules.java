package dev.sanctl.core.validate;

import dev.sanctl.core.config.YamlPath;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Declarations that would give two planned changes one address ({@code
 * <node>/<provider>.<kind>/<name>}, unique in a plan): a name declared both as a ZFS filesystem and
 * as a zvol, two COMSTAR logical units of one zvol, two COMSTAR views of one logical unit for the
 * same host and target group. (Target IQNs, serials and mount points have their own rules.)
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
