package dev.sanctl.spi.model;

import java.util.List;
import java.util.Map;

/**
 * The whole desired state of one cluster, format v1 ({@code spec/desired-state.md}), after all
 * files were merged, defaults applied and the schema and semantic rules checked. Immutable. Maps
 * keep the order of the source files; absent sections are empty, never null.
 *
 * @param revision the git commit the state was read from, or null for a working directory
 */
public record DesiredState(
    Cluster cluster,
    Map<String, NodeSpec> nodes,
    Transport transport,
    Policy policy,
    Alerts alerts,
    Map<String, VolumeGroup> volumeGroups,
    Map<String, PortalGroup> portalGroups,
    Map<String, InitiatorGroup> initiatorGroups,
    IetGlobal iet,
    TargetDefaults targetDefaults,
    List<Target> targets,
    Map<String, Pool> pools,
    Map<String, SnapshotSchedule> snapshotSchedules,
    Backups backups,
    Map<String, List<CronEntry>> cron,
    String revision) {

  /** The same desired state read from another revision (null for a working directory). */
  public DesiredState withRevision(String rev) {
    return copy(nodes, transport, rev);
  }

  /** The same desired state with other nodes (e.g. one node added in a test). */
  public DesiredState withNodes(Map<String, NodeSpec> otherNodes) {
    return copy(otherNodes, transport, revision);
  }

  /** The same desired state with another transport. */
  public DesiredState withTransport(Transport otherTransport) {
    return copy(nodes, otherTransport, revision);
  }

  private DesiredState copy(Map<String, NodeSpec> n, Transport t, String rev) {
    return new DesiredState(
        cluster,
        n,
        t,
        policy,
        alerts,
        volumeGroups,
        portalGroups,
        initiatorGroups,
        iet,
        targetDefaults,
        targets,
        pools,
        snapshotSchedules,
        backups,
        cron,
        rev);
  }

  /**
   * The initiator IQNs a target admits: its initiator group names expanded, literal IQNs kept,
   * first occurrence wins, in order.
   */
  public List<String> initiatorsOf(Target t) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (String ref : t.initiators()) {
      InitiatorGroup g = initiatorGroups.get(ref);
      if (g != null) out.addAll(g.initiators());
      else out.add(ref);
    }
    return List.copyOf(out);
  }

  /** The target's IQN: explicit, or derived as the desired-state spec says. */
  public String iqnOf(Target t) {
    if (t.iqn() != null) return t.iqn();
    VolumeRef v = t.volume();
    return (cluster.iqnPrefix() + "." + t.portalGroup() + "." + v.vg() + "." + v.lv())
        .toLowerCase(java.util.Locale.ROOT)
        .replace('_', '-');
  }
}
