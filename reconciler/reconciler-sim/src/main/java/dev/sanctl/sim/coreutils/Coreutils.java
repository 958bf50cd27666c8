package dev.sanctl.sim.coreutils;

import dev.sanctl.sim.SimCluster;
import dev.sanctl.sim.SimNode;
import dev.sanctl.sim.SimTool;
import dev.sanctl.sim.iet.IetRuntime;
import dev.sanctl.spi.host.CommandResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The GNU coreutils 9.1 commands the providers use ({@code cat}, {@code stat}, {@code truncate},
 * {@code mkdir}, {@code mv}, {@code tee}, {@code rm}) on a simulated node's filesystem, with their
 * messages ({@code LC_ALL=C}) and exit statuses. {@code /proc/net/iet} files and LV block devices
 * are readable; ddmap proc files accept commands written with {@code tee}.
 */
public final class Coreutils implements SimTool {
  @Override
  public Set<String> names() {
    return Set.of("cat", "stat", "truncate", "mkdir", "mv", "tee", "rm");
  }

  /** Output of one run. */
  private static final class Run {
    final String program;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final StringBuilder err = new StringBuilder();
    int status;

    Run(String program) {
      this.program = program;
    }

    void error(String message) {
      err.append(program).append(": ").append(message).append('\n');
      status = 1;
    }

    CommandResult usage(String message) {
      String base = program.substring(program.lastIndexOf('/') + 1);
      err.append(program).append(": ").append(message).append('\n');
      err.append("Try '").append(base).append(" --help' for more information.\n");
      return CommandResult.of(1, "", err.toString());
    }

    CommandResult result() {
      return new CommandResult(
          status,
          out.toByteArray(),
          err.toString().getBytes(StandardCharsets.UTF_8),
          false,
          java.time.Duration.ZERO);
    }
  }

  /** Options and operands, GNU style (options may follow operands; {@code --} ends them). */
  private record Parsed(List<String> flags, List<String> values, List<String> operands) {}

  private static Parsed parse(List<String> argv, Set<String> withValue) {
    List<String> flags = new ArrayList<>();
    List<String> values = new ArrayList<>();
    List<String> operands = new ArrayList<>();
    for (int i = 1; i < argv.size(); i++) {
      String w = argv.get(i);
      if (w.equals("--")) {
        operands.addAll(argv.subList(i + 1, argv.size()));
        break;
      }
      if (w.startsWith("--")) {
        int eq = w.indexOf('=');
        String name = eq < 0 ? w.substring(2) : w.substring(2, eq);
        flags.add("--" + name);
        if (eq >= 0) values.add(w.substring(eq + 1));
        else if (withValue.contains("--" + name) && i + 1 < argv.size()) values.add(argv.get(++i));
        else values.add(null);
      } else if (w.startsWith("-") && w.length() > 1) {
        for (int c = 1; c < w.length(); c++) {
          String f = "-" + w.charAt(c);
          flags.add(f);
          if (withValue.contains(f)) {
            if (c + 1 < w.length()) values.add(w.substring(c + 1));
            else values.add(i + 1 < argv.size() ? argv.get(++i) : null);
            break;
          }
          values.add(null);
        }
      } else {
        operands.add(w);
      }
    }
    return new Parsed(flags, values, operands);
  }

  @Override
  public CommandResult run(SimNode node, List<String> argv, byte[] stdin) throws IOException {
    String program = argv.get(0);
    String base = program.substring(program.lastIndexOf('/') + 1);
    Run r = new Run(program);
    return switch (base) {
      case "cat" -> cat(node, argv, stdin, r);
      case "stat" -> stat(node, argv, r);
      case "truncate" -> truncate(node, argv, r);
      case "mkdir" -> mkdir(node, argv, r);
      case "mv" -> mv(node, argv, r);
      case "tee" -> tee(node, argv, stdin, r);
      default -> rm(node, argv, r);
    };
  }

  // ---- cat ----

  private CommandResult cat(SimNode node, List<String> argv, byte[] stdin, Run r)
      throws IOException {
    Parsed p = parse(argv, Set.of());
    for (String f : p.flags()) {
      if (!f.equals("-u")) return r.usage(invalid(f));
    }
    List<String> files = p.operands().isEmpty() ? List.of("-") : p.operands();
    for (String f : files) {
      if (f.equals("-")) {
        r.out.writeBytes(stdin);
        continue;
      }
      String abs = SimNode.absolute(f);
      Optional<byte[]> proc = IetRuntime.readProc(node, abs);
      if (proc.isPresent()) {
        r.out.writeBytes(proc.get());
        continue;
      }
      Optional<Path> dev = node.blockDevice(abs);
      Path file = dev.orElse(node.file(abs));
      if (IetRuntime.isProcDir(node, abs) || (dev.isEmpty() && Files.isDirectory(file))) {
        r.error(quotef(f) + ": Is a directory");
      } else if (abs.startsWith("/proc/") || !Files.isRegularFile(file)) {
        r.error(quotef(f) + ": No such file or directory");
      } else {
        try (InputStream in = Files.newInputStream(file)) {
          r.out.writeBytes(in.readNBytes(SimCluster.OUTPUT_LIMIT + 1));
        }
      }
    }
    return r.result();
  }

