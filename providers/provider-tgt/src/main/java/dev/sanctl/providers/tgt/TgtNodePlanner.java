package dev.sanctl.providers.tgt;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.FileWrite;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.NodeSpec;
import dev.sanctl.spi.model.PortalGroup;
import dev.sanctl.spi.model.SourceRef;
import dev.sanctl.spi.model.TargetState;
import dev.sanctl.spi.provider.AccessChanges;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Impact;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Plans tgt on one node: targets, LUNs, serials, ACLs, accounts, portals, the persisted file. */
final class TgtNodePlanner {
  static final String CONFIG_DIR = "/etc/tgt/conf.d";
  static final String CONFIG_FILE = CONFIG_DIR + "/sanctl.conf";

  private final DesiredState desired;
  private final NodeSpec node;
  private final TgtObservation seen;
  private final TgtCommands tgt;
  private final List<Change> changes = new ArrayList<>();
  private final List<Finding> findings;
  private final Set<Integer> usedTids = new HashSet<>();

  TgtNodePlanner(DesiredState desired, NodeSpec node, TgtObservation seen, List<Finding> findings) {
    this.desired = desired;
    this.node = node;
    this.seen = seen;
    this.tgt = new TgtCommands(node.tgtControlPort());
    this.findings = findings;
    seen.targets().forEach(t -> usedTids.add(t.tid()));
  }

  List<Change> plan(List<DesiredTgtTarget> declared) {
    planPortals();
    Map<String, TgtTarget> byIqn = new HashMap<>();
    seen.targets().forEach(t -> byIqn.put(t.iqn(), t));
    List<DesiredTgtTarget> wanted = withoutLiveSerialClashes(declared, byIqn);
    Set<String> wantedIqns = new HashSet<>();
    Set<String> knownAccounts = new HashSet<>(seen.accounts());
    for (DesiredTgtTarget want : wanted) {
      wantedIqns.add(want.iqn());
      TgtTarget have = byIqn.get(want.iqn());
      if (want.state() == TargetState.ABSENT) {
        if (have != null) delete(have);
      } else if (have == null) {
        create(want, knownAccounts);
      } else {
        update(want, have, knownAccounts);
      }
    }
    for (TgtTarget t : seen.targets()) {
      if (!wantedIqns.contains(t.iqn())) {
        findings.add(
            new Finding(
                Finding.Kind.UNMANAGED,
                node.name(),
                DesiredTargets.address(node.name(), t.iqn()),
                "target " + t.iqn() + " (tid " + t.tid() + ") is served by tgt but not declared",
                "declare it to manage it, or `state: absent` to remove it",
                SourceRef.NONE));
      }
    }
    planConfigFile(wanted);
    return changes;
  }

  /**
   * The declared targets minus the new ones whose LUN serial a live target the desired state does
   * not declare already serves (a renamed volume: the old target keeps running, undeclared). Two
   * targets with one serial are one multipath WWID for two disks, so such a target is a plan error
   * naming the live one, and neither it nor its block in the persisted file is created.
   */
  private List<DesiredTgtTarget> withoutLiveSerialClashes(
      List<DesiredTgtTarget> declared, Map<String, TgtTarget> byIqn) {
    Set<String> declaredIqns = new HashSet<>();
    declared.forEach(d -> declaredIqns.add(d.iqn()));
    List<DesiredTgtTarget> out = new ArrayList<>();
    for (DesiredTgtTarget want : declared) {
      String clash = null;
      if (want.state() != TargetState.ABSENT && !byIqn.containsKey(want.iqn())) {
        for (TgtTarget live : seen.targets()) {
          if (declaredIqns.contains(live.iqn())) continue;
          for (TgtTarget.Lun l : live.luns()) {
            for (DesiredTgtTarget.DesiredLun d : want.luns()) {
              if (d.serial() != null && d.serial().equals(l.scsiSn())) {
                clash = "serial " + d.serial() + " is served by the live target " + live.iqn();
                clash += " (tid " + live.tid() + ", LUN " + l.lun() + "), which is not declared";
              }
            }
          }
        }
      }
      if (clash == null) {
        out.add(want);
        continue;
      }
      findings.add(
          new Finding(
              Finding.Kind.ERROR,
              node.name(),
              DesiredTargets.address(node.name(), want.iqn()),
              "target " + want.iqn() + " is not created: its " + clash,
              "a renamed volume keeps its old target: declare the old target with `state: absent`"
                  + " first (or keep the old name), or give the new target another serial",
              sourceOf(want.iqn())));
    }
    return out;
  }

