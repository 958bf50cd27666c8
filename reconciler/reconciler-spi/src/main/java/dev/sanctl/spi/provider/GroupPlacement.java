package dev.sanctl.spi.provider;

import dev.sanctl.spi.model.VolumeGroup;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The HA placement of one volume group or pool: the nodes that hold it now (an LVM group active, a
 * pool imported), read from observed facts. sanctl never moves a group; a target provider serves a
 * group where it is held and leaves it alone elsewhere.
 *
 * <p>An exclusive group (LVM volume group, ZFS pool) is served by its one holder; held by two nodes
 * at once it is a split brain, and the nodes that hold it must not be changed. A shared group (a
 * files group: a directory on storage every node mounts) is served by every holder that lists it.
 *
 * @param group the group's or pool's name
 * @param holders the nodes that hold it, in the order they were observed
 * @param shared whether several holders are normal (files group) rather than a split brain
 * @param nodes the nodes the group is declared on (a shared group is served only there)
 */
public record GroupPlacement(
    String group, List<String> holders, boolean shared, List<String> nodes) {

  public GroupPlacement {
    holders = List.copyOf(holders);
    nodes = List.copyOf(nodes);
  }

  /**
   * The placement of a declared volume group from the volume facts of every known node: a node
   * holds it when {@link PlannedVolumes#held} says so (active there, or declared on that node
   * alone).
   */
  public static GroupPlacement of(PlanContext ctx, VolumeGroup vg) {
    List<String> holders = new ArrayList<>();
    for (Map.Entry<String, VolumeFacts> e : ctx.volumes().entrySet()) {
      VolumeFacts.Group g = e.getValue().groups().get(vg.name());
      if (g != null && PlannedVolumes.held(ctx.desired(), e.getKey(), g)) holders.add(e.getKey());
    }
    return new GroupPlacement(vg.name(), holders, vg.type() == VolumeGroup.Type.FILES, vg.nodes());
  }

  /**
   * The placement of an exclusive group (a pool) declared on {@code nodes}: those for which {@code
   * holds} is true (e.g. the pool is imported there), in the order of {@code nodes}.
   */
  public static GroupPlacement among(
      String group, Collection<String> nodes, Predicate<String> holds) {
    return new GroupPlacement(
        group, nodes.stream().filter(holds).toList(), false, List.copyOf(nodes));
  }

  /** True when an exclusive group is held by more than one node. */
  public boolean splitBrain() {
    return !shared && holders.size() > 1;
  }

  /** True when {@code node} is one of the nodes of a split brain. */
  public boolean splitBrainOn(String node) {
    return splitBrain() && holders.contains(node);
  }

  /** The one node that holds an exclusive group, or empty (held nowhere, or a split brain). */
  public Optional<String> soleHolder() {
    return holders.size() == 1 ? Optional.of(holders.get(0)) : Optional.empty();
  }

  /**
   * True when {@code node} serves the group: its sole holder, or for a shared group a holder the
   * group is declared on.
   */
  public boolean servedBy(String node) {
    if (shared) return holders.contains(node) && nodes.contains(node);
    return holders.equals(List.of(node));
  }

  /**
   * True when the group is known to be served elsewhere and not by {@code node}: a shared group not
   * held there, an exclusive group held by another node alone (an exclusive group held nowhere or
   * in a split brain is not known to be elsewhere: nothing is taken away for it).
   */
  public boolean heldElsewhere(String node) {
    if (shared) return !holders.contains(node);
    return holders.size() == 1 && !holders.contains(node);
  }
}
