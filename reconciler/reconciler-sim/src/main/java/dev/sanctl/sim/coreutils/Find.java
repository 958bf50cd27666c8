package dev.sanctl.sim.coreutils;

import dev.sanctl.sim.SimNode;
import dev.sanctl.sim.SimTool;
import dev.sanctl.spi.host.CommandResult;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * GNU findutils {@code find} for listing file-backed volume groups: start paths, then {@code
 * -maxdepth N}, {@code -mindepth N}, {@code -type f|d}, {@code -name PATTERN}, and {@code -print}
 * or {@code -printf FORMAT} ({@code %p %P %f %h %s %b %k %y %m %T@ %%}, {@code \n \t \0}). Entries
 * are listed in name order (real find uses directory order, which no caller may rely on).
 */
public final class Find implements SimTool {
  @Override
  public Set<String> names() {
    return Set.of("find");
  }

  @Override
  public CommandResult run(SimNode node, List<String> argv, byte[] stdin) throws IOException {
    String program = argv.get(0);
    List<String> starts = new ArrayList<>();
    int i = 1;
    while (i < argv.size() && !argv.get(i).startsWith("-")) starts.add(argv.get(i++));
    if (starts.isEmpty()) starts.add(".");
    int maxDepth = Integer.MAX_VALUE;
    int minDepth = 0;
    Character type = null;
    PathMatcher name = null;
    String format = null;
    for (; i < argv.size(); i++) {
      String opt = argv.get(i);
      if (opt.equals("-print")) {
        format = "%p\n";
        continue;
      }
      if (i + 1 >= argv.size()) {
        return CommandResult.of(1, "", program + ": missing argument to `" + opt + "'\n");
      }
      String value = argv.get(++i);
      switch (opt) {
        case "-maxdepth", "-mindepth" -> {
          if (!value.matches("\\d{1,9}")) {
            return CommandResult.of(
                1,
                "",
                program
                    + ": Expected a positive decimal integer argument to "
                    + opt
                    + ", but got '"
                    + value
                    + "'\n");
          }
          if (opt.equals("-maxdepth")) maxDepth = Integer.parseInt(value);
          else minDepth = Integer.parseInt(value);
        }
        case "-type" -> {
          if (!value.matches("[fdb]")) {
            return CommandResult.of(
                1, "", program + ": Unknown argument to -type: " + value + "\n");
          }
          type = value.charAt(0);
        }
        case "-name" -> name = FileSystems.getDefault().getPathMatcher("glob:" + value);
        case "-printf" -> format = unescape(value);
        default -> {
          return CommandResult.of(1, "", program + ": unknown predicate `" + opt + "'\n");
        }
      }
    }
    if (format == null) format = "%p\n";
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    int status = 0;
    for (String start : starts) {
      Path root = node.file(start);
      if (!Files.exists(root)) {
        err.append(program).append(": '").append(start).append("': No such file or directory\n");
        status = 1;
        continue;
      }
      List<Path> all;
      try (Stream<Path> walk = Files.walk(root, maxDepth)) {
        all = walk.sorted().toList();
      }
      for (Path p : all) {
        int depth = root.relativize(p).toString().isEmpty() ? 0 : root.relativize(p).getNameCount();
        if (depth < minDepth) continue;
        boolean dir = Files.isDirectory(p);
        if (type != null && type != (dir ? 'd' : 'f')) continue;
        if (name != null && !name.matches(p.getFileName())) continue;
        String rel = root.relativize(p).toString();
        String shown = rel.isEmpty() ? start : (start.endsWith("/") ? start : start + "/") + rel;
        out.append(format(format, p, shown, rel, dir));
      }
    }
    return CommandResult.of(status, out.toString(), err.toString());
  }

  private static String unescape(String s) {
    return s.replace("\\n", "\n").replace("\\t", "\t").replace("\\0", "\0");
  }

  private static String format(String fmt, Path p, String shown, String rel, boolean dir)
      throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fmt.length(); i++) {
      char c = fmt.charAt(i);
      if (c != '%' || i + 1 >= fmt.length()) {
        sb.append(c);
        continue;
      }
      char d = fmt.charAt(++i);
      long size = dir ? 4096 : Files.size(p);
      switch (d) {
        case 'p' -> sb.append(shown);
        case 'P' -> sb.append(rel);
        case 'f' -> sb.append(shown.substring(shown.lastIndexOf('/') + 1));
        case 'h' ->
            sb.append(shown.contains("/") ? shown.substring(0, shown.lastIndexOf('/')) : ".");
        case 's' -> sb.append(size);
        case 'b' -> sb.append(dir ? 8 : SparseBlocks.of(p, size));
        case 'k' -> sb.append(((dir ? 8 : SparseBlocks.of(p, size)) + 1) / 2);
        case 'y' -> sb.append(dir ? 'd' : 'f');
        case 'm' -> sb.append(dir ? "755" : "644");
        case 'T' -> {
          if (i + 1 < fmt.length() && fmt.charAt(i + 1) == '@') {
            i++;
            long nanos = Files.getLastModifiedTime(p).to(java.util.concurrent.TimeUnit.NANOSECONDS);
            sb.append(nanos / 1_000_000_000L)
                .append('.')
                .append(String.format("%09d0", nanos % 1_000_000_000L));
          }
        }
        case '%' -> sb.append('%');
        default -> sb.append('%').append(d);
      }
    }
    return sb.toString();
  }
}
