package dev.sanctl.sim.coreutils;

import dev.sanctl.sim.SimNode;
import dev.sanctl.sim.SimTool;
import dev.sanctl.spi.host.CommandResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** util-linux {@code blockdev --getsize64|--getsz|--getss DEVICE...} on simulated devices. */
public final class Blockdev implements SimTool {
  @Override
  public Set<String> names() {
    return Set.of("blockdev");
  }

  @Override
  public boolean installedOn(SimNode node) throws IOException {
    return "linux".equals(node.os());
  }

  @Override
  public CommandResult run(SimNode node, List<String> argv, byte[] stdin) throws IOException {
    List<String> commands = argv.stream().skip(1).filter(a -> a.startsWith("--")).toList();
    List<String> devices = argv.stream().skip(1).filter(a -> !a.startsWith("-")).toList();
    if (commands.isEmpty() || devices.isEmpty()) {
      return CommandResult.of(
          1,
          "",
          "Usage:\n blockdev -V\n blockdev --report [devices]\n"
              + " blockdev [-v|-q] commands devices\n");
    }
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    int status = 0;
    for (String d : devices) {
      Optional<Path> dev = node.blockDevice(d);
      if (dev.isEmpty()) {
        status = 1;
        boolean exists = Files.exists(node.file(d));
        err.append(
            exists
                ? "blockdev: ioctl error on BLKGETSIZE64: Inappropriate ioctl for device\n"
                : "blockdev: cannot open " + d + ": No such file or directory\n");
        continue;
      }
      long size = Files.size(dev.get());
      for (String c : commands) {
        switch (c) {
          case "--getsize64" -> out.append(size).append('\n');
          case "--getsz" -> out.append(size / 512).append('\n');
          case "--getss", "--getpbsz" -> out.append(512).append('\n');
          case "--getbsz" -> out.append(4096).append('\n');
          case "--getro" -> out.append(0).append('\n');
          default -> {
            return CommandResult.of(1, out.toString(), "blockdev: Unknown command: " + c + "\n");
          }
        }
      }
    }
    return CommandResult.of(status, out.toString(), err.toString());
  }
}
