package dev.sanctl.cli.sim;

import dev.sanctl.sim.SimCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sanctl sim failover DIR VG NODE}. */
@Command(
    name = "failover",
    description =
        "The HA manager moves a volume group (and its meta volume) to another node and starts"
            + " the targets of the meta volume's iet/ietd.conf there.")
public class SimFailoverCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "Simulated cluster directory.")
  Path dir;

  @Parameters(index = "1", paramLabel = "VG", description = "Volume group.")
  String vg;

  @Parameters(index = "2", paramLabel = "NODE", description = "Node that takes it over.")
  String node;

  @Override
  public Integer call() throws IOException {
    SimCluster.open(dir).failover(vg, node);
    return 0;
  }
}
