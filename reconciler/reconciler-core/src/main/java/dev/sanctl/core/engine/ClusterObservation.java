package dev.sanctl.core.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The observation of every node in scope, in desired-state order.
 *
 * @param scope the nodes that were to be observed
 */
public record ClusterObservation(List<String> scope, Map<String, NodeObservation> nodes) {
  public ClusterObservation {
    scope = List.copyOf(scope);
    nodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
  }

  public NodeObservation node(String name) {
    return nodes.get(name);
  }

  /** The same observation with one node replaced. */
  public ClusterObservation with(NodeObservation n) {
    Map<String, NodeObservation> m = new LinkedHashMap<>(nodes);
    m.put(n.node(), n);
    return new ClusterObservation(scope, m);
  }
}
