package dev.sanctl.providers.iet;

import dev.sanctl.spi.model.TargetState;
import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.provider.AccessChanges;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.GroupPlacement;
import dev.sanctl.spi.provider.PlanContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Plans one node: the targets of the volume groups it serves ({@link GroupPlacement#servedBy}) are
 * brought to their desired state, targets of groups held elsewhere are removed, running targets not
 * in the desired state are reported, and the config files are rendered and compared (left unchanged
 * in a split brain). A desired target whose serial a live foreign target holds is refused.
 */
final class IetNodePlanner {
  private final PlanContext ctx;
  private final IetNode node;
  private final IetLiveSerials liveSerials;
  private final Map<String, GroupPlacement> placements;
  private final IetTargetPlanner runtime;

  /**
   * @param placements the placement of every declared volume group, by name
   */
  IetNodePlanner(
      PlanContext ctx,
      IetNode node,
      IetLiveSerials liveSerials,
      Map<String, GroupPlacement> placements) {
    this.ctx = ctx;
    this.node = node;
    this.liveSerials = liveSerials;
    this.placements = placements;
    this.runtime = new IetTargetPlanner(node);
  }

  void plan() {
    String here = node.name();
    IetDesiredTargets targets = node.targets();
    List<String> heldGroups = new ArrayList<>();
    for (VolumeGroup vg : ctx.desired().volumeGroups().values()) {
      if (placements.get(vg.name()).servedBy(here)) heldGroups.add(vg.name());
    }
    List<DesiredTarget> served =
        targets.all().stream().filter(d -> heldGroups.contains(d.vg())).toList();
    refuseLiveSerials(served);
    if (splitBrainHere()) {
      node.add(
          Finding.error(
              node.address("file", "/etc/iet"),
              "a volume group is active on "
                  + here
                  + " and another node (split brain): the IET"
                  + " configuration files of "
                  + here
                  + " are left unchanged",
              "let the HA cluster manager deactivate it on all but one node, then plan again",
              null));
    } else {
      new IetFilesPlanner(node, heldGroups).plan(served);
    }
    for (DesiredTarget d : served) {
      runtime.claim(d.iqn());
      if (targets.refused(d.iqn())) continue;
      IetRuntime.Target rt = node.running(d.iqn());
      if (d.target().state() == TargetState.ONLINE) {
        runtime.planOnline(d, rt);
      } else if (rt != null) {
        String state = "state: " + d.target().state().name().toLowerCase(Locale.ROOT);
        node.add(
            AccessChanges.gate(
                runtime.deleteTarget(rt, state),
                rt.initiators(),
                "drops the export of " + rt.name() + " now"));
      }
    }
    for (IetRuntime.Target rt : node.observation().runtime().targets().values()) {
      if (runtime.claimed(rt.name())) continue;
      DesiredTarget d = targets.get(rt.name());
      if (d != null) {
        if (placements.get(d.group().name()).heldElsewhere(here)) {
          node.add(
              AccessChanges.gate(
                  runtime.deleteTarget(rt, "volume group " + d.vg() + " is not held by " + here),
                  rt.initiators(),
                  "the export of " + rt.name() + " leaves " + here));
        }
        continue;
      }
      node.add(
          Finding.unmanaged(
              node.address("target", rt.name()),
              "target "
                  + rt.name()
                  + " (tid "
                  + rt.tid()
                  + ") runs on "
                  + here
                  + " but is not in the desired state; sanctl leaves it alone",
              "declare it under targets (or run sanctl import)",
              null));
    }
  }

  /**
   * Refuses a desired target whose serial a live target of this node holds (running, or in {@code
   * ietd.conf} or a meta copy) that is not in the desired state: creating it would give initiators
   * two disks with one WWID (e.g. a renamed volume). A running target the desired one replaces
   * (same volume, new IQN) is a planned re-identification, not a collision.
   */
  private void refuseLiveSerials(List<DesiredTarget> served) {
    String here = node.name();
    Set<String> renames = IetRenames.sources(node, served);
    for (DesiredTarget d : served) {
      if (d.target().state() == TargetState.ABSENT || node.targets().refused(d.iqn())) continue;
      for (DesiredTarget.LunSpec l : d.luns()) {
        IetLiveSerials.Holder live = l.serial() == null ? null : liveSerials.holder(l.serial());
        if (live == null || renames.contains(live.iqn()) && live.node().equals(here)) continue;
        String holder = live.iqn();
        IetRuntime.Target rt = live.node().equals(here) ? node.running(holder) : null;
        node.targets().refuse(d.iqn());
        node.add(
            Finding.error(
                node.address("target", d.iqn()),
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
    return placements.values().stream().anyMatch(p -> p.splitBrainOn(node.name()));
  }
}
