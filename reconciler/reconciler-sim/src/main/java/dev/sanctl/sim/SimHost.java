package dev.sanctl.sim;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
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

  @Override
  public CommandResult run(Command command) throws IOException {
    return cluster.execute(node, command);
  }

  @Override
  public String toString() {
    return "sim:" + node;
  }
}