  // ---- stat ----

  private CommandResult stat(SimNode node, List<String> argv, Run r) throws IOException {
    Parsed p = parse(argv, Set.of("-c", "--format", "--printf"));
    String format = null;
    boolean newline = true;
    for (int i = 0; i < p.flags().size(); i++) {
      String f = p.flags().get(i);
      switch (f) {
        case "-c", "--format" -> format = p.values().get(i);
        case "--printf" -> {
          format = unescape(p.values().get(i));
          newline = false;
        }
        case "-L", "--dereference" -> {}
        default -> {
          return r.usage(invalid(f));
        }
      }
    }
    if (p.operands().isEmpty()) return r.usage("missing operand");
    if (format == null) format = "  File: %n\n  Size: %s\tBlocks: %b\tIO Block: 4096   %F";
    for (String f : p.operands()) {
      String abs = SimNode.absolute(f);
      Optional<FileInfo> info = FileInfo.of(node, abs);
      if (info.isEmpty()) {
        r.error("cannot statx " + quoteaf(f) + ": No such file or directory");
        continue;
      }
      r.out.writeBytes(info.get().format(format, f).getBytes(StandardCharsets.UTF_8));
      if (newline) r.out.write('\n');
    }
    return r.result();
  }

  private static String unescape(String s) {
    return s.replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\");
  }

