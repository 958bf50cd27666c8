package dev.sanctl.core.validate;

import dev.sanctl.core.config.YamlPath;
import dev.sanctl.spi.rules.LvmNames;
import tools.jackson.databind.JsonNode;

/**
 * Volume group and volume names as lvm2 takes them ({@link LvmNames}): {@code .} and {@code ..} are
 * no names, LV names with a reserved prefix or infix are refused by lvcreate, and an LV name (also
 * the snapshot names backups derive from it) must fit beside its group's name. The schema already
 * checks the characters, a leading '-' and the 127-character limit.
 */
final class LvmNameRules {
  /** The longest suffix a backup adds to a source LV name: {@code _bkthin_} and a UTC stamp. */
  static final String BACKUP_SNAPSHOT = "_bkthin_YYYYMMDDhhmmss";

  private final RuleContext c;

  LvmNameRules(RuleContext c) {
    this.c = c;
  }

  void check() {
    for (String vg : RuleContext.names(c.root.path("volumeGroups"))) {
      YamlPath p = YamlPath.of("volumeGroups", vg);
      JsonNode g = c.at(p);
      boolean lvm = !"files".equals(g.path("type").asString("lvm"));
      if (lvm) {
        LvmNames.invalid(vg)
            .ifPresent(
                why ->
                    c.error(
                        c.keyOf(p),
                        "volume group name '" + vg + "' is not a valid LVM name: " + why,
                        "rename the volume group"));
      }
      for (String lv : RuleContext.names(g.path("volumes"))) {
        volume(c.keyOf(p.key("volumes").key(lv)), vg, lv, lvm, "volume");
      }
      JsonNode meta = g.path("metaVolume").path("name");
      if (meta.isString()) {
        volume(
            c.valueOf(p.key("metaVolume").key("name")), vg, meta.stringValue(), lvm, "meta volume");
      }
    }
    backupSnapshots();
  }

  private void volume(
      dev.sanctl.spi.model.SourceRef at, String vg, String lv, boolean lvm, String what) {
    var invalid = LvmNames.invalid(lv);
    if (invalid.isPresent()) {
      c.error(
          at,
          what + " name '" + lv + "' is not a valid LVM name: " + invalid.get(),
          "use letters, digits, '.', '_', '-' and '+', not starting with '-'");
      return;
    }
    if (!lvm) return;
    LvmNames.reserved(lv)
        .ifPresent(
            r ->
                c.error(
                    at,
                    what
                        + " name '"
                        + lv
                        + "': lvm2 reserves names "
                        + (lv.startsWith(r) ? "starting" : "including")
                        + " \""
                        + r
                        + "\" for its own volumes",
                    "choose a different name"));
    if (lv.length() > LvmNames.maxLvLength(vg)) {
      c.error(
          at,
          what
              + " name '"
              + lv
              + "' is too long for volume group '"
              + vg
              + "': lvm2 allows at most "
              + LvmNames.maxLvLength(vg)
              + " characters (128 less the group name and 3)",
          "choose a shorter name");
    }
  }

  /** Backups snapshot an LVM source as {@code <lv>_bksnap} or {@code <lv>_bkthin_<stamp>}. */
  private void backupSnapshots() {
    JsonNode jobs = c.root.path("backups").path("jobs");
    for (int i = 0; i < jobs.size(); i++) {
      YamlPath sp = YamlPath.of("backups", "jobs", i, "source");
      if (!c.at(sp).isString()) continue;
      String ref = c.at(sp).stringValue();
      int slash = ref.indexOf('/');
      if (slash < 0) continue;
      String vg = ref.substring(0, slash);
      String lv = ref.substring(slash + 1);
      JsonNode g = c.root.path("volumeGroups").path(vg);
      if (!g.isObject() || "files".equals(g.path("type").asString("lvm"))) continue;
      String snapshot = lv + BACKUP_SNAPSHOT;
      if (snapshot.length() > LvmNames.maxLvLength(vg)) {
        c.error(
            c.valueOf(sp),
            "the snapshot a backup of "
                + ref
                + " takes, "
                + snapshot
                + ", is longer than the "
                + LvmNames.maxLvLength(vg)
                + " characters lvm2 allows in volume group '"
                + vg
                + "'",
            "shorten the volume name to at most "
                + (LvmNames.maxLvLength(vg) - BACKUP_SNAPSHOT.length())
                + " characters");
      }
    }
  }
}
