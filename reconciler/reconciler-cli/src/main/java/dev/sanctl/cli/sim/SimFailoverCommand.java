package dev.sanctl.cli.sim;

import dev.sanctl.sim.SimCluster;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sanctl sim failover --sim DIR VG|POOL NODE} (or {@code DIR VG|POOL NODE}). */
@Command(
    name = "failover",
    description =
        "The HA manager moves a volume group (and its meta volume) to another node and starts"
            + " the targets of the meta volume's iet/ietd.conf there; or moves a ZFS pool as the"
            + " Heartbeat ZFS agent does (stmf-ha stop, zpool export; zpool import, stmf-ha start"
            + " on the other node).")
public class SimFailoverCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SimDirOption simDir;

  @Parameters(
      paramLabel = "[DIR] VG|POOL NODE",
      description = "The volume group or ZFS pool, and the node that takes it over.")
  List<String> words;

  @Override
  public Integer call() throws IOException {
    SimDirOption.Words w = simDir.split(spec, words, "VG|POOL", "NODE");
    SimDirOption.noMoreThan(spec, w, 2);
    String vg = w.get(0);
    String node = w.get(1);
    SimCluster sim = SimCluster.open(w.dir());
    if (sim.hasPool(vg)) sim.failoverPool(vg, node);
    else sim.failover(vg, node);
    return 0;
  }
}
