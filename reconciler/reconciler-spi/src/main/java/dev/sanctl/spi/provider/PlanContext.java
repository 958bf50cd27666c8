package dev.sanctl.spi.provider;

import dev.sanctl.spi.model.DesiredState;
import java.util.Map;
import java.util.Optional;

/**
 * Input of {@link Provider#plan}.
 *
 * @param nodes this provider's observation of every node it serves, by node name
 * @param volumes volume facts of every known node, merged from all volume providers, by node name
 * @param secrets resolves secret files (CHAP); values must only reach commands marked with {@link
 *     dev.sanctl.spi.host.Command#withSecret}
 */
public record PlanContext(
    DesiredState desired,
    Map<String, NodeState> nodes,
    Map<String, VolumeFacts> volumes,
    SecretResolver secrets) {

  /** This provider's observation of {@code node}, if the node is known. */
  public <T extends Observation> Optional<T> observation(String node, Class<T> type) {
    NodeState s = nodes.get(node);
    return s == null || !s.known() ? Optional.empty() : Optional.of(type.cast(s.observation()));
  }

  /** Reads secrets referenced by path. */
  public interface SecretResolver {
    /**
     * Returns the secret in {@code path} (trailing newline removed).
     *
     * @throws SecretException when it is missing, unreadable, or group- or world-readable
     */
    String read(String path) throws SecretException;
  }

  /** A secret file cannot be used. */
  public static class SecretException extends Exception {
    private static final long serialVersionUID = 1L;

    public SecretException(String message) {
      super(message);
    }
  }
}
