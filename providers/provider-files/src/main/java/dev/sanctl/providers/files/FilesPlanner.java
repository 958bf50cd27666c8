package dev.sanctl.providers.files;

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
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.PlanResult;
import dev.sanctl.spi.provider.ResourceAddress;
import dev.sanctl.spi.values.NodePath;
import dev.sanctl.spi.values.Sizes;
import java.util.ArrayList;
import java.util.List;

/** The pure planning half of {@link FilesProvider}. */
final class FilesPlanner {
  private final PlanContext ctx;
  private final DesiredState desired;
  private final List<Change> changes = new ArrayList<>();
  private final List<Finding> findings = new ArrayList<>();

  FilesPlanner(PlanContext ctx) {
    this.ctx = ctx;
    this.desired = ctx.desired();
  }

  PlanResult plan() {
    for (String node : ctx.nodes().keySet()) {
      ctx.observation(node, FilesObservation.class)
          .ifPresent(
              o -> {
                for (FilesObservation.Group g : o.groups().values()) {
                  planGroup(node, desired.volumeGroups().get(g.name()), g);
                }
              });
    }
    return new PlanResult(changes, findings);
  }

  private void planGroup(String node, VolumeGroup vg, FilesObservation.Group observed) {
    if (vg == null) return;
    NodePath.KIND.require(vg.path(), "volume group " + vg.name());
    List<ResourceAddress> dirChange = List.of();
    if (!observed.directoryExists()) {
      ResourceAddress address = ResourceAddress.of(node, FilesProvider.ID, "directory", vg.name());
      changes.add(
          new Change(
              address,
              Action.CREATE,
              Impact.NONE,
              "directory " + vg.path() + " not present on node",
              List.of(FieldChange.of("path", null, vg.path())),
              List.of(Command.change("mkdir", "-p", "--", vg.path())),
              List.of(),
              List.of()));
      dirChange = List.of(address);
    }
    for (VolumeGroup.Volume v : vg.volumes().values()) {
      String full = vg.name() + "/" + v.name();
      ResourceAddress address =
          ResourceAddress.volume(node, vg.type(), new VolumeRef(vg.name(), v.name()));
      if (v.name().startsWith("-")) {
        findings.add(
            Finding.error(
                address,
                "refusing volume name '" + v.name() + "': it must not start with '-'",
                null,
                v.source()));
        continue;
      }
      String file = NodePath.KIND.require(FilesProvider.imagePath(vg.path(), v.name()), full);
      Long size = observed.files().get(v.name());
      if (v.state() == ResourceState.ABSENT) {
        if (size != null) planRemove(address, vg, v, file, size);
        continue;
      }
      if (size == null) {
        changes.add(
            change(
                address,
                Action.CREATE,
                "not present on node",
                FieldChange.of("size", null, v.sizeBytes()),
                Command.change("truncate", "-s", Long.toString(v.sizeBytes()), "--", file),
                dirChange));
      } else if (size < v.sizeBytes()) {
        changes.add(
            change(
                address,
                Action.UPDATE,
                "size " + Sizes.human(size) + " -> " + Sizes.human(v.sizeBytes()),
                FieldChange.of("size", size, v.sizeBytes()),
                Command.change("truncate", "-s", Long.toString(v.sizeBytes()), "--", file),
                dirChange));
      } else if (size > v.sizeBytes()) {
        findings.add(
            Finding.error(
                address,
                "volumes never shrink: "
                    + full
                    + " current "
                    + size
                    + " bytes, desired "
                    + v.sizeBytes()
                    + " bytes; grow-only",
                "set size to at least " + size + " bytes, or create a new volume and migrate",
                v.source()));
      }
    }
  }

  private void planRemove(
      ResourceAddress address, VolumeGroup vg, VolumeGroup.Volume v, String file, long size) {
    List<String> servedBy = new ArrayList<>();
    for (Target t : desired.targets()) {
      if (t.state() == TargetState.ABSENT) continue;
      for (Target.Lun l : t.luns()) {
        if (l.volume().vg().equals(vg.name()) && l.volume().lv().equals(v.name())) {
          servedBy.add(desired.iqnOf(t));
          break;
        }
      }
    }
    if (!servedBy.isEmpty()) {
      findings.add(
          Finding.error(
              address,
              "refusing to remove "
                  + vg.name()
                  + "/"
                  + v.name()
                  + ": it is still served by target "
                  + String.join(", ", servedBy),
              "take its target offline or remove it first (state: absent on the target)",
              v.source()));
      return;
    }
    changes.add(
        new Change(
            address,
            Action.DELETE,
            Impact.DESTRUCTIVE,
            "state: absent (" + size + " bytes of data are destroyed)",
            List.of(FieldChange.of("size", size, null)),
            List.of(Command.change("rm", "-f", "--", file)),
            List.of(),
            List.of()));
  }

  private static Change change(
      ResourceAddress address,
      Action action,
      String reason,
      FieldChange field,
      Command command,
      List<ResourceAddress> dependsOn) {
    return new Change(
        address,
        action,
        Impact.NONE,
        reason,
        List.of(field),
        List.of(command),
        List.of(),
        dependsOn);
  }
}
