package dev.sanctl.sim;

import dev.sanctl.spi.host.CommandResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The simulated executables of one cluster, by base name: every {@link SimTool} found by {@link
 * ServiceLoader} ({@code META-INF/services/dev.sanctl.sim.SimTool}: lvm2, ietadm, coreutils, tgt,
 * zfs, comstar, cron...) plus those added with {@link SimCluster#register}. Answers a command as a
 * remote POSIX shell does: an executable nobody simulates (or not installed on the node, or outside
 * the bin directories) is "not found", exit 127.
 */
final class SimTools {
  private static final List<String> BIN_DIRS =
      List.of("/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin");

  private final Map<String, SimTool> tools = new LinkedHashMap<>();
  private final List<SimBlockDevices> devices = new ArrayList<>();

  /** The tools registered as {@link ServiceLoader} services. */
  static SimTools loaded() {
    SimTools t = new SimTools();
    for (SimTool tool : ServiceLoader.load(SimTool.class)) t.register(tool);
    return t;
  }

  /** Adds (or replaces) a tool for the executables it names, with its block devices. */
  void register(SimTool tool) {
    for (String n : tool.names()) tools.put(n, tool);
    if (tool instanceof SimBlockDevices d && !devices.contains(d)) devices.add(d);
  }

  /** The block devices of the registered tools, in registration order. */
  List<SimBlockDevices> devices() {
    return devices;
  }

  /** Runs {@code argv} (after the sudo/env wrappers) on {@code node}; faults apply. */
  CommandResult dispatch(SimNode node, List<String> argv, byte[] stdin) throws IOException {
    List<String> a = unwrap(argv);
    if (a.isEmpty()) return CommandResult.of(0, "", "");
    String exe = a.get(0);
    String base = exe.substring(exe.lastIndexOf('/') + 1);
    boolean inBinDir =
        !exe.contains("/") || BIN_DIRS.contains(exe.substring(0, exe.lastIndexOf('/')));
    SimTool tool = inBinDir ? tools.get(base) : null;
    if (tool == null || !tool.installedOn(node)) {
      return CommandResult.of(CommandResult.NOT_FOUND, "", "sh: 1: " + exe + ": not found\n");
    }
    Faults faults = node.context().faults(node.name());
    if (faults.consumeFailure(base) || (!base.equals(exe) && faults.consumeFailure(exe))) {
      return CommandResult.of(1, "", base + ": Input/output error\n");
    }
    return tool.run(node, a, stdin);
  }

  /** Strips the {@code sudo -n --} and {@code env [NAME=VALUE]... --} wrappers providers use. */
  static List<String> unwrap(List<String> argv) {
    List<String> a = new ArrayList<>(argv);
    while (!a.isEmpty()) {
      String exe = a.get(0);
      String base = exe.substring(exe.lastIndexOf('/') + 1);
      if (base.equals("sudo")) {
        a.remove(0);
        while (!a.isEmpty() && a.get(0).startsWith("-")) {
          if (a.remove(0).equals("--")) break;
        }
      } else if (base.equals("env")) {
        a.remove(0);
        while (!a.isEmpty() && (a.get(0).startsWith("-") || a.get(0).contains("="))) {
          if (a.remove(0).equals("--")) break;
        }
      } else {
        break;
      }
    }
    return a;
  }
}
