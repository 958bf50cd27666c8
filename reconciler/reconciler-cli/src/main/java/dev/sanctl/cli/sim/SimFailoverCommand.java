package dev.sanctl.cli.sim;

import dev.sanctl.sim.SimCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sanctl sim failover DIR VG|POOL NODE}. */
@Command(
    name = "failover",
    description =
        "The HA manager moves a volume group (and its meta volume) to another node and starts"
            + " the targets of the meta volume's iet/ietd.conf there; or moves a ZFS pool as the"
            + " Heartbeat ZFS agent does (stmf-ha stop, zpool export; zpool import, stmf-ha start"
            + " on the other node).")
public class SimFailoverCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "Simulated cluster directory.")
  Path dir;

  @Parameters(index = "1", paramLabel = "VG|POOL", description = "Volume group or ZFS pool.")
  String vg;

  @Parameters(index = "2", paramLabel = "NODE", description = "Node that takes it over.")
  String node;

  @Override
  public Integer call() throws IOException {
    SimCluster sim = SimCluster.open(dir);
    if (sim.hasPool(vg)) sim.failoverPool(vg, node);
    else sim.failover(vg, node);
    return 0;
  }
}
