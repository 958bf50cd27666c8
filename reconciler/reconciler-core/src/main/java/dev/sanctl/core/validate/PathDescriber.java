package dev.sanctl.core.validate;

import dev.sanctl.core.config.YamlPath;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Names a place in the config the way an administrator would: "volume 'lv_a'", "target #2". */
public final class PathDescriber {
  private static final Map<String, String> NOUNS =
      Map.ofEntries(
          Map.entry("nodes", "node"),
          Map.entry("volumeGroups", "volume group"),
          Map.entry("volumes", "volume"),
          Map.entry("portalGroups", "portal group"),
          Map.entry("portals", "portals of node"),
          Map.entry("initiatorGroups", "initiator group"),
          Map.entry("targets", "target"),
          Map.entry("luns", "LUN entry"),
          Map.entry("incoming", "incoming CHAP user"),
          Map.entry("pools", "pool"),
          Map.entry("datasets", "dataset"),
          Map.entry("targetPortalGroups", "TPG"),
          Map.entry("tpgs", "TPG"),
          Map.entry("hostGroups", "host group"),
          Map.entry("targetGroups", "target group"),
          Map.entry("views", "view"),
          Map.entry("logicalUnits", "logical unit"),
          Map.entry("snapshotSchedules", "snapshot schedule"),
          Map.entry("rules", "rule"),
          Map.entry("jobs", "backup job"),
          Map.entry("cron", "cron block of node"),
          Map.entry("to", "recipient"),
          Map.entry("services", "service"),
          Map.entry("initiators", "initiator"));

  private PathDescriber() {}

  /** Describes the object at {@code path}, e.g. "volume 'lv_a'" or "'port' of portal group 'x'". */
  public static String describe(JsonNode root, YamlPath path) {
    if (path.isEmpty()) return "the file";
    if (path.size() == 1 && !root.path(path.get(0).toString()).isContainer()) {
      return "'" + Shown.value(path.get(0).toString()) + "'";
    }
    int entry = -1;
    for (int k = path.size() - 1; k >= 1; k--) {
      if (noun(path, k) != null) {
        entry = k;
        break;
      }
    }
    String rest;
    String owner;
    if (entry < 0) {
      String section = Shown.value(path.get(0).toString());
      if (path.size() == 1) return "section '" + section + "'";
      owner = "section '" + section + "'";
      rest = join(path, 1, path.size());
    } else {
      owner = entryName(root, path, entry);
      rest = join(path, entry + 1, path.size());
    }
    return rest.isEmpty() ? owner : "'" + rest + "' of " + owner;
  }

  private static String noun(YamlPath path, int k) {
    Object container = path.get(k - 1);
    if (k == 2 && path.get(k) instanceof Integer) {
      if ("cron".equals(path.get(0))) return "cron entry";
      if ("initiatorGroups".equals(path.get(0))) return "initiator";
    }
    if (!(container instanceof String c)) return null;
    if (k - 1 == 0 && c.equals("cron")) return "cron block of node";
    if (c.equals("volumes") && k >= 3 && "pools".equals(path.get(0))) return "zvol";
    String n = NOUNS.get(c);
    if (n == null) return null;
    if (k - 1 > 0 && c.equals("cron")) return null;
    if (c.equals("targets") && k - 1 == 0 && !(path.get(k) instanceof Integer)) return null;
    if ((c.equals("to") || c.equals("services") || c.equals("initiators"))
        && !(path.get(k) instanceof Integer)) return null;
    return n;
  }

  private static String entryName(JsonNode root, YamlPath path, int k) {
    String noun = noun(path, k);
    Object e = path.get(k);
    if (e instanceof Integer i) {
      String label = "";
      if (path.get(k - 1).equals("targets") && k == 1) {
        JsonNode v = root.path("targets").path(i).path("volume");
        if (v.isString()) label = " (" + v.stringValue() + ")";
      }
      if (k == 2 && (path.get(0).equals("cron") || path.get(0).equals("initiatorGroups"))) {
        String of = path.get(0).equals("cron") ? " of node '" : " of initiator group '";
        return noun + " #" + (i + 1) + of + Shown.value(path.get(1).toString()) + "'";
      }
      return noun + " #" + (i + 1) + label;
    }
    return noun + " '" + Shown.value(e.toString()) + "'";
  }

  private static String join(YamlPath path, int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < to; i++) {
      Object e = path.get(i);
      if (e instanceof Integer n) {
        sb.append('[').append(n).append(']');
      } else {
        if (sb.length() > 0) sb.append('.');
        sb.append(Shown.value(e.toString()));
      }
    }
    return sb.toString();
  }
}
