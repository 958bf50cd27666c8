package dev.sanctl.sim.coreutils;

import dev.sanctl.sim.SimNode;
import dev.sanctl.sim.SimTool;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.FileWrite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * {@code sh}, as far as sanctl runs it: only {@code sh -c <FileWrite.SCRIPT> sanctl-write PATH MODE
 * LENGTH} (the one way providers replace a node file), modelled step by step on the node's files:
 * parent created, a directory refused, a temporary file created 0600 and given MODE before the
 * content, the length checked, the rename. Any other shell script is refused, exit 2. The mode is
 * the real file's POSIX permissions.
 */
public final class FileWriteSh implements SimTool {
  @Override
  public Set<String> names() {
    return Set.of("sh");
  }

  @Override
  public CommandResult run(SimNode node, List<String> argv, byte[] stdin) throws IOException {
    if (!FileWrite.isWrite(argv)) {
      return CommandResult.of(2, "", "sh: the simulator runs only " + FileWrite.NAME + "\n");
    }
    String f = argv.get(4);
    String mode = argv.get(5);
    long n = Long.parseLong(argv.get(6));
    String d = f.contains("/") ? f.substring(0, Math.max(1, f.lastIndexOf('/'))) : ".";
    Path dir = node.file(d);
    Path existing = dir;
    while (existing != null && !Files.exists(existing)) existing = existing.getParent();
    if (existing != null && !Files.isDirectory(existing)) {
      return CommandResult.of(
          1, "", "mkdir: cannot create directory " + Coreutils.quoteaf(d) + ": Not a directory\n");
    }
    Files.createDirectories(dir);
    Path target = node.file(f);
    if (Files.isDirectory(target)) {
      return CommandResult.of(1, "", FileWrite.NAME + ": " + f + ": Is a directory\n");
    }
    Path tmp =
        Files.createTempFile(
            dir,
            ".sanctl-write.",
            "",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.setPosixFilePermissions(tmp, permissions(mode));
      Files.write(tmp, stdin);
      if (stdin.length != n) {
        return CommandResult.of(
            1,
            "",
            FileWrite.NAME + ": " + f + ": received " + stdin.length + " of " + n + " bytes\n");
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return CommandResult.of(0, "", "");
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** An octal mode such as {@code 0600} as POSIX permissions. */
  static Set<PosixFilePermission> permissions(String octal) {
    int m = Integer.parseInt(octal, 8);
    StringBuilder sb = new StringBuilder();
    String rwx = "rwx";
    for (int bit = 8; bit >= 0; bit--)
      sb.append((m & (1 << bit)) != 0 ? rwx.charAt(2 - bit % 3) : '-');
    return PosixFilePermissions.fromString(sb.toString());
  }
}
