package dev.sanctl.core.engine;

import dev.sanctl.core.provider.ProviderRegistry;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Apply order of a plan: node by node (desired-state order of first appearance), and on a node
 * deletions first, dependants before dependencies (reverse provider order), then every other change
 * with dependencies first (provider order), refined by {@link Change#dependsOn()}. Stable: changes
 * keep the provider's order otherwise.
 */
final class ChangeOrder {
  private ChangeOrder() {}

  static List<Change> order(List<Change> changes, ProviderRegistry providers) {
    List<Change> base = new ArrayList<>(changes.size());
    List<Change> deletes = new ArrayList<>();
    List<Change> others = new ArrayList<>();
    for (Change c : changes) (c.action() == Action.DELETE ? deletes : others).add(c);
    deletes.sort(
        (a, b) -> Integer.compare(providers.rank(b.provider()), providers.rank(a.provider())));
    base.addAll(deletes);
    others.sort(
        (a, b) -> Integer.compare(providers.rank(a.provider()), providers.rank(b.provider())));
    base.addAll(others);
    Map<String, List<Change>> byNode = new LinkedHashMap<>();
    for (Change c : changes) byNode.computeIfAbsent(c.node(), k -> new ArrayList<>());
    for (Change c : base) byNode.get(c.node()).add(c);
    List<Change> out = new ArrayList<>(changes.size());
    for (List<Change> nodeChanges : byNode.values()) out.addAll(topological(nodeChanges));
    return out;
  }

  private static List<Change> topological(List<Change> base) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < base.size(); i++) index.put(base.get(i).address(), i);
    int[] pending = new int[base.size()];
    List<List<Integer>> dependants = new ArrayList<>();
    for (int i = 0; i < base.size(); i++) dependants.add(new ArrayList<>());
    for (int i = 0; i < base.size(); i++) {
      for (String d : base.get(i).dependsOnAddresses()) {
        Integer j = index.get(d);
        if (j == null) continue; // on another node, or already satisfied
        pending[i]++;
        dependants.get(j).add(i);
      }
    }
    PriorityQueue<Integer> ready = new PriorityQueue<>();
    for (int i = 0; i < base.size(); i++) if (pending[i] == 0) ready.add(i);
    List<Change> out = new ArrayList<>(base.size());
    while (!ready.isEmpty()) {
      int i = ready.poll();
      out.add(base.get(i));
      for (int k : dependants.get(i)) if (--pending[k] == 0) ready.add(k);
    }
    if (out.size() != base.size()) {
      List<String> cycle = new ArrayList<>();
      for (int i = 0; i < base.size(); i++) if (pending[i] > 0) cycle.add(base.get(i).address());
      throw new IllegalStateException("dependency cycle between changes: " + cycle);
    }
    return out;
  }
}
