package dev.sanctl.spi.provider;

import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.ResourceState;
import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.model.VolumeRef;
import java.util.Optional;

/**
 * Volumes as they will be once the volume providers' changes of the same plan are applied, for the
 * providers that serve them (iet, tgt): observed facts, plus declared volumes that are about to be
 * created, at their declared size when they are about to grow. A target provider plans against this
 * view so that one apply converges (its changes run after the volume providers').
 */
public final class PlannedVolumes {
  private PlannedVolumes() {}

  /**
   * Whether {@code node} holds (serves) volume group {@code vg}: observed as held, or a files group
   * listing the node (its directory is created by the files provider).
   */
  public static boolean holds(DesiredState desired, VolumeFacts observed, String node, String vg) {
    VolumeFacts.Group g = observed == null ? null : observed.groups().get(vg);
    if (g != null) return held(desired, node, g);
    VolumeGroup declared = desired.volumeGroups().get(vg);
    return declared != null
        && declared.type() == VolumeGroup.Type.FILES
        && declared.nodes().contains(node);
  }

  /**
   * Whether {@code node}, which sees group {@code g}, holds it: one of its volumes is active there,
   * or the group is declared on that node alone (no failover partner: a new group without a meta
   * volume has no active volume yet, and the node that sees it is the one that will hold it).
   */
  public static boolean held(DesiredState desired, String node, VolumeFacts.Group g) {
    if (g.held()) return true;
    VolumeGroup declared = desired.volumeGroups().get(g.name());
    return declared != null
        && declared.type() == VolumeGroup.Type.LVM
        && declared.nodes().equals(java.util.List.of(node));
  }

  /** The volume as it will be on {@code node}, if it exists or is about to be created there. */
  public static Optional<VolumeFacts.Volume> volume(
      DesiredState desired, VolumeFacts observed, String node, VolumeRef ref) {
    if (!holds(desired, observed, node, ref.vg())) return Optional.empty();
    VolumeFacts.Group g = observed == null ? null : observed.groups().get(ref.vg());
    VolumeFacts.Volume seen = g == null ? null : g.volumes().get(ref.lv());
    VolumeGroup declaredGroup = desired.volumeGroups().get(ref.vg());
    VolumeGroup.Volume declared =
        declaredGroup == null ? null : declaredGroup.volumes().get(ref.lv());
    if (declared == null || declared.state() == ResourceState.ABSENT) {
      return Optional.ofNullable(seen);
    }
    String path = seen != null ? seen.devicePath() : declaredGroup.devicePath(ref.lv());
    long size = Math.max(declared.sizeBytes(), seen == null ? 0 : seen.sizeBytes());
    return Optional.of(new VolumeFacts.Volume(ref.lv(), size, path, seen != null && seen.open()));
  }
}