  private SourceRef sourceOf(String iqn) {
    return desired.targets().stream()
        .filter(t -> desired.iqnOf(t).equals(iqn))
        .map(dev.sanctl.spi.model.Target::source)
        .findFirst()
        .orElse(SourceRef.NONE);
  }

  private void planPortals() {
    Set<String> want = new LinkedHashSet<>();
    Set<String> groups = new HashSet<>();
    for (PortalGroup pg : desired.portalGroups().values()) {
      List<String> addrs = pg.portals().get(node.name());
      if (addrs == null) continue;
      groups.add(pg.name());
      for (String a : addrs) want.add((a.contains(":") ? "[" + a + "]" : a) + ":" + pg.port());
    }
    if (groups.size() > 1) {
      findings.add(
          new Finding(
              Finding.Kind.WARNING,
              node.name(),
              node.name() + "/tgt.portal",
              "tgt has no per-target portal binding: every target on "
                  + node.name()
                  + " is reachable on the portals of all its portal groups "
                  + groups,
              "use one portal group per tgt node to keep exposure exact",
              SourceRef.NONE));
    }
    for (String p : want) {
      if (!seen.portals().contains(p)) {
        changes.add(
            change(
                node.name() + "/tgt.portal/" + p,
                "portal",
                p,
                Action.CREATE,
                Impact.NONE,
                "portal not present",
                List.of(FieldChange.of("portal", null, p)),
                List.of(tgt.newPortal(p)),
                List.of(),
                List.of()));
      }
    }
    for (String p : seen.portals()) {
      if (!want.contains(p)) {
        findings.add(
            new Finding(
                Finding.Kind.UNMANAGED,
                node.name(),
                node.name() + "/tgt.portal/" + p,
                "tgt portal " + p + " is not in any portal group of " + node.name(),
                "add it to a portal group, or remove it from tgtd's start options",
                SourceRef.NONE));
      }
    }
  }

  private int nextTid() {
    int tid = 1;
    while (usedTids.contains(tid)) tid++;
    usedTids.add(tid);
    return tid;
  }

  private void create(DesiredTgtTarget want, Set<String> knownAccounts) {
    int tid = nextTid();
    List<Command> cmds = new ArrayList<>();
    List<FieldChange> fields = new ArrayList<>();
    cmds.add(tgt.newTarget(tid, want.iqn()));
    fields.add(FieldChange.of("tid", null, tid));
    for (DesiredTgtTarget.DesiredLun lun : want.luns()) {
      cmds.add(tgt.newLun(tid, lun.tgtLun(), lun.path()));
      if (lun.serial() != null) cmds.add(tgt.setSerial(tid, lun.tgtLun(), lun.serial()));
      fields.add(FieldChange.of("lun[" + lun.tgtLun() + "].path", null, lun.path()));
      fields.add(FieldChange.of("lun[" + lun.tgtLun() + "].serial", null, lun.serial()));
    }
    for (String entry : TgtAcl.of(want.initiators())) {
      cmds.add(tgt.bindAcl(tid, entry));
      fields.add(FieldChange.of("acl", null, entry));
    }
    accounts(tid, want, List.of(), null, knownAccounts, cmds, fields);
    if (want.state() == TargetState.OFFLINE) cmds.add(tgt.setState(tid, "offline"));
    changes.add(
        change(
            DesiredTargets.address(node.name(), want.iqn()),
            "target",
            want.iqn(),
            Action.CREATE,
            Impact.NONE,
            "target not served on " + node.name(),
            fields,
            cmds,
            List.of(),
            portalDeps()));
  }

