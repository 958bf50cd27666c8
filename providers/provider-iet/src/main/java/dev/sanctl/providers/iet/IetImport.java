package dev.sanctl.providers.iet;

import dev.sanctl.spi.model.PortalGroup;
import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.provider.ImportContext;
import dev.sanctl.spi.provider.Imported;
import dev.sanctl.spi.provider.NodeState;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.ResourceAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code sanctl import} for IET. Every running target of a known node whose LUNs are volumes of
 * known groups becomes a {@code targets} entry: its IQN (left out when it is the derived one), the
 * serials, comment, io type and target options of its {@code ietd.conf} stanza, its CHAP users
 * ({@link IetImportChap}: secret files the admin creates), the initiators of its {@code
 * initiators.allow} line (folded into the initiator groups, {@link InitiatorFolding}) and the
 * portal group whose addresses match its {@code targets.allow} line. A target served from a file of
 * a directory no group declares brings its {@code type: files} group; the global lines of {@code
 * ietd.conf} become {@code iet.global}; an offline target (a comment line of {@code ietd.conf}) is
 * imported when its IQN is the derived one of a known volume; the meta volume of a group is
 * recognised ({@link IetImportMeta}). What cannot be imported is left out with its reason (a
 * missing portal group is named as missing).
 */
final class IetImport {
  static final String FILES =
      "/proc/net/iet/volume, /etc/iet/ietd.conf, /etc/iet/initiators.allow, /etc/iet/targets.allow";

  private final PlanContext ctx;
  private final IetImportChap chap;
  private final List<Object> targets = new ArrayList<>();
  private final Map<String, Object> groups = new LinkedHashMap<>();
  private final List<Imported.LeftOut> leftOut = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();
  private final List<String> sources = new ArrayList<>();
  private final List<String> groupSources = new ArrayList<>();
  private final List<String> groupNotes = new ArrayList<>();
  private Map<String, String> globals;
  private String globalsNode;

  private IetImport(ImportContext ic) {
    this.ctx = ic.plan();
    this.chap = new IetImportChap(ic.secretsDir());
  }

  /** The sections of {@code sanctl import}: what is live, as the desired state says it. */
  static Imported imported(ImportContext ic) {
    IetImport i = new IetImport(ic);
    for (NodeState s : ic.plan().nodes().values()) {
      if (s.known()) i.node(s.node(), (IetObservation) s.observation());
    }
    for (NodeState s : ic.plan().nodes().values()) {
      if (s.known()) i.offline(s.node(), (IetObservation) s.observation());
    }
    IetImportMeta.find(ic.plan(), i.groups, i.groupNotes, i.leftOut);
    return i.result();
  }

  private Imported result() {
    Map<String, Object> sections = new LinkedHashMap<>();
    Map<String, List<String>> from = new LinkedHashMap<>();
    Map<String, List<String>> notes = new LinkedHashMap<>();
    if (!groups.isEmpty()) {
      sections.put("volumeGroups", groups);
      from.put("volumeGroups", groupSources);
      notes.put("volumeGroups", groupNotes);
    }
    if (globals != null && !globals.isEmpty()) {
      sections.put("iet", Map.of("global", globals));
      from.put("iet", List.of(globalsNode + ": /etc/iet/ietd.conf (global lines)"));
    }
    if (!targets.isEmpty()) {
      Map<String, Object> common = commonOptions();
      if (common != null) {
        sections.put("targetDefaults", Map.of("options", common));
        from.put("targetDefaults", List.of("the options every imported target has"));
      }
      sections.put("targets", targets);
      from.put("targets", sources);
      if (chap.any()) {
        notes.put(
            "targets",
            List.of(
                "CHAP secrets are never imported: create each secretFile named below (mode 0600,",
                "holding the secret of the account line in the node's /etc/iet/ietd.conf)",
                "before planning; sanctl import lists them at the end"));
      }
    }
    List<Imported.LeftOut> all = new ArrayList<>(leftOut);
    all.addAll(chap.leftOut());
    return new Imported(sections, from, notes, all);
  }

  /**
   * The options of every online target when they are all the same (two targets at least): they move
   * to {@code targetDefaults.options}, else each target keeps its own.
   */
  @SuppressWarnings("unchecked")
  private Map<String, Object> commonOptions() {
    Object common = null;
    int online = 0;
    for (Object o : targets) {
      Map<String, Object> t = (Map<String, Object>) o;
      if (t.containsKey("state")) continue;
      online++;
      Object options = t.get("options");
      if (options == null || (common != null && !common.equals(options))) return null;
      common = options;
    }
    if (online < 2) return null;
    for (Object o : targets) ((Map<String, Object>) o).remove("options");
    return (Map<String, Object>) common;
  }

