package dev.sanctl.core.validate;

import dev.sanctl.core.config.MergedDocument;
import dev.sanctl.core.config.Quantities;
import dev.sanctl.core.config.YamlPath;
import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.model.SourceRef;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The semantic rules of format v1 ({@code spec/desired-state.md}, "Semantic rules"), checked on the
 * merged document after the schema: references resolve, cluster-wide uniqueness, portal coverage,
 * sizes and limits, cron expressions, time zones and derived IQN validity. Each problem points at
 * the offending value.
 */
public final class SemanticValidator {
  static final Pattern IQN =
      Pattern.compile(
          "^(iqn\\.[0-9]{4}-[0-9]{2}\\.[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[a-z0-9.:-]+)?"
              + "|eui\\.[0-9A-Fa-f]{16})$");
  static final int MAX_IQN_BYTES = 223;
  private static final long MIN_BLOCK = 512;
  private static final long MAX_BLOCK = 128 * 1024;

  private final JsonNode root;
  private final MergedDocument doc;
  private final List<Diagnostic> out = new ArrayList<>();
  private final Set<String> uncovered = new HashSet<>();

  private SemanticValidator(MergedDocument doc) {
    this.doc = doc;
    this.root = doc.root();
  }

  /** Every semantic problem of {@code doc}. */
  public static List<Diagnostic> validate(MergedDocument doc) {
    SemanticValidator v = new SemanticValidator(doc);
    v.nodeReferences();
    v.volumeGroups();
    v.portalGroups();
    v.tgtExposure();
    v.targets();
    v.pools();
    v.schedules();
    v.backups();
    v.cron();
    return v.out;
  }

  // ---- nodes referenced by volume groups, pools, portal groups and cron

  private void nodeReferences() {
    Set<String> nodes = names(root.path("nodes"));
    for (String vg : names(root.path("volumeGroups"))) {
      eachString(YamlPath.of("volumeGroups", vg, "nodes"), (p, n) -> ref(p, n, nodes, "node"));
    }
    for (String pool : names(root.path("pools"))) {
      eachString(YamlPath.of("pools", pool, "nodes"), (p, n) -> ref(p, n, nodes, "node"));
    }
    for (String pg : names(root.path("portalGroups"))) {
      for (String n : names(root.path("portalGroups").path(pg).path("portals"))) {
        refKey(YamlPath.of("portalGroups", pg, "portals", n), n, nodes, "node");
      }
    }
    for (String n : names(root.path("cron"))) refKey(YamlPath.of("cron", n), n, nodes, "node");
  }

  // ---- volume groups: type/path, meta volume, sizes

  private void volumeGroups() {
    for (String vg : names(root.path("volumeGroups"))) {
      YamlPath p = YamlPath.of("volumeGroups", vg);
      JsonNode g = at(p);
      boolean files = "files".equals(g.path("type").asString("lvm"));
      if (files && !g.has("path")) {
        error(
            keyOf(p),
            "volume group '" + vg + "' has type files but no 'path'",
            "add path: /directory/holding/the/volume/files");
      }
      if (!files && g.has("path")) {
        error(
            keyOf(p.key("path")),
            "'path' is only for volume groups of type files; '" + vg + "' is an LVM group",
            "remove path, or add type: files");
      }
      JsonNode meta = g.path("metaVolume");
      if (meta.isObject()) {
        size(p.key("metaVolume").key("size"));
        String metaName = meta.path("name").asString();
        if (g.path("volumes").has(metaName)) {
          error(
              keyOf(p.key("volumes").key(metaName)),
              "volume '"
                  + metaName
                  + "' of volume group '"
                  + vg
                  + "' has the name of the group's meta volume",
              "rename the volume or the meta volume");
        }
      }
      for (String lv : names(g.path("volumes"))) size(p.key("volumes").key(lv).key("size"));
    }
  }

  // ---- portal groups: unique addresses

