package dev.sanctl.sim.lvm;

import dev.sanctl.sim.SimContext;
import dev.sanctl.sim.SimNode;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.rules.LvmNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Simulated {@code lvrename VG OLD NEW} and {@code lvrename VG/OLD [VG/]NEW} of lvm2 2.03.16
 * ({@code tools/lvrename.c}), with its messages and exit codes (3 for a command-line error, 5 for a
 * failed command). Renames the LV's data, its snapshots' and thin volumes' references to it.
 */
final class LvRename {
  private LvRename() {}

  static CommandResult run(SimNode node, LvmArgs a) throws IOException {
    String vgName;
    String from;
    String to;
    if (a.positional.size() == 3) {
      vgName = strip(a.positional.get(0));
      from = a.positional.get(1);
      to = a.positional.get(2);
    } else if (a.positional.size() == 2) {
      String first = strip(a.positional.get(0));
      if (!first.contains("/")) {
        return CommandResult.of(
            LvmTool.EINVALID_CMD_LINE,
            "",
            "  Path required for Logical Volume \""
                + first
                + "\".\n  Please provide a valid volume group name\n"
                + "  Run `lvrename --help' for more information.\n");
      }
      vgName = first.substring(0, first.indexOf('/'));
      from = first.substring(first.indexOf('/') + 1);
      to = strip(a.positional.get(1));
    } else {
      return LvmSizeArgs.usage("lvrename", "Old and new logical volume names required");
    }
    if (from.contains("/")) from = from.substring(from.indexOf('/') + 1);
    if (to.contains("/")) {
      String toVg = to.substring(0, to.indexOf('/'));
      if (!toVg.equals(vgName)) {
        return LvmSizeArgs.usage(
            "lvrename",
            "Logical volume names must have the same volume group (\""
                + vgName
                + "\" or \""
                + toVg
                + "\")");
      }
      to = to.substring(to.indexOf('/') + 1);
    }
    if (LvmNames.invalid(to).isPresent()) {
      return LvmSizeArgs.usage("lvrename", "New logical volume name \"" + to + "\" is invalid");
    }
    if (LvmNames.reserved(to).isPresent()) {
      String r = LvmNames.reserved(to).get();
      return LvmSizeArgs.usage(
          "lvrename",
          "Names "
              + (to.startsWith(r) ? "starting" : "including")
              + " \""
              + r
              + "\" are reserved. Please choose a different LV name.");
    }
    LvmState.Vg vg = null;
    for (LvmState.Vg v : node.lvm().vgs.values()) {
      if (v.name.equals(vgName) && v.activeOn.contains(node.name())) vg = v;
    }
    if (vg == null) {
      return CommandResult.of(
          LvmTool.ECMD_FAILED,
          "",
          "  Volume group \""
              + vgName
              + "\" not found\n  Cannot process volume group "
              + vgName
              + "\n");
    }
    LvmState.Lv lv = vg.lvs.get(from);
    if (lv == null) {
      return failed(
          "Existing logical volume \"" + from + "\" not found in volume group \"" + vgName + "\"");
    }
    if (vg.lvs.containsKey(to)) {
      return failed(
          "Logical Volume \"" + to + "\" already exists in volume group \"" + vgName + "\"");
    }
    rename(node.context(), vg, lv, to);
    return CommandResult.of(
        0, "  Renamed \"" + from + "\" to \"" + to + "\" in volume group \"" + vgName + "\"\n", "");
  }

  private static void rename(SimContext ctx, LvmState.Vg vg, LvmState.Lv lv, String to)
      throws IOException {
    LvmState.Lv renamed = new LvmState.Lv(to, lv.uuid, lv.extents, lv.origin, lv.time, lv.tags);
    renamed.segType = lv.segType;
    renamed.pool = lv.pool;
    renamed.thinId = lv.thinId;
    renamed.chunkSectors = lv.chunkSectors;
    renamed.activationSkip = lv.activationSkip;
    renamed.inactive = lv.inactive;
    vg.lvs.remove(lv.name);
    vg.lvs.put(to, renamed);
    for (LvmState.Lv other : vg.lvs.values()) {
      if (lv.name.equals(other.origin)) other.origin = to;
      if (lv.name.equals(other.pool)) other.pool = to;
    }
    move(ctx.cluster.layout().lvData(vg.name, lv.name), ctx.cluster.layout().lvData(vg.name, to));
    if (lv.isThinPool()) {
      move(ThinMetadata.file(ctx, vg.name, lv.name), ThinMetadata.file(ctx, vg.name, to));
    }
  }

  private static void move(Path from, Path to) throws IOException {
    if (Files.exists(from)) Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
  }

  private static CommandResult failed(String message) {
    return CommandResult.of(LvmTool.ECMD_FAILED, "", "  " + message + "\n");
  }

  private static String strip(String p) {
    return p.startsWith("/dev/") ? p.substring(5) : p;
  }
}
