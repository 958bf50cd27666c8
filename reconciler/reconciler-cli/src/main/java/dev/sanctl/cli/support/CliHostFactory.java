package dev.sanctl.cli.support;

import dev.sanctl.core.engine.HostFactory;
import dev.sanctl.core.host.LocalHost;
import dev.sanctl.sim.SimCluster;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.host.HostUnreachableException;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.NodeSpec;
import dev.sanctl.spi.model.Transport;
import dev.sanctl.ssh.SshEndpoint;
import dev.sanctl.ssh.SshHost;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The transport of each node: with {@code --sim DIR} the simulator for every node; otherwise {@code
 * connection: local} runs commands on this machine and every other node is reached over SSH with
 * the node's settings merged over {@code transport}.
 */
public final class CliHostFactory implements HostFactory {
  private final Path configDir;
  private final SimCluster sim;

  public CliHostFactory(Path configDir, SimCluster sim) {
    this.configDir = configDir;
    this.sim = sim;
  }

  @Override
  public Host open(NodeSpec node, DesiredState desired) throws IOException {
    if (sim != null) {
      if (!sim.nodes().contains(node.name())) {
        throw new HostUnreachableException(
            "node "
                + node.name()
                + " is not in the simulated cluster "
                + sim.dir()
                + " (re-create it with: sanctl sim init)");
      }
      return sim.host(node.name());
    }
    if (node.isLocal())
      return new LocalHost(
          node.name(), desired.transport().commandTimeout(), LocalHost.OUTPUT_LIMIT);
    return new SshHost(endpoint(node, desired.transport()));
  }

  private SshEndpoint endpoint(NodeSpec n, Transport t) {
    return new SshEndpoint(
        n.name(),
        n.address(),
        n.port() != null ? n.port() : t.port(),
        n.user() != null ? n.user() : t.user(),
        resolve(n.identityFile() != null ? n.identityFile() : t.identityFile()),
        resolve(n.knownHostsFile() != null ? n.knownHostsFile() : t.knownHostsFile()),
        t.connectTimeout(),
        t.commandTimeout(),
        t.sudo());
  }

  private Path resolve(String path) {
    if (path == null) return null;
    if (path.startsWith("~/")) return Path.of(System.getProperty("user.home"), path.substring(2));
    return configDir.resolve(path).normalize();
  }
}
