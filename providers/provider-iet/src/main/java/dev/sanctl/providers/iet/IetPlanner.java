package dev.sanctl.providers.iet;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.Target;
import dev.sanctl.spi.model.TargetState;
import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.provider.AccessChanges;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.PlanResult;
import dev.sanctl.spi.provider.PlannedVolumes;
import dev.sanctl.spi.provider.VolumeFacts;
import dev.sanctl.spi.values.IetOptionKey;
import dev.sanctl.spi.values.IetOptionValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pure planning half of {@link IetProvider}. Per node: the targets of the volume groups it
 * holds are brought to their desired runtime state with {@code ietadm}, targets of groups held
 * elsewhere are removed, unknown running targets are reported, and the config files are rendered
 * and compared byte for byte.
 */
final class IetPlanner {
  /** Keys {@code ietadm --op update} accepts (IET {@code usr/param.c} target and session keys). */
  static final Set<String> UPDATABLE =
      Set.of(
          "wthreads",
          "type",
          "queuedcommands",
          "nopinterval",
          "noptimeout",
          "initialr2t",
          "immediatedata",
          "maxconnections",
          "maxrecvdatasegmentlength",
          "maxxmitdatasegmentlength",
          "maxburstlength",
          "firstburstlength",
          "defaulttime2wait",
          "defaulttime2retain",
          "maxoutstandingr2t",
          "datapduinorder",
          "datasequenceinorder",
          "errorrecoverylevel",
          "headerdigest",
          "datadigest",
          "ofmarker",
          "ifmarker",
          "ofmarkint",
          "ifmarkint");

  private final PlanContext ctx;
  private final DesiredState desired;
  private final List<DesiredTarget> all = new ArrayList<>();
  private final Map<String, DesiredTarget> byIqn = new LinkedHashMap<>();
  private final Map<String, String> secrets = new LinkedHashMap<>();
  private final Set<String> badTargets = new HashSet<>();
  private final List<Change> changes = new ArrayList<>();
  private final List<Finding> findings = new ArrayList<>();

  IetPlanner(PlanContext ctx) {
    this.ctx = ctx;
    this.desired = ctx.desired();
  }

  PlanResult plan() {
    for (Target t : desired.targets()) {
      DesiredTarget d = DesiredTarget.of(desired, t);
      if (d.group() == null) continue;
      all.add(d);
      byIqn.putIfAbsent(d.iqn(), d);
      check(d);
    }
    for (String node : ctx.nodes().keySet()) {
      ctx.observation(node, IetObservation.class).ifPresent(o -> new NodePlan(node, o).plan());
    }
    return new PlanResult(changes, findings);
  }

  /** Guards values that reach argument vectors and config lines; resolves CHAP secrets. */
  private void check(DesiredTarget d) {
    for (DesiredTarget.LunSpec l : d.luns()) {
      if (l.path().matches(".*[\\s,].*") || d.iqn().startsWith("-")) {
        refuse(
            d,
            "LUN path " + l.path() + " or IQN cannot be written safely to ietd.conf",
            "volume group paths and names must not contain white space or commas");
        return;
      }
    }
    Target.Chap chap = d.target().chap() == null ? Target.Chap.NONE : d.target().chap();
    List<Target.ChapUser> users = new ArrayList<>(chap.incoming());
    if (chap.outgoing() != null) users.add(chap.outgoing());
    for (Target.ChapUser u : users) {
      if (secrets.containsKey(u.secretFile())) continue;
      try {
        String s = ctx.secrets().read(u.secretFile());
        if (s.isEmpty() || s.matches(".*[\\s,].*")) {
          refuse(
              d,
              "CHAP secret in "
                  + u.secretFile()
                  + " is empty or contains white space or a"
                  + " comma",
              "write a secret of printable characters without spaces or commas");
          return;
        }
        secrets.put(u.secretFile(), s);
      } catch (PlanContext.SecretException e) {
        refuse(
            d,
            "cannot use CHAP secret file " + u.secretFile() + ": " + e.getMessage(),
            "create it readable by the sanctl user only (mode 0600)");
        return;
      }
    }
  }

  private void refuse(DesiredTarget d, String message, String hint) {
    badTargets.add(d.iqn());
    findings.add(
        new Finding(
            Finding.Kind.ERROR,
            null,
            IetProvider.ID + ".target/" + d.iqn(),
            "target "
                + d.iqn()
                + ": "
                + message
                + "; nothing is planned for it or its node's"
                + " ietd.conf",
            hint,
            d.target().source()));
  }

