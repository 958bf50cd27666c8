package dev.sanctl.core.engine;

import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.NodeSpec;
import java.io.IOException;

/**
 * Chooses and opens the transport of a node: the simulator, a local host, SSH. The seam where
 * {@code SshHost} drops in.
 */
@FunctionalInterface
public interface HostFactory {
  /**
   * Opens the host of {@code node}.
   *
   * @throws IOException when the node cannot be reached (it is then unknown for this run)
   */
  Host open(NodeSpec node, DesiredState desired) throws IOException;
}