  private void portalGroups() {
    Map<String, YamlPath> seen = new HashMap<>();
    for (String pg : names(root.path("portalGroups"))) {
      for (String n : names(root.path("portalGroups").path(pg).path("portals"))) {
        eachString(
            YamlPath.of("portalGroups", pg, "portals", n),
            (p, addr) -> unique(seen, addr.toLowerCase(Locale.ROOT), p, "portal address " + addr));
      }
    }
  }

  /** tgt has no per-target portal binding: every target is reachable on every tgt portal. */
  private void tgtExposure() {
    Set<String> tgtNodes = new LinkedHashSet<>();
    for (String pg : names(root.path("portalGroups"))) {
      for (String n : names(root.path("portalGroups").path(pg).path("portals"))) {
        if (contains(root.path("nodes").path(n).path("services"), "tgt")) tgtNodes.add(n);
      }
    }
    for (String n : tgtNodes) {
      out.add(
          Diagnostic.warning(
              keyOf(YamlPath.of("nodes", n)),
              "node '"
                  + n
                  + "' serves targets with tgt, which has no per-target portal binding:"
                  + " every target is reachable on every portal of the daemon",
              "restrict access with initiators (ACLs); portal groups only choose tgt's portals"));
    }
  }

  // ---- targets

  private void targets() {
    Set<String> portalGroups = names(root.path("portalGroups"));
    Set<String> initiatorGroups = names(root.path("initiatorGroups"));
    Map<String, YamlPath> iqns = new HashMap<>();
    Map<String, YamlPath> serials = new HashMap<>();
    JsonNode targets = root.path("targets");
    for (int i = 0; i < targets.size(); i++) {
      YamlPath p = YamlPath.of("targets", i);
      JsonNode t = at(p);
      String pg = t.path("portalGroup").asString();
      boolean pgOk = ref(p.key("portalGroup"), pg, portalGroups, "portal group");
      List<String> volumes = new ArrayList<>();
      if (t.has("luns")) {
        if (t.has("volume") || t.has("serial")) {
          error(
              keyOf(p.key(t.has("volume") ? "volume" : "serial")),
              "target #"
                  + (i + 1)
                  + " gives both luns and "
                  + (t.has("volume") ? "volume" : "serial"),
              "list LUN 0 under luns, or use volume and serial without luns");
        }
        Map<Long, YamlPath> lunNumbers = new HashMap<>();
        for (int l = 0; l < t.path("luns").size(); l++) {
          YamlPath lp = p.key("luns").index(l);
          JsonNode lun = at(lp);
          unique(lunNumbers, lun.path("lun").asLong(), lp.key("lun"), "LUN " + lun.path("lun"));
          if (volumeRef(lp.key("volume"))) volumes.add(lun.path("volume").asString());
          if (lun.has("serial")) {
            unique(
                serials,
                lun.path("serial").asString(),
                lp.key("serial"),
                "serial '" + lun.path("serial").asString() + "'");
          }
        }
      } else if (!t.has("volume")) {
        error(
            keyOf(p),
            "target #" + (i + 1) + " names no volume",
            "add volume: vg/lv (or luns: for several LUNs)");
      } else {
        if (volumeRef(p.key("volume"))) volumes.add(t.path("volume").asString());
        if (t.has("serial")) {
          String serial = t.path("serial").asString();
          unique(serials, serial, p.key("serial"), "serial '" + serial + "'");
        }
      }
      eachString(
          p.key("initiators"),
          (ip, name) -> {
            if (!initiatorGroups.contains(name) && !IQN.matcher(name).matches()) {
              missing(ip, name, initiatorGroups, "initiator group");
            }
          });
      String iqn = iqn(t, pg, volumes);
      if (iqn != null) {
        YamlPath where = t.has("iqn") ? p.key("iqn") : p;
        if (!t.has("iqn")
            && (iqn.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_IQN_BYTES
                || !IQN.matcher(iqn).matches())) {
          error(
              keyOf(p),
              "the IQN derived for target #" + (i + 1) + " is not a valid iSCSI name: " + iqn,
              "give the target an explicit iqn:, or use names of letters, digits, '.', '-' and '_',"
                  + " at most 223 characters in all");
        } else {
          unique(iqns, iqn, where, "target IQN " + iqn);
        }
      }
      if (pgOk) coverage(p, pg, volumes);
    }
    for (String pool : names(root.path("pools"))) {
      YamlPath cp = YamlPath.of("pools", pool, "comstar");
      for (String name : names(at(cp).path("targets"))) {
        YamlPath tp = cp.key("targets").key(name).key("iqn");
        unique(iqns, at(tp).asString(), tp, "target IQN " + at(tp).asString());
      }
      JsonNode lus = at(cp).path("logicalUnits");
      for (int l = 0; l < lus.size(); l++) {
        YamlPath sp = cp.key("logicalUnits").index(l).key("serial");
        if (at(sp).isString()) {
          unique(serials, at(sp).stringValue(), sp, "serial '" + at(sp).stringValue() + "'");
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
    return (root.path("cluster").path("iqnPrefix").asString()
            + "."
            + pg
            + "."
            + v.replace('/', '.'))
        .toLowerCase(Locale.ROOT)
        .replace('_', '-');
  }

  /** A target's portal group has portals on every node that can hold its volume groups. */
  private void coverage(YamlPath target, String pg, List<String> volumes) {
    JsonNode portals = root.path("portalGroups").path(pg).path("portals");
    for (String v : volumes) {
      String vg = v.substring(0, v.indexOf('/'));
      for (JsonNode n : root.path("volumeGroups").path(vg).path("nodes")) {
        String node = n.asString();
        if (!root.path("nodes").has(node)) continue;
        if (!portals.has(node) && uncovered.add(pg + "|" + node)) {
          error(
              valueOf(target.key("portalGroup")),
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

  /** Checks a vg/lv reference; true when it resolves. */
  private boolean volumeRef(YamlPath p) {
    String ref = at(p).asString();
    int slash = ref.indexOf('/');
    if (slash < 0) return false;
    String vg = ref.substring(0, slash);
    String lv = ref.substring(slash + 1);
    JsonNode group = root.path("volumeGroups").path(vg);
    if (!group.isObject()) {
      missing(p, vg, names(root.path("volumeGroups")), "volume group");
      return false;
    }
    if (!group.path("volumes").has(lv)) {
      if (lv.equals(group.path("metaVolume").path("name").asString())) {
        error(
            valueOf(p),
            "'" + ref + "' is the meta volume of volume group '" + vg + "' and cannot be served",
            null);
      } else {
        missing(p, lv, names(group.path("volumes")), "volume", " in volume group '" + vg + "'");
      }
      return false;
    }
    return true;
  }

  // ---- pools: zvol names, sizes, block sizes, schedules, stmf-ha, comstar

  private void pools() {
    Set<String> schedules = names(root.path("snapshotSchedules"));
    for (String pool : names(root.path("pools"))) {
      YamlPath p = YamlPath.of("pools", pool);
      JsonNode pl = at(p);
      for (String ds : names(pl.path("datasets"))) {
        inPool(p.key("datasets").key(ds), ds, pool, "dataset");
      }
      for (String zv : names(pl.path("volumes"))) {
        YamlPath zp = p.key("volumes").key(zv);
        inPool(zp, zv, pool, "zvol");
        size(zp.key("size"));
        if (at(zp).has("blockSize")) blockSize(zp.key("blockSize"));
        optionalRef(zp.key("snapshotSchedule"), schedules, "snapshot schedule");
      }
      YamlPath vd = p.key("volumeDefaults");
      if (at(vd).has("blockSize")) blockSize(vd.key("blockSize"));
      optionalRef(vd.key("snapshotSchedule"), schedules, "snapshot schedule");
      if (pl.has("stmfHa") && pl.has("comstar")) {
        error(
            keyOf(p.key("comstar")),
            "pool '" + pool + "' has both stmfHa and comstar",
            "manage its COMSTAR configuration one way: stmfHa or comstar");
      }
      if (pl.path("stmfHa").isObject()) stmfHa(p, pool);
      if (pl.path("comstar").isObject()) comstar(p, pool);
    }
  }

  private void inPool(YamlPath p, String name, String pool, String what) {
    if (!name.startsWith(pool + "/")) {
      error(
          keyOf(p),
          what + " '" + name + "' is not inside pool '" + pool + "'",
          "name it " + pool + "/...");
    }
  }

  private void stmfHa(YamlPath pool, String poolName) {
    YamlPath s = pool.key("stmfHa");
    JsonNode h = at(s);
    Set<String> tpgs = names(h.path("targetPortalGroups"));
    Set<String> targets = names(h.path("targets"));
    Set<String> hostGroups = names(h.path("hostGroups"));
    Set<String> targetGroups = names(h.path("targetGroups"));
    Set<String> zvols = names(at(pool).path("volumes"));
    optionalRef(s.key("defaultTpg"), tpgs, "TPG");
    for (String t : targets) optionalRef(s.key("targets").key(t).key("tpg"), tpgs, "TPG");
    for (String g : targetGroups) {
      eachString(s.key("targetGroups").key(g), (p, t) -> ref(p, t, targets, "stmf-ha target"));
    }
    eachString(s.key("logicalUnits"), (p, lu) -> ref(p, lu, zvols, "zvol of pool " + poolName));
    for (String v : names(h.path("views"))) {
      YamlPath vp = s.key("views").key(v);
      optionalRef(vp.key("hostGroup"), hostGroups, "host group");
      optionalRef(vp.key("targetGroup"), targetGroups, "target group");
    }
  }

  private void comstar(YamlPath pool, String poolName) {
    YamlPath c = pool.key("comstar");
    JsonNode cs = at(c);
    Set<String> tpgs = names(cs.path("tpgs"));
    Set<String> targets = names(cs.path("targets"));
    Set<String> hostGroups = names(cs.path("hostGroups"));
    Set<String> targetGroups = names(cs.path("targetGroups"));
    Set<String> zvols = names(at(pool).path("volumes"));
    Set<String> lus = new LinkedHashSet<>();
    Map<String, YamlPath> guids = new HashMap<>();
    for (int i = 0; i < cs.path("logicalUnits").size(); i++) {
      YamlPath lp = c.key("logicalUnits").index(i);
      String zvol = at(lp).path("zvol").asString();
      ref(lp.key("zvol"), zvol, zvols, "zvol of pool " + poolName);
      unique(
          guids, at(lp).path("guid").asString().toUpperCase(Locale.ROOT), lp.key("guid"), "GUID");
      lus.add(zvol);
    }
    for (String t : targets) {
      eachString(c.key("targets").key(t).key("tpgs"), (p, g) -> ref(p, g, tpgs, "TPG"));
    }
    for (String g : targetGroups) {
      eachString(c.key("targetGroups").key(g), (p, t) -> ref(p, t, targets, "COMSTAR target"));
    }
    Map<String, YamlPath> luns = new HashMap<>();
    for (int i = 0; i < cs.path("views").size(); i++) {
      YamlPath vp = c.key("views").index(i);
      JsonNode v = at(vp);
      ref(vp.key("lu"), v.path("lu").asString(), lus, "logical unit");
      optionalRef(vp.key("hostGroup"), hostGroups, "host group");
      optionalRef(vp.key("targetGroup"), targetGroups, "target group");
      String key =
          v.path("hostGroup").asString("*")
              + "|"
              + v.path("targetGroup").asString("*")
              + "|"
              + v.path("lun").asLong();
      unique(luns, key, vp.key("lun"), "LUN " + v.path("lun") + " for this host and target group");
    }
  }

  // ---- schedules: zone, rule names

  private void schedules() {
    for (String s : names(root.path("snapshotSchedules"))) {
      YamlPath p = YamlPath.of("snapshotSchedules", s);
      JsonNode zone = at(p).path("zone");
      if (zone.isString() && !isZone(zone.stringValue())) {
        String suggestion = Suggestions.closest(zone.stringValue(), ZoneId.getAvailableZoneIds());
        error(
            valueOf(p.key("zone")),
            "unknown time zone '"
                + zone.stringValue()
                + "' in snapshot schedule '"
                + s
                + "'"
                + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?"),
            "use an IANA zone id such as UTC or America/New_York");
      }
      Map<String, YamlPath> rules = new HashMap<>();
      JsonNode list = at(p).path("rules");
      for (int i = 0; i < list.size(); i++) {
        YamlPath rp = p.key("rules").index(i).key("name");
        unique(rules, at(rp).asString(), rp, "rule name '" + at(rp).asString() + "'");
      }
    }
  }

  static boolean isZone(String id) {
    return ZoneId.getAvailableZoneIds().contains(id);
  }

  // ---- backups

  private void backups() {
    JsonNode defaults = root.path("backups").path("defaults");
    Set<String> nodes = names(root.path("nodes"));
    Set<String> pools = names(root.path("pools"));
    optionalRef(YamlPath.of("backups", "defaults", "archive"), nodes, "node");
    optionalRef(YamlPath.of("backups", "defaults", "pool"), pools, "pool");
    Map<String, YamlPath> destinations = new HashMap<>();
    JsonNode jobs = root.path("backups").path("jobs");
    for (int i = 0; i < jobs.size(); i++) {
      YamlPath p = YamlPath.of("backups", "jobs", i);
      JsonNode j = at(p);
      volumeRef(p.key("source"));
      String archive = j.path("archive").asString(defaults.path("archive").asString(null));
      String pool = j.path("pool").asString(defaults.path("pool").asString(null));
      if (archive == null || pool == null) {
        error(
            keyOf(p),
            "backup job #" + (i + 1) + " has no " + (archive == null ? "archive" : "pool"),
            "set it on the job or in backups.defaults");
        continue;
      }
      if (j.has("archive")) ref(p.key("archive"), archive, nodes, "node");
      if (j.has("pool")) ref(p.key("pool"), pool, pools, "pool");
      JsonNode poolNodes = root.path("pools").path(pool).path("nodes");
      if (poolNodes.isArray() && nodes.contains(archive) && !contains(poolNodes, archive)) {
        error(
            valueOf(p.key(j.has("pool") ? "pool" : "source")),
            "pool '" + pool + "' is not on archive node '" + archive + "'",
            "add " + archive + " to the pool's nodes or choose another pool");
      }
      String source = j.path("source").asString();
      String lv = source.substring(source.indexOf('/') + 1);
      String volume = j.path("volume").asString(lv + "_bk");
      unique(
          destinations,
          archive + ":" + pool + "/" + volume,
          j.has("volume") ? p.key("volume") : p.key("source"),
          "backup destination " + pool + "/" + volume + " on " + archive);
    }
  }

  // ---- cron

  private void cron() {
    for (String node : names(root.path("cron"))) {
      JsonNode entries = root.path("cron").path(node);
      for (int i = 0; i < entries.size(); i++) {
        YamlPath sp = YamlPath.of("cron", node, i, "schedule");
        String schedule = at(sp).asString();
        String problem = CronExpression.problem(schedule);
        if (problem != null) {
          error(
              valueOf(sp),
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

  // ---- sizes

  private void size(YamlPath p) {
    JsonNode v = at(p);
    OptionalLong bytes = Quantities.sizeBytes(v);
    if (bytes.isEmpty() || bytes.getAsLong() > Quantities.MAX_SIZE) {
      error(
          valueOf(p),
          "size " + v.asString() + " is larger than 2P (2 PiB), the largest sanctl" + " supports",
          null);
    } else if (bytes.getAsLong() <= 0) {
      error(valueOf(p), "size " + v.asString() + " must be positive", null);
    }
  }

  private void blockSize(YamlPath p) {
    JsonNode v = at(p);
    OptionalLong bytes = Quantities.sizeBytes(v);
    long b = bytes.orElse(-1);
    if (b < MIN_BLOCK || b > MAX_BLOCK || Long.bitCount(b) != 1) {
      error(
          valueOf(p),
          "block size " + v.asString() + " is not a power of two from 512 to 128K",
          "use 512, 1K, 2K, 4K, 8K, 16K, 32K, 64K or 128K");
    }
  }

  // ---- helpers

  private boolean ref(YamlPath p, String name, Set<String> known, String what) {
    if (known.contains(name)) return true;
    missing(p, name, known, what);
    return false;
  }

  /** Checks the reference at {@code p} when it is written. */
  private void optionalRef(YamlPath p, Set<String> known, String what) {
    if (at(p).isString()) ref(p, at(p).stringValue(), known, what);
  }

  private void refKey(YamlPath p, String name, Set<String> known, String what) {
    if (!known.contains(name)) {
      String s = Suggestions.closest(name, known);
      error(
          keyOf(p),
          "unknown " + what + " '" + name + "'" + (s == null ? "" : "; did you mean '" + s + "'?"),
          hintFor(what, known));
    }
  }

  private void missing(YamlPath p, String name, Set<String> known, String what) {
    missing(p, name, known, what, "");
  }

  private void missing(YamlPath p, String name, Set<String> known, String what, String where) {
    String s = Suggestions.closest(name, known);
    error(
        valueOf(p),
        "unknown "
            + what
            + " '"
            + Shown.value(name)
            + "'"
            + where
            + (s == null ? "" : "; did you mean '" + s + "'?"),
        hintFor(what, known));
  }

  private static String hintFor(String what, Set<String> known) {
    if (known.isEmpty()) return "no " + what + " is defined";
    List<String> list = new ArrayList<>(known);
    String shown = String.join(", ", list.size() > 8 ? list.subList(0, 8) : list);
    return "defined: " + shown + (list.size() > 8 ? ", ..." : "");
  }

  private <K> void unique(Map<K, YamlPath> seen, K key, YamlPath p, String what) {
    YamlPath first = seen.putIfAbsent(key, p);
    if (first != null) {
      error(valueOf(p), what + " is used twice (also at " + valueOf(first) + ")", null);
    }
  }

  private interface StringVisitor {
    void visit(YamlPath path, String value);
  }

  private void eachString(YamlPath p, StringVisitor visitor) {
    JsonNode list = at(p);
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).isString()) visitor.visit(p.index(i), list.get(i).stringValue());
    }
  }

  private static boolean contains(JsonNode array, String s) {
    for (JsonNode n : array) if (s.equals(n.asString())) return true;
    return false;
  }

  private static Set<String> names(JsonNode map) {
    Set<String> out = new LinkedHashSet<>();
    if (map.isObject()) out.addAll(map.propertyNames());
    return out;
  }

  private JsonNode at(YamlPath p) {
    JsonNode n = root;
    for (Object e : p.elements()) n = e instanceof Integer i ? n.path(i) : n.path((String) e);
    return n;
  }

  private SourceRef valueOf(YamlPath p) {
    return doc.positions().value(p);
  }

  private SourceRef keyOf(YamlPath p) {
    return doc.positions().key(p);
  }

  private void error(SourceRef at, String message, String hint) {
    out.add(Diagnostic.error(at, message, hint));
  }
}