  private void node(String node, IetObservation o) {
    IetdConf conf = o.config();
    globals(node, conf);
    Map<String, List<String>> initiators =
        AllowFile.parse(o.etc().getOrDefault(IetConfigRenderer.INITIATORS_ALLOW, ""));
    Map<String, List<String>> portals =
        AllowFile.parse(o.etc().getOrDefault(IetConfigRenderer.TARGETS_ALLOW, ""));
    boolean any = false;
    for (IetRuntime.Target rt : o.runtime().targets().values()) {
      if (!seen.add(rt.name())) continue;
      any |= target(node, o, conf, rt, initiators, portals);
    }
    if (any) sources.add(node + ": " + FILES);
  }

  /** Imports one running target; false when it is left out (or waits for its files group). */
  private boolean target(
      String node,
      IetObservation o,
      IetdConf conf,
      IetRuntime.Target rt,
      Map<String, List<String>> initiators,
      Map<String, List<String>> portals) {
    String address = node + "/iet.target/" + rt.name();
    IetdConf.Stanza stanza = conf.targets().get(rt.name());
    if (rt.lun(0) == null || stanza == null) {
      leftOut.add(
          new Imported.LeftOut(
              address,
              rt.lun(0) == null
                  ? "running without LUN 0"
                  : "running, but /etc/iet/ietd.conf has no stanza for it (started by hand?)"));
      return false;
    }
    List<Map<String, Object>> luns = new ArrayList<>();
    for (IetRuntime.Lun l : rt.luns()) {
      String volume = volumeOf(ctx, l.path());
      if (volume == null) {
        if (!IetImportFiles.group(ctx, node, l, groups, groupSources)) {
          leftOut.add(
              new Imported.LeftOut(
                  address,
                  "its LUN "
                      + l.lun()
                      + " ("
                      + l.path()
                      + ") is no volume of a group sanctl can import: declare its volume group,"
                      + " then import again"));
        }
        return false;
      }
      Map<String, Object> lun = new LinkedHashMap<>();
      lun.put("lun", l.lun());
      lun.put("volume", volume);
      String serial = stanza.lunParam(l.lun(), "ScsiSN");
      if (serial != null) lun.put("serial", serial);
      String type = stanza.lunParam(l.lun(), "Type");
      if ("fileio".equals(type) && !isFiles(volume)) lun.put("io", "fileio");
      luns.add(lun);
    }
    List<String> addresses = portals.getOrDefault(rt.name(), List.of());
    String pg = portalGroup(ctx, node, addresses);
    if (pg == null) {
      leftOut.add(
          new Imported.LeftOut(
              address,
              "missing portal group: no portal group of your files has the addresses "
                  + String.join(", ", addresses)
                  + " of its targets.allow line on "
                  + node
                  + "; declare it in portalGroups, then import again"));
      return false;
    }
    targets.add(entry(node, o, stanza, rt, luns, pg, initiators));
    return true;
  }

  private Map<String, Object> entry(
      String node,
      IetObservation o,
      IetdConf.Stanza stanza,
      IetRuntime.Target rt,
      List<Map<String, Object>> luns,
      String pg,
      Map<String, List<String>> initiators) {
    Map<String, Object> t = new LinkedHashMap<>();
    Map<String, Object> lun0 = luns.get(0);
    boolean oneLun = luns.size() == 1 && Integer.valueOf(0).equals(lun0.get("lun"));
    if (oneLun) t.put("volume", lun0.get("volume"));
    if (!rt.name().equals(derivedIqn(pg, lun0.get("volume").toString()))) {
      t.put("iqn", rt.name());
    }
    if (oneLun && lun0.containsKey("serial")) t.put("serial", lun0.get("serial"));
    if (oneLun && lun0.containsKey("io")) t.put("io", lun0.get("io"));
    String comment = comment(o.etc().getOrDefault(IetConfigRenderer.IETD_CONF, ""), rt.name());
    if (comment != null) t.put("comment", comment);
    t.put("portalGroup", pg);
    List<String> acl = new ArrayList<>();
    for (String e : initiators.getOrDefault(rt.name(), List.of())) acl.add(AllowFile.unescape(e));
    t.put("initiators", InitiatorFolding.fold(acl, ctx.desired().initiatorGroups().values()));
    if (!stanza.options().isEmpty()) {
      Map<String, Object> options = new LinkedHashMap<>();
      stanza
          .options()
          .forEach(
              (k, v) ->
                  options.put(k, v.matches("0|[1-9][0-9]{0,17}") ? (Object) Long.valueOf(v) : v));
      t.put("options", options);
    }
    Map<String, Object> c = chap.chap(node, stanza);
    if (c != null) t.put("chap", c);
    if (!oneLun) t.put("luns", luns);
    return t;
  }

