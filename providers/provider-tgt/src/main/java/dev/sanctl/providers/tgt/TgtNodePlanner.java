package dev.sanctl.providers.tgt;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.NodeSpec;
import dev.sanctl.spi.model.SourceRef;
import dev.sanctl.spi.model.TargetState;
import dev.sanctl.spi.provider.AccessChanges;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.spi.provider.ResourceAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Plans tgt on one node: targets, LUNs, serials, ACLs, accounts, portals, the persisted file. */
final class TgtNodePlanner {
  private final DesiredState desired;
  private final NodeSpec node;
  private final TgtObservation seen;
  private final TgtCommands tgt;
  private final List<Change> changes = new ArrayList<>();
  private final List<Finding> findings;
  private final Set<Integer> usedTids = new HashSet<>();
  private List<Change> portals = List.of();

  TgtNodePlanner(DesiredState desired, NodeSpec node, TgtObservation seen, List<Finding> findings) {
    this.desired = desired;
    this.node = node;
    this.seen = seen;
    this.tgt = new TgtCommands(node.tgtControlPort());
    this.findings = findings;
    seen.targets().forEach(t -> usedTids.add(t.tid()));
  }

  List<Change> plan(List<DesiredTgtTarget> declared) {
    portals = TgtPortalPlanner.plan(desired, node, seen, tgt, findings);
    changes.addAll(portals);
    Map<String, TgtTarget> byIqn = new HashMap<>();
    seen.targets().forEach(t -> byIqn.put(t.iqn(), t));
    List<DesiredTgtTarget> wanted =
        TgtLiveSerialClashes.without(desired, node.name(), seen, declared, byIqn, findings);
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
            Finding.unmanaged(
                address(t.iqn()),
                "target " + t.iqn() + " (tid " + t.tid() + ") is served by tgt but not declared",
                "declare it to manage it, or `state: absent` to remove it",
                SourceRef.NONE));
      }
    }
    TgtPersistedConfig.plan(desired, node.name(), seen, wanted, List.copyOf(changes))
        .ifPresent(changes::add);
    return changes;
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
        new Change(
            address(want.iqn()),
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
          impact = Impact.worst(impact, Impact.BREAKING);
        } else {
          fields.add(
              FieldChange.of(
                  at + ".sizeMB", h.sizeMb(), TgtSizes.printedMegabytes(lun.sizeBytes())));
          impact = Impact.worst(impact, Impact.DISRUPTIVE);
        }
      } else if (lun.serial() != null
          && (!lun.serial().equals(h.scsiSn()) || !lun.serial().equals(h.scsiId()))) {
        cmds.add(tgt.setSerial(tid, lun.tgtLun(), lun.serial()));
        fields.add(FieldChange.of(at + ".serial", h.scsiSn(), lun.serial()));
        impact = Impact.worst(impact, Impact.BREAKING);
      }
    }
    for (TgtTarget.Lun extra : haveLuns.values()) {
      cmds.add(tgt.deleteLun(tid, extra.lun()));
      fields.add(FieldChange.of("lun[" + extra.lun() + "].path", extra.backingStorePath(), null));
      impact = Impact.worst(impact, Impact.BREAKING);
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
      if ("offline".equals(wantState)) impact = Impact.worst(impact, Impact.DISRUPTIVE);
    }
    if (cmds.isEmpty()) return;
    Change c =
        new Change(
            address(want.iqn()),
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
    ResourceAddress address = ResourceAddress.of(node.name(), TgtProvider.ID, "access", have.iqn());
    changes.add(
        new Change(
            address,
            Action.UPDATE,
            Impact.NONE,
            "SECURITY: target is open to every initiator (ACL ALL); only the listed initiators"
                + " keep access",
            List.of(FieldChange.of("acl", TgtAcl.ALL, null)),
            List.of(tgt.unbindAcl(have.tid(), TgtAcl.ALL)),
            refused,
            List.of()));
    findings.add(
        Finding.warning(
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
        new Change(
            address(have.iqn()),
            Action.DELETE,
            Impact.DISRUPTIVE,
            "state: absent",
            List.of(FieldChange.of("tid", have.tid(), null)),
            List.of(tgt.deleteTarget(have.tid(), !sessions.isEmpty())),
            sessions,
            List.of());
    changes.add(AccessChanges.gate(c, sessions, "drops the export of " + have.iqn() + " now"));
  }

  private List<ResourceAddress> portalDeps() {
    return portals.stream().map(Change::resource).toList();
  }

  /** The initiators with a session on {@code t}, sorted. */
  static List<String> sessions(TgtTarget t) {
    return t.nexuses().stream().map(TgtTarget.Nexus::initiator).distinct().sorted().toList();
  }

  /** Target {@code iqn} on this node. */
  private ResourceAddress address(String iqn) {
    return DesiredTargets.address(node.name(), iqn);
  }
}
