package dev.sanctl.providers.iet;

import dev.sanctl.spi.model.TargetState;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * IQN changes on one node: a running target not in the desired state that serves the LUN 0 volume
 * of a desired online target not running here is replaced by it (a planned re-identification, not a
 * foreign target).
 */
final class IetRenames {
  private IetRenames() {}

  /** Running targets not in the desired state that a desired target replaces (IQN change). */
  static Set<String> sources(IetNode node, List<DesiredTarget> served) {
    Set<String> out = new HashSet<>();
    for (DesiredTarget d : served) {
      if (d.target().state() != TargetState.ONLINE || node.running(d.iqn()) != null) {
        continue;
      }
      String path = d.luns().get(0).path();
      for (IetRuntime.Target rt : node.observation().runtime().targets().values()) {
        if (node.targets().declares(rt.name())) continue;
        if (rt.luns().stream().anyMatch(l -> path.equals(l.path()))) out.add(rt.name());
      }
    }
    return out;
  }

  /**
   * A running target not in the desired state and not yet {@code claimed} that serves {@code d}'s
   * LUN 0 volume, or null.
   */
  static IetRuntime.Target renamedFrom(IetNode node, DesiredTarget d, Set<String> claimed) {
    String path = d.luns().get(0).path();
    for (IetRuntime.Target rt : node.observation().runtime().targets().values()) {
      if (node.targets().declares(rt.name()) || claimed.contains(rt.name())) continue;
      if (rt.luns().stream().anyMatch(l -> path.equals(l.path()))) return rt;
    }
    return null;
  }
}
