package dev.sanctl.providers.iet;

import dev.sanctl.spi.model.TargetState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
      for (IetRuntime.Target rt : node.renameCandidates().serving(d.luns().get(0).path())) {
        out.add(rt.name());
      }
    }
    return out;
  }

  /**
   * A running target not in the desired state and not yet {@code claimed} that serves {@code d}'s
   * LUN 0 volume, or null.
   */
  static IetRuntime.Target renamedFrom(IetNode node, DesiredTarget d, Set<String> claimed) {
    for (IetRuntime.Target rt : node.renameCandidates().serving(d.luns().get(0).path())) {
      if (!claimed.contains(rt.name())) return rt;
    }
    return null;
  }

  /**
   * The running targets of a node that its desired state does not declare, indexed by the path of
   * each of their LUNs, in the runtime's order: a lookup per desired target instead of a scan of
   * every running target (which made planning a node's targets quadratic).
   */
  static final class Candidates {
    private final Map<String, List<IetRuntime.Target>> byPath = new HashMap<>();

    static Candidates of(IetNode node) {
      Candidates c = new Candidates();
      for (IetRuntime.Target rt : node.observation().runtime().targets().values()) {
        if (node.targets().declares(rt.name())) continue;
        Set<String> paths = new HashSet<>();
        for (var lun : rt.luns()) {
          if (lun.path() != null && paths.add(lun.path())) {
            c.byPath.computeIfAbsent(lun.path(), k -> new ArrayList<>()).add(rt);
          }
        }
      }
      return c;
    }

    /** The undeclared running targets with a LUN on {@code path}, in the runtime's order. */
    List<IetRuntime.Target> serving(String path) {
      return byPath.getOrDefault(path, List.of());
    }
  }
}
