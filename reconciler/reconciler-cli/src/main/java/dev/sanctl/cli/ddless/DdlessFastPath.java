package dev.sanctl.cli.ddless;

import dev.sanctl.cli.support.OutputFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code sanctl ddless} without picocli, for start-up time: a nightly backup runs ddless once per
 * volume, and picocli costs the most of sanctl's own start-up there (its classes are compiled for
 * Java 5, so the class-data-sharing archive cannot hold them: about 180 classes loaded and verified
 * from the jar, then every command's annotations read; docs/benchmarks.md). Only the plain copy
 * forms are taken: {@code ddless} followed by {@code -s -t -c -m} with a value, {@code -w -r} with
 * a number, and the flags {@code -d -b -q --json}, each at most once. Anything else (help, {@code
 * -v}, {@code -p}, subcommands, other options, clustered or {@code =} forms, a value starting with
 * {@code -}) goes to picocli, so the fast path never decides an error picocli would word. Run by
 * {@link dev.sanctl.cli.FastPaths}.
 */
public final class DdlessFastPath {
  private DdlessFastPath() {}

  /**
   * Runs a parsed plain copy, writing to {@code out} and {@code err}; an exception escaping it is
   * the caller's to report (as picocli's execution exception handler would).
   */
  public static int execute(Parsed p, PrintWriter out, PrintWriter err) throws Exception {
    return FileErrors.run("ddless", err, () -> p.command.copy(out, err, false, p.quiet));
  }

  /** The parsed command and the global {@code -q}. */
  public record Parsed(DdlessCommand command, boolean quiet) {}

  /** The command for a plain copy's arguments, or {@code null} for anything else. */
  public static Parsed parse(String[] args) {
    if (args.length < 2 || !args[0].equals("ddless")) return null;
    DdlessCommand c = new DdlessCommand();
    c.workers = 1;
    c.rate = 0;
    c.zoneMb = 8;
    c.output = OutputFormat.of(false);
    boolean quiet = false;
    Set<String> seen = new HashSet<>();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (!seen.add(a)) return null;
      switch (a) {
        case "-d" -> c.direct = true;
        case "-b" -> c.bail = true;
        case "--json" -> c.output = OutputFormat.of(true);
        case "-q" -> quiet = true;
        case "-s", "-t", "-c", "-m", "-w", "-r" -> {
          if (i + 1 >= args.length) return null;
          String v = args[++i];
          if (v.isEmpty() || v.startsWith("-")) return null;
          switch (a) {
            case "-s" -> c.source = Path.of(v);
            case "-t" -> c.target = Path.of(v);
            case "-c" -> c.checksum = Path.of(v);
            case "-m" -> c.map = Path.of(v);
            default -> {
              if (!v.matches("[0-9]{1,9}")) return null;
              if (a.equals("-w")) c.workers = Integer.parseInt(v);
              else c.rate = Integer.parseInt(v);
            }
          }
        }
        default -> {
          return null;
        }
      }
    }
    return new Parsed(c, quiet);
  }
}