  /** What {@code stat} reports about a path. */
  private record FileInfo(String type, long size, long blocks, long mtime, int mode, long inode) {
    static Optional<FileInfo> of(SimNode node, String abs) throws IOException {
      if (IetRuntime.isProcDir(node, abs))
        return Optional.of(new FileInfo("directory", 0, 0, 0, 0555, 1));
      if (IetRuntime.readProc(node, abs).isPresent()) {
        return Optional.of(new FileInfo("regular empty file", 0, 0, 0, 0444, 2));
      }
      Optional<Path> dev = node.blockDevice(abs);
      if (dev.isPresent()) {
        return Optional.of(new FileInfo("block special file", 0, 0, mtime(dev.get()), 0660, 3));
      }
      Path file = node.file(abs);
      if (abs.startsWith("/proc/") || !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      boolean dir = Files.isDirectory(file);
      long size = dir ? 4096 : Files.size(file);
      String type = dir ? "directory" : size == 0 ? "regular empty file" : "regular file";
      int mode = 0;
      for (PosixFilePermission perm : Files.getPosixFilePermissions(file)) {
        mode |= 1 << (8 - perm.ordinal());
      }
      Object ino = Files.getAttribute(file, "unix:ino");
      return Optional.of(
          new FileInfo(
              type,
              size,
              SparseBlocks.of(file, size),
              mtime(file),
              mode,
              ((Number) ino).longValue()));
    }

    private static long mtime(Path p) throws IOException {
      return Files.getLastModifiedTime(p).toMillis() / 1000;
    }

    String format(String fmt, String name) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < fmt.length(); i++) {
        char c = fmt.charAt(i);
        if (c != '%' || i + 1 >= fmt.length()) {
          sb.append(c);
          continue;
        }
        char d = fmt.charAt(++i);
        switch (d) {
          case 'n' -> sb.append(name);
          case 'N' -> sb.append(quoteaf(name));
          case 's' -> sb.append(size);
          case 'b' -> sb.append(blocks);
          case 'B' -> sb.append(512);
          case 'F' -> sb.append(type);
          case 'Y', 'Z', 'X', 'W' -> sb.append(mtime);
          case 'a' -> sb.append(Integer.toOctalString(mode));
          case 'i' -> sb.append(inode);
          case 'h' -> sb.append(type.equals("directory") ? 2 : 1);
          case 'U', 'G' -> sb.append("root");
          case 'u', 'g' -> sb.append(0);
          case 'o' -> sb.append(4096);
          case '%' -> sb.append('%');
          default -> sb.append('?');
        }
      }
      return sb.toString();
    }
  }

  // ---- truncate ----

  private CommandResult truncate(SimNode node, List<String> argv, Run r) throws IOException {
    Parsed p = parse(argv, Set.of("-s", "--size"));
    String size = null;
    boolean noCreate = false;
    for (int i = 0; i < p.flags().size(); i++) {
      switch (p.flags().get(i)) {
        case "-s", "--size" -> size = p.values().get(i);
        case "-c", "--no-create" -> noCreate = true;
        default -> {
          return r.usage(invalid(p.flags().get(i)));
        }
      }
    }
    if (size == null) return r.usage("you must specify either '--size' or '--reference'");
    if (p.operands().isEmpty()) return r.usage("missing file operand");
    char mode = "+-<>/%".indexOf(size.isEmpty() ? ' ' : size.charAt(0)) >= 0 ? size.charAt(0) : 0;
    long n;
    try {
      n = parseSize(mode == 0 ? size : size.substring(1));
    } catch (NumberFormatException e) {
      r.error("Invalid number: " + quote(size));
      return r.result();
    }
    for (String f : p.operands()) {
      String abs = SimNode.absolute(f);
      Path file = node.file(abs);
      if (node.blockDevice(abs).isPresent() || abs.startsWith("/proc/")) {
        r.error("cannot open " + quoteaf(f) + " for writing: Permission denied");
        continue;
      }
      if (Files.isDirectory(file)) {
        r.error("cannot open " + quoteaf(f) + " for writing: Is a directory");
        continue;
      }
      if (!Files.exists(file)) {
        if (noCreate) continue;
        if (!Files.isDirectory(file.getParent())) {
          r.error("cannot open " + quoteaf(f) + " for writing: No such file or directory");
          continue;
        }
      }
      try (var ch =
          Files.newByteChannel(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        long cur = ch.size();
        long target =
            switch (mode) {
              case '+' -> cur + n;
              case '-' -> Math.max(0, cur - n);
              case '<' -> Math.min(cur, n);
              case '>' -> Math.max(cur, n);
              case '/' -> n == 0 ? cur : cur / n * n;
              case '%' -> n == 0 ? cur : (cur + n - 1) / n * n;
              default -> n;
            };
        if (target < cur) ch.truncate(target);
        else if (target > cur) SparseBlocks.extend(file, target);
      }
    }
    return r.result();
  }

  /** GNU size syntax: a number with an optional K/M/G/T/P/E suffix (KB = 1000, K = KiB = 1024). */
  static long parseSize(String s) {
    int i = 0;
    while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
    if (i == 0) throw new NumberFormatException(s);
    long v = Long.parseLong(s.substring(0, i));
    String suffix = s.substring(i);
    if (suffix.isEmpty()) return v;
    int exp = "KMGTPE".indexOf(Character.toUpperCase(suffix.charAt(0))) + 1;
    if (suffix.equals("b")) return Math.multiplyExact(v, 512);
    if (exp == 0 || (suffix.charAt(0) == 'k' ? false : !Character.isUpperCase(suffix.charAt(0)))) {
      if (!suffix.equals("k")) throw new NumberFormatException(s);
    }
    long base;
    switch (suffix.substring(1)) {
      case "", "iB" -> base = 1024;
      case "B" -> base = 1000;
      default -> throw new NumberFormatException(s);
    }
    long mult = 1;
    for (int k = 0; k < exp; k++) mult = Math.multiplyExact(mult, base);
    return Math.multiplyExact(v, mult);
  }

  // ---- mkdir ----

  private CommandResult mkdir(SimNode node, List<String> argv, Run r) throws IOException {
    Parsed p = parse(argv, Set.of("-m", "--mode"));
    boolean parents = false;
    for (String f : p.flags()) {
      if (f.equals("-p") || f.equals("--parents")) parents = true;
      else if (!f.equals("-m") && !f.equals("--mode")) return r.usage(invalid(f));
    }
    if (p.operands().isEmpty()) return r.usage("missing operand");
    for (String d : p.operands()) {
      Path dir = node.file(d);
      if (parents) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing != null && !Files.isDirectory(existing)) {
          r.error("cannot create directory " + quoteaf(d) + ": Not a directory");
          continue;
        }
        Files.createDirectories(dir);
      } else if (Files.exists(dir)) {
        r.error("cannot create directory " + quoteaf(d) + ": File exists");
      } else if (!Files.isDirectory(dir.getParent())) {
        r.error("cannot create directory " + quoteaf(d) + ": No such file or directory");
      } else {
        Files.createDirectory(dir);
      }
    }
    return r.result();
  }

  // ---- mv ----

  private CommandResult mv(SimNode node, List<String> argv, Run r) throws IOException {
    Parsed p = parse(argv, Set.of());
    for (String f : p.flags()) {
      if (!List.of("-f", "--force", "-T", "--no-target-directory").contains(f)) {
        return r.usage(invalid(f));
      }
    }
    if (p.operands().isEmpty()) return r.usage("missing file operand");
    if (p.operands().size() == 1) {
      return r.usage("missing destination file operand after " + quoteaf(p.operands().get(0)));
    }
    String dstName = p.operands().get(p.operands().size() - 1);
    Path dst = node.file(dstName);
    for (String s : p.operands().subList(0, p.operands().size() - 1)) {
      Path src = node.file(s);
      if (!Files.exists(src, LinkOption.NOFOLLOW_LINKS)) {
        r.error("cannot stat " + quoteaf(s) + ": No such file or directory");
        continue;
      }
      Path to =
          Files.isDirectory(dst) && !p.flags().contains("-T")
              ? dst.resolve(src.getFileName())
              : dst;
      if (!Files.isDirectory(to.getParent())) {
        r.error(
            "cannot move "
                + quoteaf(s)
                + " to "
                + quoteaf(dstName)
                + ": No such file or directory");
        continue;
      }
      if (Files.isDirectory(to) && !Files.isDirectory(src)) {
        r.error("cannot overwrite directory " + quoteaf(dstName) + " with non-directory");
        continue;
      }
      try {
        Files.move(src, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.AtomicMoveNotSupportedException e) {
        Files.move(src, to, StandardCopyOption.REPLACE_EXISTING);
      } catch (DirectoryNotEmptyException e) {
        r.error("cannot move " + quoteaf(s) + " to " + quoteaf(dstName) + ": Directory not empty");
      }
    }
    return r.result();
  }

  // ---- tee ----

  private CommandResult tee(SimNode node, List<String> argv, byte[] stdin, Run r)
      throws IOException {
    Parsed p = parse(argv, Set.of());
    boolean append = false;
    for (String f : p.flags()) {
      if (f.equals("-a") || f.equals("--append")) append = true;
      else if (!f.equals("-i") && !f.equals("-p")) return r.usage(invalid(f));
    }
    r.out.writeBytes(stdin);
    for (String f : p.operands()) {
      String abs = SimNode.absolute(f);
      if (abs.startsWith("/proc/")) {
        int errno = IetRuntime.writeProc(node, abs, stdin);
        if (errno != 0) r.error(quotef(f) + ": " + IetRuntime.strerror(errno));
        continue;
      }
      Optional<Path> dev = node.blockDevice(abs);
      Path file = dev.orElse(node.file(abs));
      if (Files.isDirectory(file)) {
        r.error(quotef(f) + ": Is a directory");
      } else if (!Files.isDirectory(file.getParent())) {
        r.error(quotef(f) + ": No such file or directory");
      } else if (dev.isPresent()) {
        try (var ch = Files.newByteChannel(file, StandardOpenOption.WRITE)) {
          ch.write(java.nio.ByteBuffer.wrap(stdin));
        }
        node.written(abs, 0, stdin.length);
      } else if (append) {
        Files.write(file, stdin, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } else {
        Files.write(file, stdin);
      }
    }
    return r.result();
  }

  // ---- rm ----

  private CommandResult rm(SimNode node, List<String> argv, Run r) throws IOException {
    Parsed p = parse(argv, Set.of());
    boolean force = false;
    boolean recursive = false;
    for (String f : p.flags()) {
      switch (f) {
        case "-f", "--force" -> force = true;
        case "-r", "-R", "--recursive" -> recursive = true;
        default -> {
          return r.usage(invalid(f));
        }
      }
    }
    if (p.operands().isEmpty() && !force) return r.usage("missing operand");
    for (String f : p.operands()) {
      Path file = node.file(f);
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        if (!force) r.error("cannot remove " + quoteaf(f) + ": No such file or directory");
      } else if (Files.isDirectory(file) && !recursive) {
        r.error("cannot remove " + quoteaf(f) + ": Is a directory");
      } else if (Files.isDirectory(file)) {
        try (var walk = Files.walk(file)) {
          for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(x);
        }
      } else {
        Files.delete(file);
      }
    }
    return r.result();
  }

  // ---- quoting as GNU prints file names (C locale) ----

  private static String invalid(String flag) {
    return flag.startsWith("--")
        ? "unrecognized option '" + flag + "'"
        : "invalid option -- '" + flag.substring(1) + "'";
  }

  private static boolean plain(String s) {
    return !s.isEmpty()
        && s.chars().allMatch(c -> c > 32 && c < 127 && "'\"\\$`!*?[]{}()<>|&;#~".indexOf(c) < 0);
  }

  /** {@code quotef}: bare when nothing needs quoting. */
  static String quotef(String s) {
    return plain(s) ? s : quoteaf(s);
  }

  /** {@code quoteaf}: shell-escape quoting, always quoted. */
  static String quoteaf(String s) {
    if (s.contains("'")) return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    return "'" + s + "'";
  }

  /** {@code quote} in the C locale. */
  static String quote(String s) {
    return "'" + s + "'";
  }
}
