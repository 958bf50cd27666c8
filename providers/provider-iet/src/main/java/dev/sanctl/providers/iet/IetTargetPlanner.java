package dev.sanctl.providers.iet;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.model.Target;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.ChapSecrets;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Impact;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans the running targets of one node with {@code ietadm}: a desired online target is created at
 * the lowest free tid (or replaces the running target it renames), a running one gets its LUNs,
 * parameters and CHAP accounts brought to the desired state, and targets are deleted (sessions
 * dropped first). Fewer sessions than expected is drift. Remembers which running targets are
 * claimed by a desired target.
 */
final class IetTargetPlanner {
  private final IetNode node;
  private final Set<Integer> usedTids;
  private int nextTidCandidate = 1;
  private final Set<String> claimed = new HashSet<>();

  IetTargetPlanner(IetNode node) {
    this.node = node;
    this.usedTids = new TreeSet<>(node.observation().runtime().targets().keySet());
  }

  /** Marks the running target {@code iqn} as planned for (not foreign, not moved away). */
  void claim(String iqn) {
    claimed.add(iqn);
  }

  boolean claimed(String iqn) {
    return claimed.contains(iqn);
  }

  /** Plans desired online target {@code d}, running here as {@code rt} (or null). */
  void planOnline(DesiredTarget d, IetRuntime.Target rt) {
    if (rt == null) {
      IetRuntime.Target renamed = IetRenames.renamedFrom(node, d, claimed);
      if (renamed != null) {
        claimed.add(renamed.name());
        List<Command> cmds = new ArrayList<>(IetCommands.dropSessions(renamed));
        cmds.add(IetCommands.deleteTarget(renamed.tid()));
        cmds.addAll(createCommands(renamed.tid(), d));
        node.add(
            node.change(
                "target",
                d.iqn(),
                Action.REPLACE,
                Impact.BREAKING,
                "IQN " + renamed.name() + " -> " + d.iqn() + " (initiators see a new target)",
                List.of(FieldChange.of("iqn", renamed.name(), d.iqn())),
                cmds,
                renamed.initiators(),
                node.volumeChanges(d)));
      } else {
        int tid = lowestFreeTid();
        List<FieldChange> fields = new ArrayList<>();
        fields.add(FieldChange.of("tid", null, tid));
        for (DesiredTarget.LunSpec l : d.luns()) {
          fields.add(FieldChange.of("lun " + l.lun(), null, l.params()));
        }
        node.add(
            node.change(
                "target",
                d.iqn(),
                Action.CREATE,
                Impact.NONE,
                "not running on " + node.name(),
                fields,
                createCommands(tid, d),
                List.of(),
                node.volumeChanges(d)));
      }
    } else {
      new IetLunPlanner(node).plan(d, rt);
      planParams(d, rt);
      new IetChapPlanner(node).plan(d, rt);
    }
    Integer expected = d.target().expectedSessions();
    int sessions = rt == null ? 0 : rt.sessions().size();
    if (expected != null && sessions < expected) {
      node.add(
          Finding.drift(
              node.address("target", d.iqn()),
              "target "
                  + d.iqn()
                  + " has "
                  + sessions
                  + " session(s) on "
                  + node.name()
                  + ", "
                  + expected
                  + " expected"
                  + (rt == null || rt.initiators().isEmpty()
                      ? ""
                      : " (logged in: " + String.join(", ", rt.initiators()) + ")"),
              "check the initiators' iSCSI sessions and paths",
              d.target().source()));
    }
  }

  /**
   * The change deleting running target {@code rt} (its sessions dropped first), for {@code why}.
   */
  Change deleteTarget(IetRuntime.Target rt, String why) {
    List<Command> cmds = new ArrayList<>(IetCommands.dropSessions(rt));
    cmds.add(IetCommands.deleteTarget(rt.tid()));
    return node.change(
        "target",
        rt.name(),
        Action.DELETE,
        Impact.DISRUPTIVE,
        why + (rt.sessions().isEmpty() ? "" : "; live sessions are closed"),
        List.of(FieldChange.of("tid", rt.tid(), null)),
        cmds,
        rt.initiators(),
        List.of());
  }

  private List<Command> createCommands(int tid, DesiredTarget d) {
    IetDesiredTargets targets = node.targets();
    List<Command> cmds = new ArrayList<>();
    cmds.add(IetCommands.newTarget(tid, d.iqn()));
    for (DesiredTarget.LunSpec l : d.luns()) cmds.add(IetCommands.newLun(tid, l));
    String params = IetUpdatableParams.of(d.options());
    if (!params.isEmpty()) cmds.add(IetCommands.update(tid, params));
    Target.Chap chap = ChapSecrets.of(d.target());
    for (Target.ChapUser u : chap.incoming()) {
      cmds.add(IetCommands.newUser(tid, "IncomingUser", u.user(), targets.secret(u.secretFile())));
    }
    if (chap.outgoing() != null) {
      cmds.add(
          IetCommands.newUser(
              tid,
              "OutgoingUser",
              chap.outgoing().user(),
              targets.secret(chap.outgoing().secretFile())));
    }
    return cmds;
  }

  /**
   * Plans {@code ietadm --op update} when the running parameters differ from the desired ones. An
   * {@code ietd.conf} stanza recording the desired parameters is trusted; otherwise the live
   * parameters ({@code ietadm --op show}) decide, so a stanza that cannot be rewritten now (the
   * node's ietd.conf is blocked by another target's error) does not keep the update planned. The
   * stanza itself is the {@code iet.file} change of ietd.conf.
   */
  private void planParams(DesiredTarget d, IetRuntime.Target rt) {
    IetdConf.Stanza stanza = node.conf().targets().get(d.iqn());
    if (IetLiveParams.recordedAsDesired(stanza, d.options())) return;
    String params = IetUpdatableParams.of(d.options());
    if (params.isEmpty()) return;
    Map<String, String> live = node.observation().liveParams().get(rt.tid());
    if (live == null) return; // it stopped while observed: the next plan creates it
    List<FieldChange> fields = new ArrayList<>();
    IetLiveParams.differing(d.options(), live)
        .forEach((k, was) -> fields.add(FieldChange.of(k, was, d.options().get(k))));
    if (fields.isEmpty()) return;
    node.add(
        node.change(
            "params",
            d.iqn(),
            Action.UPDATE,
            Impact.NONE,
            stanza == null
                ? "running target parameters differ (not recorded in ietd.conf)"
                : "running target parameters differ",
            fields,
            List.of(IetCommands.update(rt.tid(), params)),
            List.of(),
            node.confDeps()));
  }

  /**
   * The lowest tid neither running nor given to a target planned before; tids are only added, so
   * the search goes on from the last one given (linear in the targets, not quadratic).
   */
  private int lowestFreeTid() {
    int tid = nextTidCandidate;
    while (usedTids.contains(tid)) tid++;
    nextTidCandidate = tid + 1;
    usedTids.add(tid);
    return tid;
  }
}