  /** Where a live target not in the desired state records a serial. */
  private record LiveSerial(String iqn, String node) {}

  private Map<String, LiveSerial> liveSerials;

  /**
   * The serials ({@code ScsiSN}) of the targets not in the desired state, from every observed
   * node's {@code ietd.conf} and meta volume copies: the identities a new target must not reuse.
   */
  private Map<String, LiveSerial> liveSerials() {
    if (liveSerials != null) return liveSerials;
    liveSerials = new LinkedHashMap<>();
    for (String n : ctx.nodes().keySet()) {
      IetObservation o = ctx.observation(n, IetObservation.class).orElse(null);
      if (o == null) continue;
      List<IetdConf> confs = new ArrayList<>(List.of(o.config()));
      o.meta().values().forEach(m -> confs.add(IetObservation.config(m)));
      for (IetdConf c : confs) {
        for (IetdConf.Stanza st : c.targets().values()) {
          if (byIqn.containsKey(st.iqn())) continue;
          for (Integer lun : st.luns().keySet()) {
            String sn = st.lunParam(lun, "ScsiSN");
            if (sn != null) liveSerials.putIfAbsent(sn, new LiveSerial(st.iqn(), n));
          }
        }
      }
    }
    return liveSerials;
  }

  /** Nodes (with known volume facts) where {@code vg} is held. */
  private List<String> holders(VolumeGroup vg) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, VolumeFacts> e : ctx.volumes().entrySet()) {
      VolumeFacts.Group g = e.getValue().groups().get(vg.name());
      if (g != null && PlannedVolumes.held(ctx.desired(), e.getKey(), g)) out.add(e.getKey());
    }
    return out;
  }

  private boolean servesHere(VolumeGroup vg, String node) {
    List<String> h = holders(vg);
    if (vg.type() == VolumeGroup.Type.FILES) return h.contains(node) && vg.nodes().contains(node);
    return h.equals(List.of(node));
  }

  /** True when {@code vg} is known not to be served by {@code node} (held elsewhere, alone). */
  private boolean heldElsewhere(VolumeGroup vg, String node) {
    List<String> h = holders(vg);
    if (vg.type() == VolumeGroup.Type.FILES) return !h.contains(node);
    return h.size() == 1 && !h.contains(node);
  }

  /** Planning of one node. */
  private final class NodePlan {
    final String node;
    final IetObservation obs;
    final IetdConf conf;
    final Set<Integer> usedTids;
    final Set<String> claimed = new HashSet<>();
    final List<String> heldGroups = new ArrayList<>();
    final Set<String> opening = new HashSet<>();
    String confChange;

    NodePlan(String node, IetObservation obs) {
      this.node = node;
      this.obs = obs;
      this.conf = obs.config();
      this.usedTids = new TreeSet<>(obs.runtime().targets().keySet());
    }

    void plan() {
      for (VolumeGroup vg : desired.volumeGroups().values()) {
        if (servesHere(vg, node)) heldGroups.add(vg.name());
      }
      List<DesiredTarget> served = all.stream().filter(d -> heldGroups.contains(d.vg())).toList();
      refuseLiveSerials(served);
      if (splitBrainHere()) {
        findings.add(
            new Finding(
                Finding.Kind.ERROR,
                node,
                address("file", "etc/iet"),
                "a volume group is active on "
                    + node
                    + " and another node (split brain): the IET"
                    + " configuration files of "
                    + node
                    + " are left unchanged",
                "let the HA cluster manager deactivate it on all but one node, then plan again",
                null));
      } else {
        planFiles(served);
      }
      for (DesiredTarget d : served) {
        claimed.add(d.iqn());
        if (badTargets.contains(d.iqn())) continue;
        IetRuntime.Target rt = obs.runtime().byName(d.iqn());
        if (d.target().state() == TargetState.ONLINE) {
          planOnline(d, rt);
        } else if (rt != null) {
          String state = "state: " + d.target().state().name().toLowerCase(Locale.ROOT);
          deleteTarget(rt, state);
          Change dropped = changes.remove(changes.size() - 1);
          changes.add(
              AccessChanges.gate(
                  dropped, rt.initiators(), "drops the export of " + rt.name() + " now"));
        }
      }
      for (IetRuntime.Target rt : obs.runtime().targets().values()) {
        if (claimed.contains(rt.name())) continue;
        DesiredTarget d = byIqn.get(rt.name());
        if (d != null) {
          if (heldElsewhere(d.group(), node)) {
            deleteTarget(rt, "volume group " + d.vg() + " is not held by " + node);
            Change moved = changes.remove(changes.size() - 1);
            changes.add(
                AccessChanges.gate(
                    moved, rt.initiators(), "the export of " + rt.name() + " leaves " + node));
          }
          continue;
        }
        findings.add(
            new Finding(
                Finding.Kind.UNMANAGED,
                node,
                address("target", rt.name()),
                "target "
                    + rt.name()
                    + " (tid "
                    + rt.tid()
                    + ") runs on "
                    + node
                    + " but is not in the desired state; sanctl leaves it alone",
                "declare it under targets (or run sanctl import)",
                null));
      }
    }

    /**
     * Refuses a desired target whose serial a live target of this node holds (running, or in {@code
     * ietd.conf} or a meta copy) that is not in the desired state: creating it would give
     * initiators two disks with one WWID (e.g. a renamed volume). A running target the desired one
     * replaces (same volume, new IQN) is a planned re-identification, not a collision.
     */
    private void refuseLiveSerials(List<DesiredTarget> served) {
      Set<String> renames = renameSources(served);
      for (DesiredTarget d : served) {
        if (d.target().state() == TargetState.ABSENT || badTargets.contains(d.iqn())) continue;
        for (DesiredTarget.LunSpec l : d.luns()) {
          LiveSerial live = l.serial() == null ? null : liveSerials().get(l.serial());
          if (live == null || renames.contains(live.iqn()) && live.node().equals(node)) continue;
          String holder = live.iqn();
          IetRuntime.Target rt = live.node().equals(node) ? obs.runtime().byName(holder) : null;
          badTargets.add(d.iqn());
          findings.add(
              new Finding(
                  Finding.Kind.ERROR,
                  node,
                  address("target", d.iqn()),
                  "target "
                      + d.iqn()
                      + ": serial "
                      + l.serial()
                      + " is held by live target "
                      + holder
                      + (rt == null ? " (in ietd.conf" : " (tid " + rt.tid())
                      + " on "
                      + live.node()
                      + ", not in the desired state); a second target with it would show"
                      + " initiators two disks with one WWID, so nothing is planned for it or"
                      + " its node's ietd.conf",
                  "to rename, declare the old target with iqn: "
                      + holder
                      + " and state: absent (apply that first), or keep the old volume name",
                  d.target().source()));
          break;
        }
      }
    }

    private boolean splitBrainHere() {
      for (VolumeGroup vg : desired.volumeGroups().values()) {
        List<String> h = holders(vg);
        if (vg.type() == VolumeGroup.Type.LVM && h.size() > 1 && h.contains(node)) return true;
      }
      return false;
    }

    // ---- runtime ----

    private void planOnline(DesiredTarget d, IetRuntime.Target rt) {
      if (rt == null) {
        IetRuntime.Target renamed = renamedFrom(d);
        if (renamed != null) {
          claimed.add(renamed.name());
          List<Command> cmds = new ArrayList<>(IetCommands.dropSessions(renamed));
          cmds.add(IetCommands.deleteTarget(renamed.tid()));
          cmds.addAll(createCommands(renamed.tid(), d));
          changes.add(
              change(
                  "target",
                  d.iqn(),
                  Action.REPLACE,
                  Impact.BREAKING,
                  "IQN " + renamed.name() + " -> " + d.iqn() + " (initiators see a new target)",
                  List.of(FieldChange.of("iqn", renamed.name(), d.iqn())),
                  cmds,
                  renamed.initiators(),
                  volumeChanges(d)));
        } else {
          int tid = lowestFreeTid();
          List<FieldChange> fields = new ArrayList<>();
          fields.add(FieldChange.of("tid", null, tid));
          for (DesiredTarget.LunSpec l : d.luns()) {
            fields.add(FieldChange.of("lun " + l.lun(), null, l.params()));
          }
          changes.add(
              change(
                  "target",
                  d.iqn(),
                  Action.CREATE,
                  Impact.NONE,
                  "not running on " + node,
                  fields,
                  createCommands(tid, d),
                  List.of(),
                  volumeChanges(d)));
        }
      } else {
        planLuns(d, rt);
        planParams(d, rt);
        planChap(d, rt);
      }
      Integer expected = d.target().expectedSessions();
      int sessions = rt == null ? 0 : rt.sessions().size();
      if (expected != null && sessions < expected) {
        findings.add(
            new Finding(
                Finding.Kind.DRIFT,
                node,
                address("target", d.iqn()),
                "target "
                    + d.iqn()
                    + " has "
                    + sessions
                    + " session(s) on "
                    + node
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

    /** A running target not in the desired state that serves this target's LUN 0 volume. */
    private IetRuntime.Target renamedFrom(DesiredTarget d) {
      String path = d.luns().get(0).path();
      for (IetRuntime.Target rt : obs.runtime().targets().values()) {
        if (byIqn.containsKey(rt.name()) || claimed.contains(rt.name())) continue;
        if (rt.luns().stream().anyMatch(l -> path.equals(l.path()))) return rt;
      }
      return null;
    }

    private List<Command> createCommands(int tid, DesiredTarget d) {
      List<Command> cmds = new ArrayList<>();
      cmds.add(IetCommands.newTarget(tid, d.iqn()));
      for (DesiredTarget.LunSpec l : d.luns()) cmds.add(IetCommands.newLun(tid, l));
      String params = updatableParams(d.options());
      if (!params.isEmpty()) cmds.add(IetCommands.update(tid, params));
      Target.Chap chap = chapOf(d);
      for (Target.ChapUser u : chap.incoming()) {
        cmds.add(IetCommands.newUser(tid, "IncomingUser", u.user(), secrets.get(u.secretFile())));
      }
      if (chap.outgoing() != null) {
        cmds.add(
            IetCommands.newUser(
                tid,
                "OutgoingUser",
                chap.outgoing().user(),
                secrets.get(chap.outgoing().secretFile())));
      }
      return cmds;
    }

    private void planLuns(DesiredTarget d, IetRuntime.Target rt) {
      IetdConf.Stanza stanza = conf.targets().get(d.iqn());
      for (DesiredTarget.LunSpec l : d.luns()) {
        IetRuntime.Lun rl = rt.lun(l.lun());
        String name = d.iqn() + "/" + l.lun();
        if (rl == null) {
          changes.add(
              change(
                  "lun",
                  name,
                  Action.CREATE,
                  Impact.NONE,
                  "LUN " + l.lun() + " not running",
                  List.of(FieldChange.of("params", null, l.params())),
                  List.of(IetCommands.newLun(rt.tid(), l)),
                  List.of(),
                  volumeChange(d, l)));
          continue;
        }
        List<String> reasons = new ArrayList<>();
        List<FieldChange> fields = new ArrayList<>();
        Impact impact = Impact.NONE;
        List<String> deps = new ArrayList<>();
        if (!l.path().equals(rl.path())) {
          reasons.add("path " + rl.path() + " -> " + l.path());
          fields.add(FieldChange.of("path", rl.path(), l.path()));
          impact = Impact.BREAKING;
        }
        String serial = stanza == null ? null : stanza.lunParam(l.lun(), "ScsiSN");
        if (stanza != null
            && stanza.luns().containsKey(l.lun())
            && !Objects.equals(serial, l.serial())) {
          reasons.add("serial " + serial + " -> " + l.serial());
          fields.add(FieldChange.of("serial", serial, l.serial()));
          impact = Impact.BREAKING;
          if (confChange != null) deps.add(confChange);
        }
        if (!l.type().equals(rl.ioType())) {
          reasons.add("type " + rl.ioType() + " -> " + l.type());
          fields.add(FieldChange.of("type", rl.ioType(), l.type()));
          impact = max(impact, Impact.DISRUPTIVE);
        }
        VolumeFacts.Volume vol = volume(l);
        Long want = desiredSize(l);
        if (vol != null && want != null && want > vol.sizeBytes()) {
          reasons.add(
              "size "
                  + vol.sizeBytes()
                  + " -> "
                  + want
                  + " bytes (IET serves the new size only after the LUN is re-added)");
          fields.add(FieldChange.of("size", vol.sizeBytes(), want));
          impact = max(impact, Impact.DISRUPTIVE);
          deps.addAll(volumeChange(d, l));
        } else if (vol != null && rl.sizeBytes() != null && rl.sizeBytes() != vol.sizeBytes()) {
          reasons.add(
              "size "
                  + rl.sizeBytes()
                  + " -> "
                  + vol.sizeBytes()
                  + " bytes (the volume was resized; IET still serves the old size)");
          fields.add(FieldChange.of("size", rl.sizeBytes(), vol.sizeBytes()));
          impact = max(impact, Impact.DISRUPTIVE);
        }
        if (reasons.isEmpty()) continue;
        List<Command> cmds = new ArrayList<>(IetCommands.dropSessions(rt));
        cmds.add(IetCommands.deleteLun(rt.tid(), l.lun()));
        cmds.add(IetCommands.newLun(rt.tid(), l));
        changes.add(
            change(
                "lun",
                name,
                Action.REPLACE,
                impact,
                String.join("; ", reasons),
                fields,
                cmds,
                rt.initiators(),
                deps));
      }
      for (IetRuntime.Lun rl : rt.luns()) {
        if (rl.state() != 0 || d.lun(rl.lun()) != null) continue;
        List<Command> cmds = new ArrayList<>(IetCommands.dropSessions(rt));
        cmds.add(IetCommands.deleteLun(rt.tid(), rl.lun()));
        changes.add(
            change(
                "lun",
                d.iqn() + "/" + rl.lun(),
                Action.DELETE,
                Impact.BREAKING,
                "LUN " + rl.lun() + " is not in the desired state",
                List.of(FieldChange.of("path", rl.path(), null)),
                cmds,
                rt.initiators(),
                List.of()));
      }
    }

    /**
     * Plans {@code ietadm --op update} when the running parameters differ from the desired ones. An
     * {@code ietd.conf} stanza recording the desired parameters is trusted; otherwise the live
     * parameters ({@code ietadm --op show}) decide, so a stanza that cannot be rewritten now (the
     * node's ietd.conf is blocked by another target's error) does not keep the update planned. The
     * stanza itself is the {@code iet.file} change of ietd.conf.
     */
    private void planParams(DesiredTarget d, IetRuntime.Target rt) {
      IetdConf.Stanza stanza = conf.targets().get(d.iqn());
      if (IetLiveParams.recordedAsDesired(stanza, d.options())) return;
      String params = updatableParams(d.options());
      if (params.isEmpty()) return;
      Map<String, String> live = obs.liveParams().get(rt.tid());
      if (live == null) return; // it stopped while observed: the next plan creates it
      List<FieldChange> fields = new ArrayList<>();
      IetLiveParams.differing(d.options(), live)
          .forEach((k, was) -> fields.add(FieldChange.of(k, was, d.options().get(k))));
      if (fields.isEmpty()) return;
      changes.add(
          change(
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
              confDeps()));
    }

    private void planChap(DesiredTarget d, IetRuntime.Target rt) {
      IetdConf.Stanza stanza = conf.targets().get(d.iqn());
      Target.Chap chap = chapOf(d);
      List<Command> cmds = new ArrayList<>();
      List<FieldChange> fields = new ArrayList<>();
      Map<String, String> have = new LinkedHashMap<>();
      if (stanza != null) stanza.incoming().forEach(a -> have.put(a.user(), a.secret()));
      Map<String, String> want = new LinkedHashMap<>();
      chap.incoming().forEach(u -> want.put(u.user(), secrets.get(u.secretFile())));
      chapDiff(rt.tid(), "IncomingUser", have, want, cmds, fields);
      Map<String, String> haveOut = new LinkedHashMap<>();
      if (stanza != null && stanza.outgoing() != null) {
        haveOut.put(stanza.outgoing().user(), stanza.outgoing().secret());
      }
      Map<String, String> wantOut = new LinkedHashMap<>();
      if (chap.outgoing() != null) {
        wantOut.put(chap.outgoing().user(), secrets.get(chap.outgoing().secretFile()));
      }
      chapDiff(rt.tid(), "OutgoingUser", haveOut, wantOut, cmds, fields);
      if (cmds.isEmpty()) return;
      Change c =
          change(
              "chap",
              d.iqn(),
              Action.UPDATE,
              Impact.NONE,
              "CHAP accounts differ",
              fields,
              cmds,
              List.of(),
              confDeps());
      List<String> removed =
          fields.stream().filter(f -> f.after() == null).map(FieldChange::path).toList();
      if (!removed.isEmpty()) {
        c = AccessChanges.gate(c, rt.initiators(), "removes " + String.join(", ", removed));
      }
      changes.add(c);
    }

    private void chapDiff(
        int tid,
        String kind,
        Map<String, String> have,
        Map<String, String> want,
        List<Command> cmds,
        List<FieldChange> fields) {
      for (String user : have.keySet()) {
        if (want.containsKey(user)) continue;
        cmds.add(IetCommands.deleteUser(tid, kind, user));
        fields.add(new FieldChange(kind + " " + user, "(set)", null, true));
      }
      for (Map.Entry<String, String> e : want.entrySet()) {
        String old = have.get(e.getKey());
        if (e.getValue().equals(old)) continue;
        if (old != null) cmds.add(IetCommands.deleteUser(tid, kind, e.getKey()));
        cmds.add(IetCommands.newUser(tid, kind, e.getKey(), e.getValue()));
        fields.add(
            new FieldChange(
                kind + " " + e.getKey(), old == null ? null : "(set)", "(changed)", true));
      }
    }

    private void deleteTarget(IetRuntime.Target rt, String why) {
      List<Command> cmds = new ArrayList<>(IetCommands.dropSessions(rt));
      cmds.add(IetCommands.deleteTarget(rt.tid()));
      changes.add(
          change(
              "target",
              rt.name(),
              Action.DELETE,
              Impact.DISRUPTIVE,
              why + (rt.sessions().isEmpty() ? "" : "; live sessions are closed"),
              List.of(FieldChange.of("tid", rt.tid(), null)),
              cmds,
              rt.initiators(),
              List.of()));
    }

    private int lowestFreeTid() {
      int tid = 1;
      while (usedTids.contains(tid)) tid++;
      usedTids.add(tid);
      return tid;
    }

    // ---- config files ----

    private void planFiles(List<DesiredTarget> served) {
      boolean blocked = served.stream().anyMatch(d -> badTargets.contains(d.iqn()));
      Map<String, List<DesiredTarget>> byGroup = new LinkedHashMap<>();
      for (String vg : heldGroups) byGroup.put(vg, new ArrayList<>());
      for (DesiredTarget d : served) {
        if (!badTargets.contains(d.iqn())) byGroup.get(d.vg()).add(d);
      }
      List<String> order = new ArrayList<>();
      byGroup.keySet().stream().filter(vg -> !hasMeta(vg)).forEach(order::add);
      byGroup.keySet().stream().filter(this::hasMeta).forEach(order::add);
      Set<String> renames = renameSources(served);
      java.util.function.Predicate<String> foreign =
          iqn -> badTargets.contains(iqn) || !byIqn.containsKey(iqn) && !renames.contains(iqn);
      for (String file : IetConfigRenderer.FILES) {
        boolean conf = file.equals(IetConfigRenderer.IETD_CONF);
        if (conf && blocked) continue;
        String observedEtc = obs.etc().getOrDefault(file, "");
        StringBuilder etc = new StringBuilder();
        if (conf) etc.append(IetConfigRenderer.globals(desired.iet().global()));
        for (String vg : order) {
          String section = IetConfigRenderer.section(file, byGroup.get(vg), secrets::get);
          etc.append(section).append(keptAllowLines(file, byGroup.get(vg), observedEtc));
          Map<String, String> meta = obs.meta().get(vg);
          if (hasMeta(vg) && meta != null) {
            String observed = meta.getOrDefault(file, "");
            planFile(
                IetProvider.metaDir(desired.volumeGroups().get(vg)),
                file,
                observed,
                section
                    + keptAllowLines(file, byGroup.get(vg), observed)
                    + IetForeignLines.of(file, observed, foreign));
          }
        }
        etc.append(IetForeignLines.of(file, observedEtc, foreign));
        String address = planFile("/etc/iet", file, observedEtc, etc.toString());
        if (conf) confChange = address;
      }
    }

    /** Running targets not in the desired state that a desired target replaces (IQN change). */
    private Set<String> renameSources(List<DesiredTarget> served) {
      Set<String> out = new HashSet<>();
      for (DesiredTarget d : served) {
        if (d.target().state() != TargetState.ONLINE || obs.runtime().byName(d.iqn()) != null) {
          continue;
        }
        String path = d.luns().get(0).path();
        for (IetRuntime.Target rt : obs.runtime().targets().values()) {
          if (byIqn.containsKey(rt.name())) continue;
          if (rt.luns().stream().anyMatch(l -> path.equals(l.path()))) out.add(rt.name());
        }
      }
      return out;
    }

    /**
     * The observed {@code initiators.allow} lines of targets that stay exported here but would lose
     * their line (online, no initiators declared): without a line IET admits every initiator, so
     * the line is kept and the target is reported; sanctl never opens a target by omission.
     */
    private String keptAllowLines(String file, List<DesiredTarget> targets, String observed) {
      if (!file.equals(IetConfigRenderer.INITIATORS_ALLOW)) return "";
      StringBuilder out = new StringBuilder();
      for (DesiredTarget d : targets) {
        if (d.target().state() != TargetState.ONLINE || !d.initiators().isEmpty()) continue;
        for (String line : observed.split("(?<=\n)")) {
          if (!line.strip().split("\\s+", 2)[0].equals(d.iqn())) continue;
          out.append(line.endsWith("\n") ? line : line + "\n");
          if (opening.add(d.iqn())) {
            findings.add(
                new Finding(
                    Finding.Kind.ERROR,
                    node,
                    address("target", d.iqn()),
                    "target "
                        + d.iqn()
                        + " declares no initiators: IET admits every initiator to a target"
                        + " without an initiators.allow line, so its line is kept ("
                        + line.strip()
                        + ")",
                    "list the initiators that may log in, or set state: offline",
                    d.target().source()));
          }
          break;
        }
      }
      return out.toString();
    }

    private boolean hasMeta(String vg) {
      VolumeGroup g = desired.volumeGroups().get(vg);
      return g.type() == VolumeGroup.Type.LVM && g.metaVolume() != null;
    }

    /**
     * Plans rewriting {@code dir/name} when it differs for ietd (not merely in order, see {@link
     * IetFileOrder}); returns the change address or null.
     */
    private String planFile(String dir, String name, String observed, String wanted) {
      if (IetFileOrder.equivalent(name, observed, wanted)) return null;
      String path = dir + "/" + name;
      List<String> inFile = new ArrayList<>();
      secrets
          .values()
          .forEach(
              s -> {
                if (wanted.contains(s)) inFile.add(s);
              });
      List<FieldChange> fields = new ArrayList<>();
      List<String> oldLines = new ArrayList<>(observed.lines().toList());
      List<String> newLines = new ArrayList<>(wanted.lines().toList());
      List<String> removed = new ArrayList<>(oldLines);
      newLines.forEach(removed::remove);
      List<String> added = new ArrayList<>(newLines);
      oldLines.forEach(added::remove);
      for (String l : removed) fields.add(line(l, null));
      for (String l : added) fields.add(line(null, l));
      if (fields.isEmpty()) {
        fields.add(
            FieldChange.of(
                "layout",
                observed.endsWith("\n")
                    ? "lines in another order"
                    : "no newline after the last line",
                "as rendered"));
      }
      String name2 = path.substring(1);
      String address = Change.address(node, IetProvider.ID, "file", name2);
      changes.add(
          classify(
              dir,
              name,
              IetFileDiff.of(name, observed, wanted),
              new Change(
                  address,
                  node,
                  IetProvider.ID,
                  "file",
                  name2,
                  observed.isEmpty() ? Action.CREATE : Action.UPDATE,
                  Impact.NONE,
                  observed.isEmpty()
                      ? "missing or empty"
                      : removed.size() + " line(s) removed, " + added.size() + " added",
                  fields,
                  IetCommands.writeFile(dir, name, wanted, inFile),
                  List.of(),
                  List.of())));
      return address;
    }

    /**
     * A file change classified by what it takes away: an export dropped (it disappears at the next
     * restart, or failover for a meta volume copy) unless the desired state says {@code state:
     * offline} or {@code absent} of a target that no longer runs here, a CHAP account or settings
     * removed, an allow line lost, or live initiators no longer admitted — each disruptive, naming
     * the initiators with sessions here, and needing approval.
     */
    private Change classify(String dir, String name, IetFileDiff diff, Change c) {
      String when = dir.equals("/etc/iet") ? "at the next ietd restart" : "at the next failover";
      for (String t : diff.droppedTargets()) {
        DesiredTarget d = byIqn.get(t);
        if (d != null && d.target().state() != TargetState.ONLINE && !servedHere(t)) continue;
        c = AccessChanges.gate(c, sessionsOf(t), "drops " + t + " " + when);
      }
      if (!diff.removedAccounts().isEmpty()) {
        List<String> who = new ArrayList<>();
        diff.removedAccounts().forEach(a -> who.addAll(sessionsOf(a.substring(0, a.indexOf(':')))));
        c =
            AccessChanges.gate(
                c, who, "removes CHAP account(s) " + String.join(", ", diff.removedAccounts()));
      }
      if (!diff.removedSettings().isEmpty()) {
        c =
            AccessChanges.gate(
                c, List.of(), "removes settings " + String.join(", ", diff.removedSettings()));
      }
      if (name.equals(IetConfigRenderer.INITIATORS_ALLOW)) {
        for (IetRuntime.Target rt : obs.runtime().targets().values()) {
          c = AccessChanges.revoking(c, rt.initiators(), i -> diff.admits(rt.name(), i));
        }
      }
      return c;
    }

    /**
     * True when {@code iqn} runs on this node now: dropping its stanza or allow line, even as the
     * desired state declares ({@code state: offline} or {@code absent}), takes a served export away
     * at the next restart and needs approval, like its runtime delete.
     */
    private boolean servedHere(String iqn) {
      return obs.runtime().byName(iqn) != null;
    }

    private List<String> sessionsOf(String iqn) {
      IetRuntime.Target rt = obs.runtime().byName(iqn);
      return rt == null ? List.of() : rt.initiators();
    }

    private FieldChange line(String before, String after) {
      String l = before != null ? before : after;
      String first = l.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
      boolean secret = first.equals("incominguser") || first.equals("outgoinguser");
      if (!secret) return new FieldChange("line", before, after, false);
      String masked = l.replaceAll("^(\\s*\\S+\\s+\\S+\\s+).*$", "$1" + Command.REDACTED);
      return new FieldChange(
          "line", before == null ? null : masked, after == null ? null : masked, true);
    }

    // ---- helpers ----

    private List<String> confDeps() {
      return confChange == null ? List.of() : List.of(confChange);
    }

    private VolumeFacts.Volume volume(DesiredTarget.LunSpec l) {
      VolumeFacts f = ctx.volumes().get(node);
      VolumeFacts.Group g = f == null ? null : f.groups().get(l.volume().vg());
      return g == null ? null : g.volumes().get(l.volume().lv());
    }

    private Long desiredSize(DesiredTarget.LunSpec l) {
      VolumeGroup vg = desired.volumeGroups().get(l.volume().vg());
      VolumeGroup.Volume v = vg == null ? null : vg.volumes().get(l.volume().lv());
      return v == null ? null : v.sizeBytes();
    }

    /** The volume provider's change of this LUN's volume, when it is created or grown here. */
    private List<String> volumeChange(DesiredTarget d, DesiredTarget.LunSpec l) {
      VolumeGroup vg = desired.volumeGroups().get(l.volume().vg());
      String provider = vg != null && vg.type() == VolumeGroup.Type.FILES ? "files" : "lvm";
      return List.of(Change.address(node, provider, "volume", l.volume().toString()));
    }

    private List<String> volumeChanges(DesiredTarget d) {
      Set<String> out = new LinkedHashSet<>();
      for (DesiredTarget.LunSpec l : d.luns()) out.addAll(volumeChange(d, l));
      return List.copyOf(out);
    }

    private String address(String kind, String name) {
      return Change.address(node, IetProvider.ID, kind, name);
    }

    private Change change(
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
          address(kind, name),
          node,
          IetProvider.ID,
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

  private static Target.Chap chapOf(DesiredTarget d) {
    return d.target().chap() == null ? Target.Chap.NONE : d.target().chap();
  }

  private static String updatableParams(Map<String, String> options) {
    List<String> out = new ArrayList<>();
    options.forEach(
        (k, v) -> {
          if (UPDATABLE.contains(k.toLowerCase(Locale.ROOT))) {
            out.add(IetOptionKey.KIND.require(k) + "=" + IetOptionValue.KIND.require(v, k));
          }
        });
    return String.join(",", out);
  }

  private static Impact max(Impact a, Impact b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
