package dev.sanctl.core.validate;

import dev.sanctl.core.config.YamlPath;
import dev.sanctl.spi.model.Backups;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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
    Set<String> reported = new HashSet<>();
    JsonNode jobs = c.root.path("backups").path("jobs");
    for (int i = 0; i < jobs.size(); i++) {
      YamlPath p = YamlPath.of("backups", "jobs", i);
      JsonNode j = c.at(p);
      if (c.volumeRef(p.key("source"))) absentSource(p, i);
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
      YamlPath volumeAt = j.has("volume") ? p.key("volume") : p.key("source");
      c.unique(
          destinations,
          archive + ":" + pool + "/" + volume,
          volumeAt,
          "backup destination " + pool + "/" + volume + " on " + archive);
      derivedOnce(i, pool, volume, volumeAt, reported);
    }
  }

  /**
   * The archive zvol and the checksum filesystem of a job are owned by backups: declaring either
   * under {@code pools} too would make two providers plan one dataset.
   */
  private void derivedOnce(
      int job, String pool, String volume, YamlPath volumeAt, Set<String> reported) {
    String zvol = pool + "/" + volume;
    String checksums = Backups.checksumFilesystem(pool);
    YamlPath poolAt = YamlPath.of("pools", pool);
    if (zvol.equals(checksums)) {
      c.error(
          c.valueOf(volumeAt),
          "the archive volume of backup job #"
              + (job + 1)
              + " is "
              + zvol
              + ", the checksum filesystem backups keep in pool '"
              + pool
              + "'",
          "give the job another volume name");
    }
    for (String section : List.of("volumes", "datasets")) {
      for (String name : List.of(zvol, checksums)) {
        YamlPath declared = poolAt.key(section).key(name);
        if (c.at(declared).isMissingNode() || !reported.add(declared.toString())) continue;
        String what = name.equals(zvol) ? "archive volume" : "checksum filesystem";
        c.error(
            c.keyOf(declared),
            name
                + " is declared here and is also the "
                + what
                + " of backup job #"
                + (job + 1)
                + " (at "
                + c.valueOf(volumeAt)
                + "), which creates and manages it",
            "remove it from pools."
                + pool
                + "."
                + section
                + ": each dataset has one owner; archive volumes take their properties from"
                + " pools."
                + pool
                + ".volumeDefaults");
      }
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

  /** A job must not back up a volume the same configuration destroys ({@code state: absent}). */
  private void absentSource(YamlPath job, int i) {
    String ref = c.at(job.key("source")).asString();
    String vg = ref.substring(0, ref.indexOf('/'));
    String lv = ref.substring(ref.indexOf('/') + 1);
    JsonNode volume = c.root.path("volumeGroups").path(vg).path("volumes").path(lv);
    if ("absent".equals(volume.path("state").asString(null))) {
      c.error(
          c.valueOf(job.key("source")),
          "backup job #"
              + (i + 1)
              + " backs up '"
              + ref
              + "', which this configuration destroys (state: absent)",
          "remove the backup job along with the volume, or set the volume back to state: present");
    }
  }
}
