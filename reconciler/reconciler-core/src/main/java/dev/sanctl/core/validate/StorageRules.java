package dev.sanctl.core.validate;

import dev.sanctl.core.config.YamlPath;
import dev.sanctl.spi.diag.Diagnostic;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Nodes, volume groups and portal groups: references, meta volumes, paths, sizes, addresses. */
final class StorageRules {
  private final RuleContext c;

  StorageRules(RuleContext c) {
    this.c = c;
  }

  void check() {
    nodeReferences();
    volumeGroups();
    portalGroups();
    tgtExposure();
  }

  private void nodeReferences() {
    Set<String> nodes = c.names(c.root.path("nodes"));
    for (String vg : c.names(c.root.path("volumeGroups"))) {
      c.eachString(YamlPath.of("volumeGroups", vg, "nodes"), (p, n) -> c.ref(p, n, nodes, "node"));
    }
    for (String pool : c.names(c.root.path("pools"))) {
      c.eachString(YamlPath.of("pools", pool, "nodes"), (p, n) -> c.ref(p, n, nodes, "node"));
    }
    for (String pg : c.names(c.root.path("portalGroups"))) {
      for (String n : c.names(c.root.path("portalGroups").path(pg).path("portals"))) {
        c.refKey(YamlPath.of("portalGroups", pg, "portals", n), n, nodes, "node");
      }
    }
    for (String n : c.names(c.root.path("cron")))
      c.refKey(YamlPath.of("cron", n), n, nodes, "node");
  }

  private void volumeGroups() {
    for (String vg : c.names(c.root.path("volumeGroups"))) {
      YamlPath p = YamlPath.of("volumeGroups", vg);
      JsonNode g = c.at(p);
      boolean files = "files".equals(g.path("type").asString("lvm"));
      if (files && !g.has("path")) {
        c.error(
            c.keyOf(p),
            "volume group '" + vg + "' has type files but no 'path'",
            "add path: /directory/holding/the/volume/files");
      }
      if (!files && g.has("path")) {
        c.error(
            c.keyOf(p.key("path")),
            "'path' is only for volume groups of type files; '" + vg + "' is an LVM group",
            "remove path, or add type: files");
      }
      JsonNode meta = g.path("metaVolume");
      if (meta.isObject()) {
        if (files) c.size(p.key("metaVolume").key("size"));
        else c.lvmSize(p.key("metaVolume").key("size"));
        String metaName = meta.path("name").asString();
        if (g.path("volumes").has(metaName)) {
          c.error(
              c.keyOf(p.key("volumes").key(metaName)),
              "volume '"
                  + metaName
                  + "' of volume group '"
                  + vg
                  + "' has the name of the group's meta volume",
              "rename the volume or the meta volume");
        }
      }
      for (String lv : c.names(g.path("volumes"))) {
        YamlPath size = p.key("volumes").key(lv).key("size");
        if (files) c.size(size);
        else c.lvmSize(size);
      }
    }
  }

  private void portalGroups() {
    Map<String, YamlPath> seen = new HashMap<>();
    for (String pg : c.names(c.root.path("portalGroups"))) {
      for (String n : c.names(c.root.path("portalGroups").path(pg).path("portals"))) {
        c.eachString(
            YamlPath.of("portalGroups", pg, "portals", n),
            (p, addr) ->
                c.unique(seen, addr.toLowerCase(Locale.ROOT), p, "portal address " + addr));
      }
    }
  }

  /** tgt has no per-target portal binding: every target is reachable on every tgt portal. */
  private void tgtExposure() {
    Set<String> tgtNodes = new LinkedHashSet<>();
    for (String pg : c.names(c.root.path("portalGroups"))) {
      for (String n : c.names(c.root.path("portalGroups").path(pg).path("portals"))) {
        if (c.contains(c.root.path("nodes").path(n).path("services"), "tgt")) tgtNodes.add(n);
      }
    }
    for (String n : tgtNodes) {
      c.add(
          Diagnostic.warning(
              c.keyOf(YamlPath.of("nodes", n)),
              "node '"
                  + n
                  + "' serves targets with tgt, which has no per-target portal binding:"
                  + " every target is reachable on every portal of the daemon",
              "restrict access with initiators (ACLs); portal groups only choose tgt's portals"));
    }
  }
}