  private void update(DesiredTgtTarget want, TgtTarget have, Set<String> knownAccounts) {
    int tid = have.tid();
    List<Command> cmds = new ArrayList<>();
    List<FieldChange> fields = new ArrayList<>();
    Impact impact = Impact.NONE;
    List<String> sessions = sessions(have);
    Map<Integer, TgtTarget.Lun> haveLuns = new HashMap<>();
    have.dataLuns().forEach(l -> haveLuns.put(l.lun(), l));
    for (DesiredTgtTarget.DesiredLun lun : want.luns()) {
      TgtTarget.Lun h = haveLuns.remove(lun.tgtLun());
      String at = "lun[" + lun.tgtLun() + "]";
      if (h == null) {
        cmds.add(tgt.newLun(tid, lun.tgtLun(), lun.path()));
        if (lun.serial() != null) cmds.add(tgt.setSerial(tid, lun.tgtLun(), lun.serial()));
        fields.add(FieldChange.of(at + ".path", null, lun.path()));
        continue;
      }
      boolean pathChanged = !lun.path().equals(h.backingStorePath());
      boolean sizeChanged = TgtSizes.printedMegabytes(lun.sizeBytes()) != h.sizeMb();
      if (pathChanged || sizeChanged) {
        cmds.add(tgt.deleteLun(tid, lun.tgtLun()));
        cmds.add(tgt.newLun(tid, lun.tgtLun(), lun.path()));
        if (lun.serial() != null) cmds.add(tgt.setSerial(tid, lun.tgtLun(), lun.serial()));
        if (pathChanged) {
          fields.add(FieldChange.of(at + ".path", h.backingStorePath(), lun.path()));
          impact = worst(impact, Impact.BREAKING);
        } else {
          fields.add(
              FieldChange.of(
                  at + ".sizeMB", h.sizeMb(), TgtSizes.printedMegabytes(lun.sizeBytes())));
          impact = worst(impact, Impact.DISRUPTIVE);
        }
      } else if (lun.serial() != null
          && (!lun.serial().equals(h.scsiSn()) || !lun.serial().equals(h.scsiId()))) {
        cmds.add(tgt.setSerial(tid, lun.tgtLun(), lun.serial()));
        fields.add(FieldChange.of(at + ".serial", h.scsiSn(), lun.serial()));
        impact = worst(impact, Impact.BREAKING);
      }
    }
    for (TgtTarget.Lun extra : haveLuns.values()) {
      cmds.add(tgt.deleteLun(tid, extra.lun()));
      fields.add(FieldChange.of("lun[" + extra.lun() + "].path", extra.backingStorePath(), null));
      impact = worst(impact, Impact.BREAKING);
    }
    Set<String> wantAcl = new LinkedHashSet<>(TgtAcl.of(want.initiators()));
    Set<String> unbound = new HashSet<>();
    for (String entry : have.acl()) {
      if (entry.equals(TgtAcl.ALL) && !wantAcl.contains(entry)) {
        closeOpenAcl(have, want.initiators(), sessions);
      } else if (!wantAcl.remove(entry)) {
        cmds.add(tgt.unbindAcl(tid, entry));
        fields.add(FieldChange.of("acl", entry, null));
        unbound.add(entry);
      }
    }
    for (String i : wantAcl) {
      cmds.add(tgt.bindAcl(tid, i));
      fields.add(FieldChange.of("acl", null, i));
    }
    List<String> removedAccounts =
        accounts(tid, want, have.accounts(), have.outgoingAccount(), knownAccounts, cmds, fields);
    String wantState = want.state() == TargetState.OFFLINE ? "offline" : "ready";
    if (!wantState.equals(have.state())) {
      cmds.add(tgt.setState(tid, wantState));
      fields.add(FieldChange.of("state", have.state(), wantState));
      if ("offline".equals(wantState)) impact = worst(impact, Impact.DISRUPTIVE);
    }
    if (cmds.isEmpty()) return;
    Change c =
        change(
            DesiredTargets.address(node.name(), want.iqn()),
            "target",
            want.iqn(),
            Action.UPDATE,
            impact,
            "target differs on " + node.name(),
            fields,
            cmds,
            impact == Impact.NONE ? List.of() : sessions,
            portalDeps());
    c = AccessChanges.revoking(c, sessions, i -> !unbound.contains(i));
    if (!removedAccounts.isEmpty()) {
      c =
          AccessChanges.gate(
              c,
              sessions,
              "removes CHAP account "
                  + String.join(", ", removedAccounts)
                  + " from the target: initiators logging in with it are refused");
    }
    changes.add(c);
  }

