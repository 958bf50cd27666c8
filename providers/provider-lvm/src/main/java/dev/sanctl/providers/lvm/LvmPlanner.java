package dev.sanctl.providers.lvm;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.ResourceState;
import dev.sanctl.spi.model.Target;
import dev.sanctl.spi.model.TargetState;
import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.model.VolumeRef;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.spi.provider.NodeState;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.PlanResult;
import dev.sanctl.spi.provider.ResourceAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The pure planning half of {@link LvmProvider}. */
final class LvmPlanner {
  private final PlanContext ctx;
  private final DesiredState desired;
  private final List<Change> changes = new ArrayList<>();
  private final List<Finding> findings = new ArrayList<>();

  LvmPlanner(PlanContext ctx) {
    this.ctx = ctx;
    this.desired = ctx.desired();
  }

  PlanResult plan() {
    for (VolumeGroup vg : desired.volumeGroups().values()) {
      if (vg.type() != VolumeGroup.Type.LVM) continue;
      if (!Sizes.safeName(vg.name())) {
        findings.add(
            Finding.error(
                group(vg.name()),
                "refusing volume group name '" + vg.name() + "': it must not start with '-'",
                null,
                vg.source()));
        continue;
      }
      Optional<String> holder = holder(vg);
      if (holder.isEmpty()) continue;
      LvmObservation.Vg observed =
          ctx.observation(holder.get(), LvmObservation.class).orElseThrow().vgs().get(vg.name());
      planGroup(holder.get(), vg, observed);
    }
    return new PlanResult(changes, findings);
  }

  /** The one node where {@code vg} is active, or empty (with a finding) when there is none. */
  private Optional<String> holder(VolumeGroup vg) {
    List<String> holders = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (NodeState s : ctx.nodes().values()) {
      if (!s.known()) {
        if (vg.nodes().contains(s.node())) unknown.add(s.node());
        continue;
      }
      LvmObservation o = (LvmObservation) s.observation();
      LvmObservation.Vg v = o.vgs().get(vg.name());
      if (v != null && v.held()) holders.add(s.node());
    }
    if (holders.size() > 1) {
      findings.add(
          Finding.error(
                  group(vg.name()),
                  "volume group "
                      + vg.name()
                      + " is active on "
                      + String.join(" and ", holders)
                      + " (split brain): no change is planned for it",
                  "let the HA cluster manager deactivate it on all but one node, then plan again",
                  vg.source())
              .on(holders.get(0)));
      return Optional.empty();
    }
    if (holders.isEmpty() && visibleOnItsOnlyNode(vg)) return Optional.of(vg.nodes().get(0));
    if (holders.isEmpty()) {
      String why = unknown.isEmpty() ? "" : " (unknown: " + String.join(", ", unknown) + ")";
      findings.add(
          Finding.warning(
              group(vg.name()),
              "volume group "
                  + vg.name()
                  + " is active on no known node"
                  + why
                  + "; its volumes are unknown and nothing is planned for it",
              "activate it on one of "
                  + String.join(", ", vg.nodes())
                  + " through the HA cluster manager",
              vg.source()));
      return Optional.empty();
    }
    String h = holders.get(0);
    if (!vg.nodes().isEmpty() && !vg.nodes().get(0).equals(h)) {
      findings.add(
          Finding.warning(
                  group(vg.name()),
                  "volume group "
                      + vg.name()
                      + " is held by "
                      + h
                      + ", not by its preferred node "
                      + vg.nodes().get(0)
                      + "; sanctl never moves volume groups",
                  "move it with the HA cluster manager if this is not intended",
                  vg.source())
              .on(h));
    }
    return Optional.of(h);
  }

  /**
   * A group declared on one node only has no failover partner, so the node that sees it holds it
   * even before any of its volumes is active (a new group without a meta volume has none).
   */
  private boolean visibleOnItsOnlyNode(VolumeGroup vg) {
    if (vg.nodes().size() != 1) return false;
    NodeState s = ctx.nodes().get(vg.nodes().get(0));
    return s != null
        && s.known()
        && ((LvmObservation) s.observation()).vgs().containsKey(vg.name());
  }

