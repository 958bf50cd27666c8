package dev.sanctl.sim.coreutils;

import dev.sanctl.sim.Getopt;
import dev.sanctl.sim.Getopt.Arg;
import dev.sanctl.sim.SimNode;
import dev.sanctl.sim.SimTool;
import dev.sanctl.sim.iet.IetRuntime;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
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

  private static final Getopt CAT = Getopt.options().shortOption('u', Arg.NONE);
  private static final Getopt STAT =
      Getopt.options()
          .option('c', "format", Arg.REQUIRED)
          .longOption("printf", Arg.REQUIRED)
          .option('L', "dereference", Arg.NONE);
  private static final Getopt TRUNCATE =
      Getopt.options().option('s', "size", Arg.REQUIRED).option('c', "no-create", Arg.NONE);
  private static final Getopt MKDIR =
      Getopt.options().option('p', "parents", Arg.NONE).option('m', "mode", Arg.REQUIRED);
  private static final Getopt MV =
      Getopt.options().option('f', "force", Arg.NONE).option('T', "no-target-directory", Arg.NONE);
  private static final Getopt TEE =
      Getopt.options()
          .option('a', "append", Arg.NONE)
          .shortOption('i', Arg.NONE)
          .shortOption('p', Arg.NONE);
  private static final Getopt RM =
      Getopt.options()
          .option('f', "force", Arg.NONE)
          .option('r', "recursive", Arg.NONE)
          .shortOption('R', "recursive", Arg.NONE);

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
    Getopt.Parsed p;
    try {
      p = CAT.parse(argv.subList(1, argv.size()));
    } catch (Getopt.Error e) {
      return r.usage(e.getMessage());
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
          r.out.writeBytes(in.readNBytes(Host.OUTPUT_LIMIT + 1));
        }
      }
    }
    return r.result();
  }

  // ---- stat ----

  private CommandResult stat(SimNode node, List<String> argv, Run r) throws IOException {
    Getopt.Parsed p;
    try {
      p = STAT.parse(argv.subList(1, argv.size()));
    } catch (Getopt.Error e) {
      return r.usage(e.getMessage());
    }
    String format = null;
    boolean newline = true;
    for (Getopt.Option o : p.options()) {
      switch (o.name()) {
        case "format" -> {
          format = o.value();
          newline = true;
        }
        case "printf" -> {
          format = unescape(o.value());
          newline = false;
        }
        default -> {}
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
    Getopt.Parsed p;
    try {
      p = TRUNCATE.parse(argv.subList(1, argv.size()));
    } catch (Getopt.Error e) {
      return r.usage(e.getMessage());
    }
    String size = p.value("size");
    boolean noCreate = p.has("no-create");
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
    Getopt.Parsed p;
    try {
      p = MKDIR.parse(argv.subList(1, argv.size()));
    } catch (Getopt.Error e) {
      return r.usage(e.getMessage());
    }
    boolean parents = p.has("parents");
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
    Getopt.Parsed p;
    try {
      p = MV.parse(argv.subList(1, argv.size()));
    } catch (Getopt.Error e) {
      return r.usage(e.getMessage());
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
          Files.isDirectory(dst) && !p.has("no-target-directory")
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
    Getopt.Parsed p;
    try {
      p = TEE.parse(argv.subList(1, argv.size()));
    } catch (Getopt.Error e) {
      return r.usage(e.getMessage());
    }
    boolean append = p.has("append");
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
    Getopt.Parsed p;
    try {
      p = RM.parse(argv.subList(1, argv.size()));
    } catch (Getopt.Error e) {
      return r.usage(e.getMessage());
    }
    boolean force = p.has("force");
    boolean recursive = p.has("recursive");
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
