package dev.sanctl.core.validate;

import dev.sanctl.core.config.YamlPath;
import dev.sanctl.spi.rules.IscsiNames;
import dev.sanctl.spi.rules.StmfHaNames;
import dev.sanctl.spi.rules.ZfsDatasetNames;
import tools.jackson.databind.JsonNode;

/**
 * Names checked against the tool that receives them ({@code spi.rules}): ZFS dataset and zvol names
 * (and the snapshot names derived from scheduled zvols) by {@link ZfsDatasetNames}, stmf-ha object
 * names by {@link StmfHaNames} (bash variable prefixes; a target's derived IQN by itadm's rules).
 * LVM names have {@link LvmNameRules}; derived tgt/IET IQNs are checked in {@link TargetRules}.
 */
final class PlatformNameRules {
  private final RuleContext c;

  PlatformNameRules(RuleContext c) {
    this.c = c;
  }

  void check() {
    for (String pool : RuleContext.names(c.root.path("pools"))) {
      YamlPath p = YamlPath.of("pools", pool);
      JsonNode pl = c.at(p);
      for (String ds : RuleContext.names(pl.path("datasets"))) {
        zfsName(p.key("datasets").key(ds), ds, "filesystem");
      }
      boolean defaultSchedule = pl.path("volumeDefaults").has("snapshotSchedule");
      for (String zv : RuleContext.names(pl.path("volumes"))) {
        YamlPath zp = p.key("volumes").key(zv);
        if (!zfsName(zp, zv, "volume")) continue;
        boolean scheduled = defaultSchedule || c.at(zp).has("snapshotSchedule");
        if (scheduled && !ZfsDatasetNames.snapshotsFit(zv)) {
          c.error(
              c.keyOf(zp),
              "the snapshots of volume "
                  + zv
                  + " ("
                  + zv
                  + "@yyyy-MM-dd_HH.mm.ss) would be longer than the 255 characters zfs allows",
              "shorten the name to at most "
                  + (ZfsDatasetNames.MAX_NAME_LEN - 1 - ZfsDatasetNames.SNAPSHOT_SUFFIX_LEN)
                  + " characters");
        }
      }
      if (pl.path("stmfHa").isObject()) stmfHa(p.key("stmfHa"));
      comstarTargets(p.key("comstar").key("targets"));
    }
  }

  /** COMSTAR target IQNs go to itadm create-target, which checks libiscsit's rules. */
  private void comstarTargets(YamlPath targets) {
    for (String t : RuleContext.names(c.at(targets))) {
      YamlPath ip = targets.key(t).key("iqn");
      if (!c.at(ip).isString()) continue;
      String iqn = c.at(ip).stringValue();
      if (!IscsiNames.illumos(iqn)) {
        c.error(
            c.valueOf(ip),
            "COMSTAR target IQN " + iqn + " is not one itadm accepts",
            "iqn.YYYY-MM.reversed.domain[:suffix] with a month from 01 to 12, at most 223"
                + " characters");
      }
    }
  }

  private boolean zfsName(YamlPath p, String name, String what) {
    String why = ZfsDatasetNames.invalid(name);
    if (why == null) return true;
    c.error(c.keyOf(p), what + " name '" + name + "' is not a valid ZFS name: " + why, null);
    return false;
  }

  private void stmfHa(YamlPath s) {
    JsonNode h = c.at(s);
    for (String t : RuleContext.names(h.path("targets"))) {
      String why = StmfHaNames.invalidTarget(t);
      if (why != null) {
        c.error(
            c.keyOf(s.key("targets").key(t)),
            "stmf-ha target name '" + t + "' cannot be used: " + why,
            "use letters and digits only, starting with a letter");
      }
    }
    for (String section :
        new String[] {"targetPortalGroups", "hostGroups", "targetGroups", "views"}) {
      for (String n : RuleContext.names(h.path(section))) {
        if (!StmfHaNames.bashName(n)) {
          c.error(
              c.keyOf(s.key(section).key(n)),
              "stmf-ha name '"
                  + n
                  + "' cannot be used: it prefixes bash variables ("
                  + n
                  + "_members, ...), which take letters, digits and '_' only, not starting with a"
                  + " digit",
              "use letters, digits and '_' only, starting with a letter");
        }
      }
    }
  }
}
