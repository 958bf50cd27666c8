package dev.sanctl.providers.iet;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.ResourceAddress;
import dev.sanctl.spi.provider.VolumeFacts;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the planners of one node share: the node and its observation, the plan's desired targets,
 * and the plan's lists that changes and findings are added to, in planning order.
 */
final class IetNode {
  private final PlanContext ctx;
  private final String name;
  private final IetObservation obs;
  private final IetdConf conf;
  private final IetDesiredTargets targets;
  private final List<Change> changes;
  private final List<Finding> findings;
  private ResourceAddress confChange;
  private IetRenames.Candidates renameCandidates;

  IetNode(
      PlanContext ctx,
      String name,
      IetObservation obs,
      IetDesiredTargets targets,
      List<Change> changes,
      List<Finding> findings) {
    this.ctx = ctx;
    this.name = name;
    this.obs = obs;
    this.conf = obs.config();
    this.targets = targets;
    this.changes = changes;
    this.findings = findings;
  }

  String name() {
    return name;
  }

  DesiredState desired() {
    return ctx.desired();
  }

  IetObservation observation() {
    return obs;
  }

  /** The node's parsed {@code /etc/iet/ietd.conf} as observed. */
  IetdConf conf() {
    return conf;
  }

  IetDesiredTargets targets() {
    return targets;
  }

  /** The running targets the desired state does not declare, by LUN path (built once). */
  IetRenames.Candidates renameCandidates() {
    if (renameCandidates == null) renameCandidates = IetRenames.Candidates.of(this);
    return renameCandidates;
  }

  void add(Change c) {
    changes.add(c);
  }

  void add(Finding f) {
    findings.add(f);
  }

  /** The running target named {@code iqn} here, or null. */
  IetRuntime.Target running(String iqn) {
    return obs.runtime().byName(iqn);
  }

  /** The initiators logged in to {@code iqn} here (none when it does not run here). */
  List<String> sessionsOf(String iqn) {
    IetRuntime.Target rt = running(iqn);
    return rt == null ? List.of() : rt.initiators();
  }

  /** Records the address of this node's {@code ietd.conf} change (null when unchanged). */
  void confChange(ResourceAddress address) {
    confChange = address;
  }

  /** The {@code ietd.conf} change, as the dependency of runtime changes it records. */
  List<ResourceAddress> confDeps() {
    return confChange == null ? List.of() : List.of(confChange);
  }

  /** The observed volume of {@code l} on this node, or null. */
  VolumeFacts.Volume volume(DesiredTarget.LunSpec l) {
    VolumeFacts f = ctx.volumes().get(name);
    VolumeFacts.Group g = f == null ? null : f.groups().get(l.volume().vg());
    return g == null ? null : g.volumes().get(l.volume().lv());
  }

  /** The declared size of {@code l}'s volume, or null. */
  Long desiredSize(DesiredTarget.LunSpec l) {
    VolumeGroup vg = desired().volumeGroups().get(l.volume().vg());
    VolumeGroup.Volume v = vg == null ? null : vg.volumes().get(l.volume().lv());
    return v == null ? null : v.sizeBytes();
  }

  /**
   * The volume of this LUN on this node, whose change (created or grown here) the LUN's change
   * depends on; owned by the volume provider of its group's type.
   */
  List<ResourceAddress> volumeChange(DesiredTarget.LunSpec l) {
    VolumeGroup vg = desired().volumeGroups().get(l.volume().vg());
    VolumeGroup.Type type = vg == null ? VolumeGroup.Type.LVM : vg.type();
    return List.of(ResourceAddress.volume(name, type, l.volume()));
  }

  /** The volume changes of all of {@code d}'s LUNs. */
  List<ResourceAddress> volumeChanges(DesiredTarget d) {
    Set<ResourceAddress> out = new LinkedHashSet<>();
    for (DesiredTarget.LunSpec l : d.luns()) out.addAll(volumeChange(l));
    return List.copyOf(out);
  }

  /** The address of an iet resource on this node. */
  ResourceAddress address(String kind, String resource) {
    return ResourceAddress.of(name, IetProvider.ID, kind, resource);
  }

  /** An iet change on this node. */
  Change change(
      String kind,
      String resource,
      Action action,
      Impact impact,
      String reason,
      List<FieldChange> fields,
      List<Command> cmds,
      List<String> affected,
      List<ResourceAddress> deps) {
    return new Change(
        address(kind, resource), action, impact, reason, fields, cmds, affected, deps);
  }
}
