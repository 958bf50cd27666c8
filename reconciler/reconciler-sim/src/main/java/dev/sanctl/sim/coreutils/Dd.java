package dev.sanctl.sim.coreutils;

import dev.sanctl.sim.SimNode;
import dev.sanctl.sim.SimTool;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * GNU coreutils {@code dd} for ranged reads and writes of simulated block devices and files:
 * operands {@code if= of= bs= skip= seek= count= conv=notrunc status=none|noxfer}, {@code
 * iflag=skip_bytes,count_bytes}, {@code oflag=seek_bytes}; {@code if=/dev/zero} reads zeros.
 * Without {@code of=} the data goes to standard output, without {@code if=} it comes from standard
 * input. Writes to a block device never change its size and fail with "No space left on device"
 * past its end. The summary on standard error is the records lines (the timing line of real dd is
 * omitted: it varies).
 */
public final class Dd implements SimTool {
  @Override
  public Set<String> names() {
    return Set.of("dd");
  }

  @Override
  public CommandResult run(SimNode node, List<String> argv, byte[] stdin) throws IOException {
    Map<String, String> ops = new HashMap<>();
    for (String a : argv.subList(1, argv.size())) {
      int eq = a.indexOf('=');
      if (eq <= 0)
        return fail(
            "dd: unrecognized operand '" + a + "'\n" + "Try 'dd --help' for more information.\n");
      ops.put(a.substring(0, eq), a.substring(eq + 1));
    }
    for (String k : ops.keySet()) {
      if (!Set.of("if", "of", "bs", "skip", "seek", "count", "conv", "status", "iflag", "oflag")
          .contains(k)) {
        return fail(
            "dd: unrecognized operand '"
                + k
                + "="
                + ops.get(k)
                + "'\n"
                + "Try 'dd --help' for more information.\n");
      }
    }
    long bs;
    long skip;
    long seek;
    long count;
    try {
      bs = ops.containsKey("bs") ? Coreutils.parseSize(ops.get("bs")) : 512;
      skip = ops.containsKey("skip") ? Coreutils.parseSize(ops.get("skip")) : 0;
      seek = ops.containsKey("seek") ? Coreutils.parseSize(ops.get("seek")) : 0;
      count = ops.containsKey("count") ? Coreutils.parseSize(ops.get("count")) : -1;
    } catch (NumberFormatException e) {
      return fail("dd: invalid number: '" + e.getMessage() + "'\n");
    }
    Set<String> iflag = flags(ops.get("iflag"));
    Set<String> oflag = flags(ops.get("oflag"));
    Set<String> conv = flags(ops.get("conv"));
    long inOffset = iflag.contains("skip_bytes") ? skip : skip * bs;
    long limit = count < 0 ? Long.MAX_VALUE : iflag.contains("count_bytes") ? count : count * bs;
    long outOffset = oflag.contains("seek_bytes") ? seek : seek * bs;

    byte[] data;
    String in = ops.get("if");
    if (in == null) {
      int from = (int) Math.min(inOffset, stdin.length);
      int to = (int) Math.min(stdin.length, Math.min((long) from + limit, Integer.MAX_VALUE));
      data = java.util.Arrays.copyOfRange(stdin, from, to);
    } else if (SimNode.absolute(in).equals("/dev/zero")) {
      data = new byte[(int) Math.min(limit, Host.OUTPUT_LIMIT + 1L)];
    } else {
      Optional<Path> file = source(node, in);
      if (file.isEmpty()) {
        return fail("dd: failed to open '" + in + "': No such file or directory\n");
      }
      try (RandomAccessFile f = new RandomAccessFile(file.get().toFile(), "r")) {
        long size = f.length();
        if (inOffset > size) {
          return fail("dd: '" + in + "': cannot skip to specified offset\n");
        }
        long n = Math.min(size - inOffset, Math.min(limit, Host.OUTPUT_LIMIT + 1L));
        data = new byte[(int) n];
        f.seek(inOffset);
        f.readFully(data);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String of = ops.get("of");
    if (of == null) {
      out.writeBytes(data);
    } else {
      String abs = SimNode.absolute(of);
      Optional<Path> dev = node.blockDevice(abs);
      Path file = dev.orElse(node.file(abs));
      if (dev.isEmpty()
          && (abs.startsWith("/proc/")
              || abs.startsWith("/dev/")
              || !Files.isDirectory(file.getParent()))) {
        return fail("dd: failed to open '" + of + "': No such file or directory\n");
      }
      try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
        if (dev.isPresent() && outOffset + data.length > f.length()) {
          return fail("dd: error writing '" + of + "': No space left on device\n");
        }
        if (dev.isEmpty() && !conv.contains("notrunc")) f.setLength(outOffset);
        f.seek(outOffset);
        f.write(data);
      }
      if (dev.isPresent()) node.written(abs, outOffset, data.length);
    }
    String err = "";
    if (!"none".equals(ops.get("status"))) {
      String records = records(data.length, bs);
      err = records + " records in\n" + records + " records out\n";
    }
    return new CommandResult(
        0, out.toByteArray(), err.getBytes(StandardCharsets.UTF_8), false, Duration.ZERO);
  }

  private static Optional<Path> source(SimNode node, String path) throws IOException {
    String abs = SimNode.absolute(path);
    Optional<Path> dev = node.blockDevice(abs);
    if (dev.isPresent()) return dev;
    Path file = node.file(abs);
    if (abs.startsWith("/proc/") || abs.startsWith("/dev/") || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(file);
  }

  private static String records(long bytes, long bs) {
    return (bytes / bs) + "+" + (bytes % bs == 0 ? 0 : 1);
  }

  private static Set<String> flags(String v) {
    return v == null ? Set.of() : Set.of(v.split(","));
  }

  private static CommandResult fail(String message) {
    return CommandResult.of(1, "", message);
  }
}
