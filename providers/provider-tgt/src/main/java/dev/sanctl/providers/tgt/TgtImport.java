package dev.sanctl.providers.tgt;

import dev.sanctl.spi.model.InitiatorGroup;
import dev.sanctl.spi.model.PortalGroup;
import dev.sanctl.spi.model.Target;
import dev.sanctl.spi.provider.ImportContext;
import dev.sanctl.spi.provider.Imported;
import dev.sanctl.spi.provider.NodeState;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.VolumeFacts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code sanctl import} for tgt: every target of a known node whose data LUNs are all volumes the
 * node holds becomes a {@code targets} entry with its explicit IQN, its LUNs (tgt LUN {@code n} is
 * the desired LUN {@code n - 1}) and their serials, {@code state: offline} when tgt shows it so,
 * the initiator names of its ACL (folded into the initiator groups whose every member it lists; the
 * {@link TgtAcl#NO_ADDRESS} entry sanctl binds is not an initiator) and the portal group that lists
 * the node's live portals. CHAP accounts are imported by user name: tgt never shows a secret, so
 * {@code secretFile} keeps the file the current desired state names for the same target and user,
 * else {@code <user>.chap} in the machine's first secrets directory ({@link
 * ImportContext#secretsDir}), a file the admin must create: each is listed as left out until then.
 * tgt has no per-target options, so none are imported.
 */
final class TgtImport {
  private TgtImport() {}

  static Imported imported(ImportContext ic) {
    PlanContext ctx = ic.plan();
    List<Object> targets = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    List<Imported.LeftOut> leftOut = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Map<String, Target> current = new LinkedHashMap<>();
    ctx.desired().targets().forEach(t -> current.put(ctx.desired().iqnOf(t), t));
    for (NodeState s : ctx.nodes().values()) {
      if (!s.known()) continue;
      TgtObservation o = (TgtObservation) s.observation();
      Map<String, String> volumes = volumesByPath(ctx.volumes().get(s.node()));
      int before = targets.size();
      for (TgtTarget live : o.targets()) {
        Map<String, Object> t =
            target(ic, s.node(), o, live, volumes, current.get(live.iqn()), leftOut);
        if (t != null && seen.add(live.iqn())) targets.add(t);
      }
      if (targets.size() > before) {
        sources.add(s.node() + ": tgtadm --op show --mode target, --mode portal, --mode account");
      }
    }
    if (targets.isEmpty()) return Imported.of(Map.of());
    Map<String, List<String>> notes = new LinkedHashMap<>();
    if (!leftOut.isEmpty()) {
      notes.put(
          "targets",
          List.of(
              "CHAP secrets are never imported (tgt never shows them): create each secretFile",
              "named below (mode 0600, holding the account's secret) before planning"));
    }
    return new Imported(Map.of("targets", targets), Map.of("targets", sources), notes, leftOut);
  }

  private static Map<String, Object> target(
      ImportContext ic,
      String node,
      TgtObservation o,
      TgtTarget live,
      Map<String, String> volumes,
      Target known,
      List<Imported.LeftOut> leftOut) {
    PlanContext ctx = ic.plan();
    List<TgtTarget.Lun> data = live.dataLuns();
    if (data.isEmpty()) return null;
    List<Object> luns = new ArrayList<>();
    for (TgtTarget.Lun lun : data) {
      String volume = volumes.get(lun.backingStorePath());
      if (volume == null || lun.lun() < 1) return null;
      Map<String, Object> l = new LinkedHashMap<>();
      l.put("lun", lun.lun() - 1);
      l.put("volume", volume);
      if (hasSerial(lun)) l.put("serial", lun.scsiSn());
      luns.add(l);
    }
    Map<String, Object> t = new LinkedHashMap<>();
    @SuppressWarnings("unchecked")
    Map<String, Object> first = (Map<String, Object>) luns.get(0);
    if (luns.size() == 1 && first.get("lun").equals(0)) {
      t.put("volume", first.get("volume"));
      t.put("iqn", live.iqn());
      if (first.containsKey("serial")) t.put("serial", first.get("serial"));
    } else {
      t.put("iqn", live.iqn());
      t.put("luns", luns);
    }
    if ("offline".equals(live.state())) t.put("state", "offline");
    String pg = portalGroup(ctx, node, o.portals());
    if (pg != null) t.put("portalGroup", pg);
    t.put("initiators", folded(ctx, initiators(live)));
    Map<String, Object> chap = chap(ic.secretsDir(), live, known);
    for (Object u : chap.values()) {
      for (Object user : u instanceof List<?> l ? l : List.of(u)) {
        String file = (String) ((Map<?, ?>) user).get("secretFile");
        leftOut.add(
            new Imported.LeftOut(
                DesiredTargets.address(node, live.iqn()).toString(),
                "CHAP secret of user "
                    + ((Map<?, ?>) user).get("user")
                    + " (target "
                    + live.iqn()
                    + "): create "
                    + file
                    + " (mode 0600) holding its secret; secrets are never imported"));
      }
    }
    if (!chap.isEmpty()) t.put("chap", chap);
    return t;
  }

  /** tgt sets a serial on both VPD pages; a LUN without one shows tgt's generated defaults. */
  private static boolean hasSerial(TgtTarget.Lun lun) {
    return lun.scsiSn() != null && !lun.scsiSn().isEmpty() && lun.scsiSn().equals(lun.scsiId());
  }

  /** The initiator names of the ACL; addresses (the sanctl sentinel among them) are not. */
  static List<String> initiators(TgtTarget live) {
    return live.acl().stream().filter(TgtAcl::isName).toList();
  }

  /** Initiator names with every group whose members are all listed replaced by its name. */
  static List<String> folded(PlanContext ctx, List<String> names) {
    List<String> rest = new ArrayList<>(names);
    List<String> out = new ArrayList<>();
    for (InitiatorGroup g : ctx.desired().initiatorGroups().values()) {
      if (!g.initiators().isEmpty() && rest.containsAll(g.initiators())) {
        out.add(g.name());
        rest.removeAll(g.initiators());
      }
    }
    out.addAll(rest);
    return out;
  }

  private static Map<String, Object> chap(String secretsDir, TgtTarget live, Target known) {
    Map<String, Object> chap = new LinkedHashMap<>();
    List<Object> incoming = new ArrayList<>();
    for (String user : live.accounts()) incoming.add(user(secretsDir, user, known));
    if (!incoming.isEmpty()) chap.put("incoming", incoming);
    if (live.outgoingAccount() != null)
      chap.put("outgoing", user(secretsDir, live.outgoingAccount(), known));
    return chap;
  }

  private static Map<String, Object> user(String secretsDir, String user, Target known) {
    String file = secretsDir + "/" + user + ".chap";
    if (known != null && known.chap() != null) {
      List<Target.ChapUser> users = new ArrayList<>(known.chap().incoming());
      if (known.chap().outgoing() != null) users.add(known.chap().outgoing());
      for (Target.ChapUser u : users) {
        if (u.user().equals(user)) file = u.secretFile();
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("user", user);
    m.put("secretFile", file);
    return m;
  }

  /** Every volume of the node's groups by the path a LUN serves: {@code vg/lv}. */
  private static Map<String, String> volumesByPath(VolumeFacts facts) {
    Map<String, String> out = new LinkedHashMap<>();
    if (facts == null) return out;
    for (VolumeFacts.Group g : facts.groups().values()) {
      for (VolumeFacts.Volume v : g.volumes().values()) {
        out.put(v.devicePath(), g.name() + "/" + v.name());
      }
    }
    return out;
  }

  /** The portal group whose addresses on {@code node} tgtd all listens on. */
  private static String portalGroup(PlanContext ctx, String node, List<String> live) {
    Set<String> addresses = new HashSet<>();
    for (String p : live) addresses.add(p.substring(0, p.lastIndexOf(':')));
    for (PortalGroup pg : ctx.desired().portalGroups().values()) {
      List<String> mine = pg.portals().getOrDefault(node, List.of());
      if (!mine.isEmpty() && addresses.containsAll(mine)) return pg.name();
    }
    return null;
  }
}
