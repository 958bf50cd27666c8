package dev.sanctl.sim.comstar;

import dev.sanctl.sim.SimNode;
import dev.sanctl.sim.comstar.ComstarState.Lu;
import dev.sanctl.spi.host.CommandResult;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The simulator's {@code sbdadm list-lu} (live-state-formats 4.6). */
public final class SbdadmTool extends IllumosTool {
  @Override
  public Set<String> names() {
    return Set.of("sbdadm");
  }

  @Override
  public CommandResult run(SimNode node, List<String> argv, byte[] stdin) throws IOException {
    if (argv.size() < 2 || !argv.get(1).equals("list-lu")) {
      return CommandResult.of(1, "", "sbdadm: unknown subcommand\n");
    }
    ComstarState s = ComstarState.load(node);
    if (s.lus.isEmpty()) return CommandResult.of(0, "", "");
    StringBuilder out = new StringBuilder("\nFound " + s.lus.size() + " LU(s)\n\n");
    out.append("\t      GUID                    DATA SIZE           SOURCE\n");
    out.append("--------------------------------  -------------------  ----------------\n");
    for (Lu lu : s.lus.values()) {
      out.append(lu.guid.toLowerCase(Locale.ROOT))
          .append(String.format("  %-19s  ", lu.size))
          .append(lu.dataFile)
          .append('\n');
    }
    return CommandResult.of(0, out.toString(), "");
  }
}
