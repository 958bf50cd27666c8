package dev.sanctl.sim.lvm;

import dev.sanctl.sim.SimNode;
import dev.sanctl.sim.SimTool;
import dev.sanctl.spi.host.CommandResult;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Simulated {@code dmsetup message <device> <sector> <message>} for the thin-pool messages a backup
 * sends to {@code <vg>-<pool>-tpool}: {@code reserve_metadata_snap} (busy while one is held) and
 * {@code release_metadata_snap} (invalid without one). Failures print libdevmapper's {@code
 * device-mapper: message ioctl on <name> failed: <strerror>} and {@code Command failed.}, exit 1
 * (fixtures/thin README: RECON, no device-mapper where the captures were made).
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
    if (argv.size() < 2 || !argv.get(1).equals("message")) {
      return CommandResult.of(
          1, "", "The sanctl simulator implements dmsetup message only.\nCommand failed.\n");
    }
    if (argv.size() < 5) return CommandResult.of(1, "", "Too few arguments\nCommand failed.\n");
    String name = argv.get(2);
    if (name.startsWith("/dev/mapper/")) name = name.substring("/dev/mapper/".length());
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

  private static CommandResult failed(String name, String error) {
    return CommandResult.of(
        1,
        "",
        "device-mapper: message ioctl on " + name + "  failed: " + error + "\nCommand failed.\n");
  }
}