  /**
   * A declared target found open to every initiator ({@code ALL}): an access problem, so its
   * removal is a change of its own, impact none (never held back for {@code --allow-disruptive} nor
   * by the target's other changes), named in the reason and in a warning. The initiators with a
   * session that are not listed feel it at their next login.
   */
  private void closeOpenAcl(TgtTarget have, List<String> listed, List<String> sessions) {
    List<String> refused = sessions.stream().filter(i -> !listed.contains(i)).toList();
    String address = node.name() + "/tgt.access/" + have.iqn();
    changes.add(
        change(
            address,
            "access",
            have.iqn(),
            Action.UPDATE,
            Impact.NONE,
            "SECURITY: target is open to every initiator (ACL ALL); only the listed initiators"
                + " keep access",
            List.of(FieldChange.of("acl", TgtAcl.ALL, null)),
            List.of(tgt.unbindAcl(have.tid(), TgtAcl.ALL)),
            refused,
            List.of()));
    findings.add(
        new Finding(
            Finding.Kind.WARNING,
            node.name(),
            address,
            "target "
                + have.iqn()
                + " is open to every initiator (ACL ALL): sanctl removes ALL without waiting for"
                + " --allow-disruptive"
                + (refused.isEmpty()
                    ? ""
                    : "; not listed, refused at their next login: " + String.join(", ", refused)),
            "list every initiator that needs the target in `initiators`",
            SourceRef.NONE));
  }

  /** Plans the CHAP accounts of a target; returns the accounts it unbinds from it. */
  private List<String> accounts(
      int tid,
      DesiredTgtTarget want,
      List<String> haveIncoming,
      String haveOutgoing,
      Set<String> knownAccounts,
      List<Command> cmds,
      List<FieldChange> fields) {
    Set<String> bound = new HashSet<>(haveIncoming);
    for (DesiredTgtTarget.Account a : want.incoming()) {
      if (knownAccounts.add(a.user())) cmds.add(tgt.newAccount(a.user(), a.secret()));
      if (!bound.remove(a.user())) {
        cmds.add(tgt.bindAccount(tid, a.user(), false));
        fields.add(new FieldChange("chap.incoming." + a.user(), null, a.secret(), true));
      }
    }
    List<String> removed = new ArrayList<>();
    for (String stale : bound) {
      cmds.add(tgt.unbindAccount(tid, stale, false));
      fields.add(new FieldChange("chap.incoming." + stale, "(bound)", null, false));
      removed.add(stale);
    }
    DesiredTgtTarget.Account out = want.outgoing();
    String wantOut = out == null ? null : out.user();
    if (wantOut != null && knownAccounts.add(wantOut))
      cmds.add(tgt.newAccount(wantOut, out.secret()));
    if (!java.util.Objects.equals(wantOut, haveOutgoing)) {
      if (haveOutgoing != null) {
        cmds.add(tgt.unbindAccount(tid, haveOutgoing, true));
        removed.add(haveOutgoing + " (outgoing)");
      }
      if (wantOut != null) cmds.add(tgt.bindAccount(tid, wantOut, true));
      fields.add(FieldChange.of("chap.outgoing", haveOutgoing, wantOut));
    }
    return removed;
  }

  private void delete(TgtTarget have) {
    List<String> sessions = sessions(have);
    Change c =
        change(
            DesiredTargets.address(node.name(), have.iqn()),
            "target",
            have.iqn(),
            Action.DELETE,
            Impact.DISRUPTIVE,
            "state: absent",
            List.of(FieldChange.of("tid", have.tid(), null)),
            List.of(tgt.deleteTarget(have.tid(), !sessions.isEmpty())),
            sessions,
            List.of());
    changes.add(AccessChanges.gate(c, sessions, "drops the export of " + have.iqn() + " now"));
  }

