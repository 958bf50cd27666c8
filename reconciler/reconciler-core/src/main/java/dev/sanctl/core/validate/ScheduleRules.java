package dev.sanctl.core.validate;

import dev.sanctl.core.config.YamlPath;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Snapshot schedules (zones, rule names), backup jobs (references, destinations) and cron blocks.
 */
final class ScheduleRules {
  private final RuleContext c;

  ScheduleRules(RuleContext c) {
    this.c = c;
  }

  void check() {
    schedules();
    backups();
    cron();
  }

  private void schedules() {
    for (String s : c.names(c.root.path("snapshotSchedules"))) {
      YamlPath p = YamlPath.of("snapshotSchedules", s);
      JsonNode zone = c.at(p).path("zone");
      if (zone.isString() && !isZone(zone.stringValue())) {
        String suggestion = Suggestions.closest(zone.stringValue(), ZoneId.getAvailableZoneIds());
        c.error(
            c.valueOf(p.key("zone")),
            "unknown time zone '"
                + zone.stringValue()
                + "' in snapshot schedule '"
                + s
                + "'"
                + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?"),
            "use an IANA zone id such as UTC or America/New_York");
      }
      Map<String, YamlPath> rules = new HashMap<>();
      JsonNode list = c.at(p).path("rules");
      for (int i = 0; i < list.size(); i++) {
        YamlPath rp = p.key("rules").index(i).key("name");
        c.unique(rules, c.at(rp).asString(), rp, "rule name '" + c.at(rp).asString() + "'");
      }
    }
  }

  static boolean isZone(String id) {
    return ZoneId.getAvailableZoneIds().contains(id);
  }

  private void backups() {
    JsonNode defaults = c.root.path("backups").path("defaults");
    Set<String> nodes = c.names(c.root.path("nodes"));
    Set<String> pools = c.names(c.root.path("pools"));
    c.optionalRef(YamlPath.of("backups", "defaults", "archive"), nodes, "node");
    c.optionalRef(YamlPath.of("backups", "defaults", "pool"), pools, "pool");
    Map<String, YamlPath> destinations = new HashMap<>();
    JsonNode jobs = c.root.path("backups").path("jobs");
    for (int i = 0; i < jobs.size(); i++) {
      YamlPath p = YamlPath.of("backups", "jobs", i);
      JsonNode j = c.at(p);
      c.volumeRef(p.key("source"));
      String archive = j.path("archive").asString(defaults.path("archive").asString(null));
      String pool = j.path("pool").asString(defaults.path("pool").asString(null));
      if (archive == null || pool == null) {
        c.error(
            c.keyOf(p),
            "backup job #" + (i + 1) + " has no " + (archive == null ? "archive" : "pool"),
            "set it on the job or in backups.defaults");
        continue;
      }
      if (j.has("archive")) c.ref(p.key("archive"), archive, nodes, "node");
      if (j.has("pool")) c.ref(p.key("pool"), pool, pools, "pool");
      JsonNode poolNodes = c.root.path("pools").path(pool).path("nodes");
      if (poolNodes.isArray() && nodes.contains(archive) && !c.contains(poolNodes, archive)) {
        c.error(
            c.valueOf(p.key(j.has("pool") ? "pool" : "source")),
            "pool '" + pool + "' is not on archive node '" + archive + "'",
            "add " + archive + " to the pool's nodes or choose another pool");
      }
      String source = j.path("source").asString();
      changeMap(p, j, defaults, source);
      String lv = source.substring(source.indexOf('/') + 1);
      String volume = j.path("volume").asString(lv + "_bk");
      c.unique(
          destinations,
          archive + ":" + pool + "/" + volume,
          j.has("volume") ? p.key("volume") : p.key("source"),
          "backup destination " + pool + "/" + volume + " on " + archive);
    }
  }

  /** {@code changeMap: thin} needs LVM thin snapshots: a files group has none. */
  private void changeMap(YamlPath p, JsonNode j, JsonNode defaults, String source) {
    String map = j.path("changeMap").asString(defaults.path("changeMap").asString("ddmap"));
    if (!map.equals("thin") || source.indexOf('/') < 0) return;
    String vg = source.substring(0, source.indexOf('/'));
    JsonNode group = c.root.path("volumeGroups").path(vg);
    if (!"files".equals(group.path("type").asString("lvm"))) return;
    YamlPath at =
        j.has("changeMap") ? p.key("changeMap") : YamlPath.of("backups", "defaults", "changeMap");
    c.error(
        c.valueOf(at),
        "backup job "
            + source
            + ": changeMap thin needs an LVM thin volume, but volume group '"
            + vg
            + "' is a files group",
        "use changeMap: none for a files group, or ddmap when an IET target exports it");
  }

  private void cron() {
    for (String node : c.names(c.root.path("cron"))) {
      JsonNode entries = c.root.path("cron").path(node);
      for (int i = 0; i < entries.size(); i++) {
        YamlPath sp = YamlPath.of("cron", node, i, "schedule");
        String schedule = c.at(sp).asString();
        String problem = CronExpression.problem(schedule);
        if (problem != null) {
          c.error(
              c.valueOf(sp),
              "cron schedule '"
                  + Shown.value(schedule)
                  + "' of node '"
                  + node
                  + "' "
                  + describeProblem(problem),
              "five fields: minute hour day-of-month month day-of-week, e.g. '0 22 * * *'");
        }
      }
    }
  }

  private static String describeProblem(String problem) {
    return problem.startsWith("has ") ? problem : "is invalid: " + problem;
  }
}
