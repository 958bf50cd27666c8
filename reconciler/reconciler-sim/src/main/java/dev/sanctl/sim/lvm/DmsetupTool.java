package dev.sanctl.sim.lvm;

import dev.sanctl.sim.SimNode;
import dev.sanctl.sim.SimTool;
import dev.sanctl.spi.host.CommandResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Simulated {@code dmsetup message <device> <sector> <message>} for the thin-pool messages a backup
 * sends to {@code <vg>-<pool>-tpool}: {@code reserve_metadata_snap} (busy while one is held) and
 * {@code release_metadata_snap} (invalid without one). Failures print libdevmapper's {@code
 * device-mapper: message ioctl on <name> failed: <strerror>} and {@code Command failed.}, exit 1;
 * also {@code dmsetup ls} (the devices of {@link DmsetupDevices}) and dmsetup's refusals of a bad
 * command line, as captured from the real kernel (fixtures/lvm/2.03.16/fidelity). {@code status}
 * and {@code table} of an existing device are refused (an accepted gap:
 * docs/simulator-fidelity.md).
 */
public final class DmsetupTool implements SimTool {
  @Override
  public Set<String> names() {
    return Set.of("dmsetup");
  }

  @Override
  public boolean installedOn(SimNode node) throws IOException {
    return "linux".equals(node.os());
  }

  @Override
  public CommandResult run(SimNode node, List<String> argv, byte[] stdin) throws IOException {
    String command = argv.size() < 2 ? "" : argv.get(1);
    switch (command) {
      case "message" -> {
        if (argv.size() < 4) return usage("Incorrect number of arguments.");
      }
      case "ls" -> {
        return CommandResult.of(0, DmsetupDevices.ls(node), "");
      }
      case "status", "table" -> {
        if (argv.size() > 2 && !DmsetupDevices.names(node).contains(argv.get(2))) {
          return CommandResult.of(
              1,
              "",
              command.equals("status")
                  ? "Device does not exist.\nCommand failed.\n"
                  : "device-mapper: table ioctl on "
                      + argv.get(2)
                      + "  failed: No such device or address\nCommand failed.\n");
        }
        return CommandResult.of(
            1,
            "",
            "The sanctl simulator does not model device-mapper tables (dmsetup "
                + command
                + ").\nCommand failed.\n");
      }
      default -> {
        return usage("Unknown command.");
      }
    }
    String name = argv.get(2);
    if (name.startsWith("/dev/mapper/")) name = name.substring("/dev/mapper/".length());
    if (argv.size() < 5) {
      CommandResult f = failed(name, "Invalid argument");
      return CommandResult.of(1, "", "No message supplied.\n" + f.err());
    }
    String message = String.join(" ", argv.subList(4, argv.size()));
    LvmState.Vg vg = null;
    LvmState.Lv pool = null;
    for (LvmState.Vg v : node.lvm().vgs.values()) {
      if (!v.activeOn.contains(node.name())) continue;
      for (LvmState.Lv lv : v.lvs.values()) {
        if (lv.isThinPool()
            && ("/dev/mapper/" + name).equals(Lvm.dmPath(v.name, lv.name) + "-tpool")) {
          vg = v;
          pool = lv;
        }
      }
    }
    if (pool == null) return failed(name, "No such device or address");
    ThinMetadata md = ThinMetadata.load(node.context(), vg.name, pool.name);
    boolean ok;
    switch (message) {
      case "reserve_metadata_snap" -> {
        ok = md.reserve();
        if (!ok) return failed(name, "Device or resource busy");
      }
      case "release_metadata_snap" -> {
        ok = md.release();
        if (!ok) return failed(name, "Invalid argument");
      }
      default -> {
        return failed(name, "Invalid argument");
      }
    }
    md.save();
    return CommandResult.of(0, "", "");
  }

  /** dmsetup's refusal of a command line: the reason, then its usage, exit 1. */
  private static CommandResult usage(String reason) {
    try (var in = DmsetupTool.class.getResourceAsStream("dmsetup-usage.txt")) {
      return CommandResult.of(
          1, "", reason + "\n" + new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static CommandResult failed(String name, String error) {
    return CommandResult.of(
        1,
        "",
        "device-mapper: message ioctl on " + name + "  failed: " + error + "\nCommand failed.\n");
  }
}