  /** The global lines of {@code ietd.conf}: the first node's, the others' must agree. */
  private void globals(String node, IetdConf conf) {
    Map<String, String> mine = new LinkedHashMap<>();
    for (List<String> line : conf.global()) {
      mine.put(line.get(0), String.join(" ", line.subList(1, line.size())));
    }
    if (globals == null) {
      globals = mine;
      globalsNode = node;
    } else if (!globals.equals(mine)) {
      leftOut.add(
          new Imported.LeftOut(
              fileAddress(node, "/etc/iet/ietd.conf"),
              "its global settings "
                  + mine
                  + " differ from "
                  + globalsNode
                  + "'s "
                  + globals
                  + ", which were imported as iet.global"));
    }
  }

  /**
   * Offline targets: {@code ietd.conf} keeps only a comment line; one whose IQN is the derived IQN
   * of a known volume and portal group is imported as {@code state: offline}.
   */
  private void offline(String node, IetObservation o) {
    String prefix = "# Target ";
    String suffix = " is offline (state: offline)";
    for (String line : o.etc().getOrDefault(IetConfigRenderer.IETD_CONF, "").lines().toList()) {
      String l = line.strip();
      if (!l.startsWith(prefix) || !l.endsWith(suffix)) continue;
      String iqn = l.substring(prefix.length(), l.length() - suffix.length());
      if (!seen.add(iqn)) continue;
      Map<String, Object> t = offlineTarget(iqn);
      if (t != null) {
        targets.add(t);
        continue;
      }
      leftOut.add(
          new Imported.LeftOut(
              fileAddress(node, "/etc/iet/ietd.conf"),
              "offline target "
                  + iqn
                  + ": ietd.conf names it in a comment only and its IQN is not the derived IQN of"
                  + " a known volume; add it with state: offline by hand"));
    }
  }

  private Map<String, Object> offlineTarget(String iqn) {
    for (VolumeGroup vg : ctx.desired().volumeGroups().values()) {
      for (String lv : vg.volumes().keySet()) {
        for (String pg : ctx.desired().portalGroups().keySet()) {
          if (!iqn.equals(derivedIqn(pg, vg.name() + "/" + lv))) continue;
          Map<String, Object> t = new LinkedHashMap<>();
          t.put("volume", vg.name() + "/" + lv);
          t.put("state", "offline");
          t.put("portalGroup", pg);
          return t;
        }
      }
    }
    return null;
  }

  private String derivedIqn(String pg, String volume) {
    String[] vgLv = volume.split("/", 2);
    return (ctx.desired().cluster().iqnPrefix() + "." + pg + "." + vgLv[0] + "." + vgLv[1])
        .toLowerCase(java.util.Locale.ROOT)
        .replace('_', '-');
  }

  private boolean isFiles(String volume) {
    VolumeGroup g = ctx.desired().volumeGroups().get(volume.substring(0, volume.indexOf('/')));
    return g != null && g.type() == VolumeGroup.Type.FILES;
  }

  /** The address of the change of a node file, as {@link IetFileChange} names it. */
  static String fileAddress(String node, String path) {
    return ResourceAddress.of(node, IetProvider.ID, "file", path).toString();
  }

  /** The comment line sanctl writes right after a {@code Target} line, or null. */
  static String comment(String ietdConf, String iqn) {
    List<String> lines = ietdConf.lines().toList();
    for (int i = 0; i + 1 < lines.size(); i++) {
      if (!lines.get(i).strip().equals("Target " + iqn)) continue;
      String next = lines.get(i + 1).strip();
      return next.startsWith("# ") ? next.substring(2) : null;
    }
    return null;
  }

  /** {@code vg/lv} of a LUN path: {@code /dev/vg/lv}, or a file of a files group. */
  static String volumeOf(PlanContext ctx, String path) {
    if (path == null) return null;
    for (VolumeGroup vg : ctx.desired().volumeGroups().values()) {
      if (vg.type() == VolumeGroup.Type.FILES) {
        String dir = vg.path().endsWith("/") ? vg.path() : vg.path() + "/";
        String name = path.startsWith(dir) ? path.substring(dir.length()) : "";
        if (name.endsWith(".img") && vg.volumes().containsKey(name.substring(0, name.length() - 4)))
          return vg.name() + "/" + name.substring(0, name.length() - 4);
      } else if (path.startsWith("/dev/" + vg.name() + "/")) {
        String lv = path.substring(vg.name().length() + 6);
        if (vg.volumes().containsKey(lv)) return vg.name() + "/" + lv;
      }
    }
    return null;
  }

  /** The portal group whose addresses on the nodes of the group are those of the line. */
  private static String portalGroup(PlanContext ctx, String node, List<String> addresses) {
    for (PortalGroup pg : ctx.desired().portalGroups().values()) {
      List<String> mine = pg.portals().getOrDefault(node, List.of());
      if (!mine.isEmpty() && new LinkedHashSet<>(addresses).containsAll(mine)) return pg.name();
    }
    return null;
  }
}
