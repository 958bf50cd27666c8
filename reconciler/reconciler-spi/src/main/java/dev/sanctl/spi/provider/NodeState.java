package dev.sanctl.spi.provider;

/**
 * The result of observing one node with one provider: observed, or unknown with the reason (the
 * node could not be reached, a host key was refused, an observation command failed).
 */
public record NodeState(String node, Observation observation, String unknownReason) {
  public static NodeState observed(String node, Observation o) {
    return new NodeState(node, o, null);
  }

  public static NodeState unknown(String node, String reason) {
    return new NodeState(node, null, reason);
  }

  public boolean known() {
    return observation != null;
  }
}
