package dev.sanctl.sim.zfs;

import dev.sanctl.sim.Getopt;
import dev.sanctl.sim.Getopt.Arg;
import dev.sanctl.sim.SimNode;
import dev.sanctl.sim.SimTool;
import dev.sanctl.spi.host.CommandResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The simulator's {@code zpool list} (live-state-formats 3.4): the pools imported on the node, with
 * {@code -H} TAB-separated and {@code -p} exact bytes; size from {@link ZfsSim#setPoolSize}
 * (default 1 TiB), allocated the root dataset's {@code used}. Pools are always {@code ONLINE}.
 */
public final class ZpoolTool implements SimTool {
  private static final List<String> DEFAULT_COLUMNS =
      List.of(
          "name",
          "size",
          "allocated",
          "free",
          "checkpoint",
          "expandsize",
          "fragmentation",
          "capacity",
          "dedupratio",
          "health",
          "altroot");
  private static final Set<String> COLUMNS =
      Set.of(
          "name",
          "size",
          "allocated",
          "alloc",
          "free",
          "checkpoint",
          "expandsize",
          "fragmentation",
          "frag",
          "capacity",
          "cap",
          "dedupratio",
          "dedup",
          "health",
          "altroot",
          "guid");

  private static final Getopt LIST_OPTIONS =
      Getopt.options()
          .shortOption('H', Arg.NONE)
          .shortOption('p', Arg.NONE)
          .shortOption('o', Arg.REQUIRED);

  @Override
  public Set<String> names() {
    return Set.of("zpool");
  }

  @Override
  public CommandResult run(SimNode node, List<String> argv, byte[] stdin) throws IOException {
    if (argv.size() < 2 || !argv.get(1).equals("list")) {
      String cmd = argv.size() < 2 ? "" : argv.get(1);
      return CommandResult.of(2, "", "unrecognized command '" + cmd + "'\n" + usage());
    }
    Getopt.Parsed parsed;
    try {
      parsed = LIST_OPTIONS.parse(argv.subList(2, argv.size()));
    } catch (Getopt.Error e) {
      return ZfsOptions.refusal(e, usage());
    }
    boolean scripted = parsed.has("H");
    boolean parseable = parsed.has("p");
    String o = parsed.value("o");
    List<String> cols = o == null ? DEFAULT_COLUMNS : Arrays.asList(o.split(","));
    List<String> pools = parsed.operands();
    for (String c : cols) {
      if (!COLUMNS.contains(c)) {
        return CommandResult.of(2, "", "invalid property '" + c + "'\n" + usage());
      }
    }
    if (!scripted) return CommandResult.of(2, "", "sim: zpool list without -H is not modelled\n");
    List<String> imported = new ArrayList<>();
    for (String p : node.topology().pools().keySet()) if (node.importsPool(p)) imported.add(p);
    StringBuilder err = new StringBuilder();
    List<String> shown = new ArrayList<>();
    if (pools.isEmpty()) shown.addAll(imported);
    for (String p : pools) {
      if (imported.contains(p)) shown.add(p);
      else err.append("cannot open '").append(p).append("': no such pool\n");
    }
    StringBuilder out = new StringBuilder();
    boolean p = parseable;
    List<String> c = cols;
    ZfsTool.read(
        node,
        zfs -> {
          for (String pool : shown) {
            List<String> vals = new ArrayList<>();
            for (String col : c) vals.add(value(zfs, pool, col, p));
            out.append(String.join("\t", vals)).append('\n');
          }
        });
    return CommandResult.of(err.length() == 0 ? 0 : 1, out.toString(), err.toString());
  }

  private static String value(ZfsSim zfs, String pool, String col, boolean parseable) {
    long size = zfs.poolSize(pool);
    long alloc = zfs.poolAllocated(pool);
    return switch (col) {
      case "name" -> pool;
      case "size" -> ZfsNative.size(size, parseable);
      case "allocated", "alloc" -> ZfsNative.size(alloc, parseable);
      case "free" -> ZfsNative.size(zfs.poolFree(pool), parseable);
      case "checkpoint", "expandsize", "altroot" -> "-";
      case "fragmentation", "frag" -> parseable ? "0" : "0%";
      case "capacity", "cap" -> (alloc * 100 / size) + (parseable ? "" : "%");
      case "dedupratio", "dedup" -> parseable ? "1.00" : "1.00x";
      case "health" -> "ONLINE";
      case "guid" -> Long.toUnsignedString(pool.hashCode() * 0x9E3779B97F4A7C15L);
      default -> "-";
    };
  }

  private static String usage() {
    return "usage:\n\tlist [-gHLpPv] [-o property[,...]] [-T d|u] [pool] ... [interval [count]]\n";
  }
}
