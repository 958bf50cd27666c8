package dev.sanctl.sim.cron;

import dev.sanctl.sim.SimNode;
import dev.sanctl.sim.SimTool;
import dev.sanctl.spi.host.CommandResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * The simulator's {@code crontab}: root's spool file in the node's tool state. The flavour follows
 * node flag {@value #FLAVOUR} ({@code debian}, {@code cronie}, {@code illumos}), else the node's os
 * (illumos, or Debian for linux). The cluster strips {@code env NAME=VALUE} wrappers before tools
 * run, so {@code CRONTAB_NOHEADER} is not seen here: Debian's {@code -l} always hides the header as
 * without the variable.
 */
public final class CrontabTool implements SimTool {
  /** Node flag selecting the crontab flavour. */
  public static final String FLAVOUR = "cron.flavour";

  @Override
  public Set<String> names() {
    return Set.of("crontab");
  }

  @Override
  public CommandResult run(SimNode node, List<String> argv, byte[] stdin) throws IOException {
    Path spool = node.toolState("cron").resolve("root");
    CrontabSim sim = new CrontabSim(flavour(node), Clock.fixed(node.now(), ZoneOffset.UTC));
    if (Files.exists(spool)) sim.setSpoolFile(Files.readString(spool, StandardCharsets.UTF_8));
    List<String> a = new java.util.ArrayList<>(argv);
    a.set(0, "crontab");
    CommandResult r = sim.run(a, stdin);
    if (sim.spoolFile() == null) Files.deleteIfExists(spool);
    else Files.writeString(spool, sim.spoolFile(), StandardCharsets.UTF_8);
    return r;
  }

  private static CrontabSim.Flavour flavour(SimNode node) throws IOException {
    String f = node.flags().get(FLAVOUR);
    if (f != null) return CrontabSim.Flavour.valueOf(f.toUpperCase(java.util.Locale.ROOT));
    var n = node.topology().nodes().get(node.name());
    return n != null && "illumos".equals(n.os())
        ? CrontabSim.Flavour.ILLUMOS
        : CrontabSim.Flavour.DEBIAN;
  }
}
