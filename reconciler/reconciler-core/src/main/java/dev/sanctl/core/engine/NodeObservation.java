package dev.sanctl.core.engine;

import dev.sanctl.spi.provider.Observation;
import dev.sanctl.spi.provider.VolumeFacts;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every provider saw on one node, or why the node is unknown.
 *
 * @param observations by provider id, for the providers that serve the node
 * @param digest digest of all observation commands and their output, null when unknown
 * @param unknownReason null when observed
 */
public record NodeObservation(
    String node, Map<String, Observation> observations, String digest, String unknownReason) {
  public NodeObservation {
    observations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(observations));
  }

  public static NodeObservation unknown(String node, String reason) {
    return new NodeObservation(node, Map.of(), null, reason);
  }

  public boolean known() {
    return unknownReason == null;
  }

  /** Volume facts merged from every observation that holds volumes. */
  public VolumeFacts volumeFacts() {
    Map<String, VolumeFacts.Group> groups = new LinkedHashMap<>();
    for (Observation o : observations.values()) {
      if (o instanceof VolumeFacts.Source s && s.volumeFacts() != null) {
        groups.putAll(s.volumeFacts().groups());
      }
    }
    return new VolumeFacts(java.util.Collections.unmodifiableMap(groups));
  }

  /** The same node with one provider's observation replaced (after a change was applied). */
  public NodeObservation with(String provider, Observation o) {
    Map<String, Observation> m = new LinkedHashMap<>(observations);
    m.put(provider, o);
    return new NodeObservation(node, m, digest, unknownReason);
  }
}
