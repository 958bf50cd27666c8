package dev.sanctl.backup;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.FileWrite;
import dev.sanctl.spi.host.Host;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small files on a node, through coreutils over the {@link Host}: read, replace, append, list. */
final class HostFiles {
  private final Host host;

  HostFiles(Host host) {
    this.host = host;
  }

  Host host() {
    return host;
  }

  /**
   * The file's bytes, or empty when it does not exist. A file larger than the host's output limit
   * (a checksum file of a volume above 32 GiB) is read again in ranges.
   */
  Optional<byte[]> read(String path) throws IOException {
    CommandResult r = host.run(Command.read("cat", path));
    if (r.ok() && !r.truncated()) return Optional.of(r.stdout());
    if (r.ok()) return Optional.of(readInRanges(path));
    if (r.err().contains("No such file or directory")) return Optional.empty();
    throw failure("cat " + path, r);
  }

  private byte[] readInRanges(String path) throws IOException {
    HostDevices dev = new HostDevices(host);
    byte[] all =
        new byte
            [Math.toIntExact(size(path).orElseThrow(() -> new IOException(path + " vanished")))];
    for (int offset = 0; offset < all.length; offset += HostDevices.MAX_RANGE) {
      int length = Math.min(HostDevices.MAX_RANGE, all.length - offset);
      byte[] part = dev.read(path, offset, length);
      if (part.length != length) throw new IOException("short read of " + path + " at " + offset);
      System.arraycopy(part, 0, all, offset, length);
    }
    return all;
  }

  /** The size of a regular file, or empty when it does not exist. */
  Optional<Long> size(String path) throws IOException {
    CommandResult r = host.run(Command.read("stat", "-c", "%s", path));
    if (!r.ok()) {
      if (r.err().contains("No such file or directory")) return Optional.empty();
      throw failure("stat " + path, r);
    }
    try {
      return Optional.of(Long.parseLong(r.out().strip()));
    } catch (NumberFormatException e) {
      throw new IOException("size of " + path + ": unexpected output '" + r.out().strip() + "'");
    }
  }

  /**
   * Replaces the file atomically with mode 0644 ({@link FileWrite}: temporary file in the same
   * directory, removed on any failure, then rename; nothing sent back).
   */
  void replace(String path, byte[] content) throws IOException {
    check(
        "writing " + path, host.run(FileWrite.replace(path, FileWrite.PUBLIC, content, List.of())));
  }

  void append(String path, String line) throws IOException {
    byte[] b = (line + "\n").getBytes(StandardCharsets.UTF_8);
    check("tee -a " + path, host.run(Command.change(b, "tee", "-a", path)));
  }

  void mkdirs(String dir) throws IOException {
    check("mkdir -p " + dir, host.run(Command.change("mkdir", "-p", dir)));
  }

  void remove(String path) throws IOException {
    check("rm -f " + path, host.run(Command.change("rm", "-f", path)));
  }

  /** Writes a command (e.g. {@code mapzap}) to a proc file. */
  void writeProc(String path, String word) throws IOException {
    byte[] b = word.getBytes(StandardCharsets.US_ASCII);
    check("echo " + word + " > " + path, host.run(Command.change(b, "tee", path)));
  }

  /**
   * Writes a command to a proc file that may be absent (a ddmap entry exists only while the target
   * serves the volume); false when it does not exist.
   */
  boolean writeProcIfPresent(String path, String word) throws IOException {
    byte[] b = word.getBytes(StandardCharsets.US_ASCII);
    CommandResult r = host.run(Command.change(b, "tee", path));
    if (r.ok()) return true;
    if (r.err().contains("No such file or directory")) return false;
    throw failure("echo " + word + " > " + path, r);
  }

  /** Names (not paths) of the regular files in {@code dir}; empty when it does not exist. */
  List<String> list(String dir) throws IOException {
    CommandResult r =
        host.run(Command.read("find", dir, "-mindepth", "1", "-maxdepth", "1", "-type", "f"));
    List<String> names = new ArrayList<>();
    if (!r.ok()) {
      if (r.err().contains("No such file or directory")) return names;
      throw failure("find " + dir, r);
    }
    for (String line : r.out().split("\n")) {
      if (!line.isBlank()) names.add(line.substring(line.lastIndexOf('/') + 1));
    }
    names.sort(null);
    return names;
  }

  static void check(String what, CommandResult r) throws IOException {
    if (!r.ok()) throw failure(what, r);
  }

  static IOException failure(String what, CommandResult r) {
    String msg = r.err().strip();
    int nl = msg.indexOf('\n');
    if (nl >= 0) msg = msg.substring(0, nl);
    return new IOException(what + " failed (exit " + r.exitStatus() + "): " + msg);
  }
}
