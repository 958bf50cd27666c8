package dev.sanctl.sim;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.host.ShellQuoting;
import java.io.IOException;

/** A {@link Host} that runs commands on one node of a {@link SimCluster}. */
public final class SimHost implements Host {
  private final SimCluster cluster;
  private final String node;

  SimHost(SimCluster cluster, String node) {
    this.cluster = cluster;
    this.node = node;
  }

  @Override
  public String name() {
    return node;
  }

  /**
   * Runs the command on the simulated node. Like the SSH host, the argument vector must be
   * renderable by {@link ShellQuoting#join} (no NUL or line break), else {@link
   * IllegalArgumentException}.
   */
  @Override
  public CommandResult run(Command command) throws IOException {
    ShellQuoting.join(command.argv());
    return cluster.execute(node, command);
  }

  @Override
  public String toString() {
    return "sim:" + node;
  }
}