  /**
   * The persisted file: declared targets as desired ({@code state: absent} ones left out), and the
   * blocks of targets the desired state does not mention kept verbatim, so nothing is unexported at
   * the next restart by omission. Planned only when tgt-admin would restore something different
   * (block order aside); dropping a block of a target is disruptive, names the initiators with
   * sessions on it and needs approval.
   */
  private void planConfigFile(List<DesiredTgtTarget> wanted) {
    TgtConfigStanzas before = TgtConfigStanzas.parse(seen.configFile());
    Set<String> declared = new HashSet<>();
    wanted.forEach(t -> declared.add(t.iqn()));
    Map<String, String> kept = new HashMap<>(before.stanzas());
    kept.keySet().removeAll(declared);
    for (TgtTarget live : seen.targets()) {
      if (kept.containsKey(live.iqn()) && !live.acl().contains(TgtAcl.ALL)) {
        kept.computeIfPresent(live.iqn(), (iqn, block) -> TgtConfigStanzas.closed(block));
      }
    }
    List<DesiredTgtTarget> persisted =
        wanted.stream().filter(t -> t.state() != TargetState.ABSENT).toList();
    String content = TgtConfigRenderer.render(desired.cluster().name(), persisted, kept);
    TgtConfigStanzas after = TgtConfigStanzas.parse(content);
    if (seen.configFile() != null && after.sameAs(before)) return;
    List<String> secrets = new ArrayList<>();
    for (DesiredTgtTarget t : persisted) {
      for (DesiredTgtTarget.Account a : t.incoming()) secrets.add(a.secret());
      if (t.outgoing() != null) secrets.add(t.outgoing().secret());
    }
    for (String iqn : kept.keySet()) secrets.addAll(before.secrets(iqn));
    // the file may hold CHAP secrets: always 0600 (tgt-admin reads it as root)
    List<Command> cmds =
        List.of(
            FileWrite.replace(
                CONFIG_FILE, FileWrite.SECRET, content.getBytes(StandardCharsets.UTF_8), secrets));
    List<String> deps = changes.stream().map(Change::address).toList();
    List<FieldChange> fields = TgtConfigDiff.fields(before, after);
    Change c =
        change(
            node.name() + "/tgt.config/" + CONFIG_FILE,
            "config",
            CONFIG_FILE,
            seen.configFile() == null ? Action.CREATE : Action.UPDATE,
            Impact.NONE,
            "persisted configuration differs (a tgtd restart would not restore the live state)",
            fields,
            cmds,
            List.of(),
            deps);
    List<String> dropped = TgtConfigDiff.dropped(before, after);
    if (!dropped.isEmpty()) {
      List<String> feel = new ArrayList<>();
      for (TgtTarget t : seen.targets()) {
        if (dropped.contains(t.iqn())) feel.addAll(sessions(t));
      }
      c =
          AccessChanges.gate(
              c,
              feel.stream().distinct().sorted().toList(),
              "drops the export of " + String.join(", ", dropped) + " at the next tgtd restart");
    }
    changes.add(c);
  }

  private List<String> portalDeps() {
    return changes.stream().filter(c -> c.kind().equals("portal")).map(Change::address).toList();
  }

  private static List<String> sessions(TgtTarget t) {
    return t.nexuses().stream().map(TgtTarget.Nexus::initiator).distinct().sorted().toList();
  }

  private static Impact worst(Impact a, Impact b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private Change change(
      String address,
      String kind,
      String name,
      Action action,
      Impact impact,
      String reason,
      List<FieldChange> fields,
      List<Command> cmds,
      List<String> affected,
      List<String> deps) {
    return new Change(
        address,
        node.name(),
        TgtProvider.ID,
        kind,
        name,
        action,
        impact,
        reason,
        fields,
        cmds,
        affected,
        deps);
  }
}