  private void planGroup(String node, VolumeGroup vg, LvmObservation.Vg observed) {
    List<Change> allocating = new ArrayList<>();
    long needed = 0;
    Set<String> declared = new HashSet<>();
    List<VolumeGroup.Volume> volumes = new ArrayList<>();
    if (vg.metaVolume() != null) {
      VolumeGroup.MetaVolume m = vg.metaVolume();
      volumes.add(
          new VolumeGroup.Volume(m.name(), m.sizeBytes(), ResourceState.PRESENT, m.source()));
    }
    volumes.addAll(vg.volumes().values());
    for (VolumeGroup.Volume v : volumes) {
      declared.add(v.name());
      String full = vg.name() + "/" + v.name();
      ResourceAddress address = volume(node, vg.name(), v.name());
      if (!Sizes.safeName(v.name())) {
        findings.add(
            Finding.error(
                address,
                "refusing volume name '" + v.name() + "': it must not start with '-'",
                null,
                v.source()));
        continue;
      }
      LvmObservation.Lv lv = observed.lvs().get(v.name());
      if (v.state() == ResourceState.ABSENT) {
        if (lv != null) planRemove(node, address, vg, v, lv);
        continue;
      }
      long want = observed.roundUp(v.sizeBytes());
      if (lv == null) {
        needed += want;
        String reason =
            isMeta(vg, v)
                ? "meta volume not present (sanctl creates it; formatting and mounting it at "
                    + vg.metaVolume().mountPoint()
                    + " is the HA manager's job)"
                : "not present on node";
        allocating.add(
            change(
                address,
                Action.CREATE,
                Impact.NONE,
                reason,
                List.of(FieldChange.of("size", null, v.sizeBytes())),
                Command.change("lvcreate", "-L", v.sizeBytes() + "b", "-n", v.name(), vg.name())));
      } else if (lv.sizeBytes() < want && lv.classicSnapshotOrigin() && lv.active()) {
        List<String> snapshots =
            observed.lvs().values().stream()
                .filter(s -> s.snapshot() && v.name().equals(s.origin()))
                .map(LvmObservation.Lv::name)
                .sorted()
                .toList();
        findings.add(
            Finding.error(
                address,
                "cannot grow "
                    + full
                    + " to "
                    + Sizes.human(v.sizeBytes())
                    + ": it is the origin of classic snapshot(s) "
                    + String.join(", ", snapshots)
                    + ", and lvm2 resizes a snapshot origin only while it is inactive",
                "remove the snapshot(s) (lvremove "
                    + vg.name()
                    + "/"
                    + (snapshots.isEmpty() ? "<snapshot>" : snapshots.get(0))
                    + ") or grow it later",
                v.source()));
      } else if (lv.sizeBytes() < want) {
        needed += want - lv.sizeBytes();
        allocating.add(
            change(
                address,
                Action.UPDATE,
                Impact.NONE,
                "size "
                    + dev.sanctl.spi.values.Sizes.human(lv.sizeBytes())
                    + " -> "
                    + dev.sanctl.spi.values.Sizes.human(v.sizeBytes()),
                List.of(FieldChange.of("size", lv.sizeBytes(), v.sizeBytes())),
                Command.change("lvextend", "-L", v.sizeBytes() + "b", full)));
      } else if (lv.sizeBytes() > want) {
        findings.add(
            Finding.error(
                address,
                "volumes never shrink: "
                    + full
                    + " current "
                    + Sizes.human(lv.sizeBytes())
                    + ", desired "
                    + Sizes.human(v.sizeBytes())
                    + "; grow-only",
                "set size to at least "
                    + Sizes.human(lv.sizeBytes())
                    + ", or create a new volume and migrate the data",
                v.source()));
      }
    }
    if (needed > observed.freeBytes()) {
      findings.add(
          Finding.error(
                  group(vg.name()),
                  "not enough space in volume group "
                      + vg.name()
                      + ": creating and growing "
                      + allocating.size()
                      + " volume(s) needs "
                      + Sizes.human(needed)
                      + ", "
                      + Sizes.human(observed.freeBytes())
                      + " is free; none of them is planned",
                  "add physical volumes to " + vg.name() + " or reduce the sizes",
                  vg.source())
              .on(node));
    } else {
      changes.addAll(allocating);
    }
    for (LvmObservation.Lv lv : observed.lvs().values()) {
      if (declared.contains(lv.name()) || lv.snapshot() || lv.hidden()) continue;
      findings.add(
          Finding.unmanaged(
              volume(node, vg.name(), lv.name()),
              "logical volume "
                  + vg.name()
                  + "/"
                  + lv.name()
                  + " ("
                  + Sizes.human(lv.sizeBytes())
                  + ") is not in the desired state; sanctl leaves it alone",
              "declare it under volumeGroups." + vg.name() + ".volumes (or run sanctl import)",
              vg.source()));
    }
  }

  private void planRemove(
      String node,
      ResourceAddress address,
      VolumeGroup vg,
      VolumeGroup.Volume v,
      LvmObservation.Lv lv) {
    String full = vg.name() + "/" + v.name();
    List<String> servedBy = servingTargets(desired, vg.name(), v.name());
    if (lv.open() || !servedBy.isEmpty()) {
      String why =
          !servedBy.isEmpty()
              ? "it is still served by target " + String.join(", ", servedBy)
              : "it is open on " + node;
      findings.add(
          Finding.error(
              address,
              "refusing to remove " + full + ": " + why,
              "take its target offline or remove it first (state: absent on the target)",
              v.source()));
      return;
    }
    changes.add(
        change(
            address,
            Action.DELETE,
            Impact.DESTRUCTIVE,
            "state: absent (data of " + Sizes.human(lv.sizeBytes()) + " is destroyed)",
            List.of(FieldChange.of("size", lv.sizeBytes(), null)),
            Command.change("lvremove", "-f", full)));
  }

  /** IQNs of desired targets (not absent) with a LUN on {@code vg/lv}. */
  static List<String> servingTargets(DesiredState desired, String vg, String lv) {
    List<String> out = new ArrayList<>();
    for (Target t : desired.targets()) {
      if (t.state() == TargetState.ABSENT) continue;
      for (Target.Lun l : t.luns()) {
        if (l.volume().vg().equals(vg) && l.volume().lv().equals(lv)) {
          out.add(desired.iqnOf(t));
          break;
        }
      }
    }
    return out;
  }

  private static boolean isMeta(VolumeGroup vg, VolumeGroup.Volume v) {
    return vg.metaVolume() != null && vg.metaVolume().name().equals(v.name());
  }

  /** A volume group: cluster-wide, any of its nodes may hold it. */
  private static ResourceAddress group(String vg) {
    return ResourceAddress.cluster(LvmProvider.ID, "group", vg);
  }

  /**
   * Logical volume {@code vg/lv} on {@code node}, as the target providers depending on it name it.
   */
  private static ResourceAddress volume(String node, String vg, String lv) {
    return ResourceAddress.volume(node, VolumeGroup.Type.LVM, new VolumeRef(vg, lv));
  }

  private static Change change(
      ResourceAddress address,
      Action action,
      Impact impact,
      String reason,
      List<FieldChange> fields,
      Command command) {
    return new Change(
        address, action, impact, reason, fields, List.of(command), List.of(), List.of());
  }
}
