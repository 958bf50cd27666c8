package dev.sanctl.sim.lvm;

import dev.sanctl.sim.Getopt;
import dev.sanctl.sim.Getopt.Arg;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** lvm2 command-line options for the simulated lvm tools, parsed by {@link Getopt}. */
final class LvmArgs {
  /** Parse failure: the message lvm prints before "Error during parsing of command line.". */
  static final class ParseError extends Exception {
    private static final long serialVersionUID = 1L;

    ParseError(String message) {
      super(message);
    }
  }

  private static final Map<String, String> SHORT =
      Map.ofEntries(
          Map.entry("o", "options"),
          Map.entry("O", "sort"),
          Map.entry("S", "select"),
          Map.entry("L", "size"),
          Map.entry("l", "extents"),
          Map.entry("n", "name"),
          Map.entry("f", "force"),
          Map.entry("y", "yes"),
          Map.entry("q", "quiet"),
          Map.entry("v", "verbose"),
          Map.entry("s", "snapshot"),
          Map.entry("a", "activate"),
          Map.entry("W", "wipesignatures"),
          Map.entry("Z", "zero"),
          Map.entry("r", "resizefs"),
          Map.entry("V", "virtualsize"),
          Map.entry("i", "stripes"),
          Map.entry("I", "stripesize"),
          Map.entry("K", "ignoreactivationskip"),
          Map.entry("t", "test"),
          Map.entry("P", "partial"),
          Map.entry("T", "thin"),
          Map.entry("c", "chunksize"),
          Map.entry("k", "setactivationskip"));

  private static final Set<String> WITH_ARG =
      Set.of(
          "options",
          "sort",
          "select",
          "size",
          "extents",
          "name",
          "activate",
          "wipesignatures",
          "zero",
          "virtualsize",
          "stripes",
          "stripesize",
          "reportformat",
          "units",
          "separator",
          "config",
          "addtag",
          "deltag",
          "type",
          "thinpool",
          "permission",
          "alloc",
          "chunksize",
          "setactivationskip");

  private static final Set<String> FLAGS =
      Set.of(
          "force",
          "yes",
          "quiet",
          "verbose",
          "snapshot",
          "resizefs",
          "nosuffix",
          "noheadings",
          "aligned",
          "binary",
          "all",
          "ignoreactivationskip",
          "test",
          "partial",
          "nolocking",
          "readonly",
          "unbuffered",
          "rows",
          "headings",
          "help",
          "version",
          "thin");

  final Map<String, List<String>> options = new LinkedHashMap<>();
  final List<String> positional = new ArrayList<>();

  /** The declarations of a program: {@code -a} is {@code --all} for the reporting commands. */
  private static Getopt options(boolean shortAIsAll) {
    Getopt g = Getopt.options();
    for (String name : WITH_ARG) g.longOption(name, Arg.REQUIRED);
    for (String name : FLAGS) g.longOption(name, Arg.NONE);
    for (Map.Entry<String, String> e : SHORT.entrySet()) {
      String name = e.getValue();
      g.shortOption(e.getKey().charAt(0), name, WITH_ARG.contains(name) ? Arg.REQUIRED : Arg.NONE);
    }
    if (shortAIsAll) g.shortOption('a', "all", Arg.NONE);
    return g;
  }

  private static final Getopt OPTIONS = options(false);
  private static final Getopt REPORT_OPTIONS = options(true);

  static LvmArgs parse(String program, List<String> argv, Set<String> flagShortA)
      throws ParseError {
    Getopt.Parsed parsed;
    try {
      parsed =
          (flagShortA.contains(program) ? REPORT_OPTIONS : OPTIONS)
              .parse(argv.subList(1, argv.size()));
    } catch (Getopt.Error e) {
      throw new ParseError(program + ": " + message(e));
    }
    LvmArgs a = new LvmArgs();
    for (Getopt.Option o : parsed.options()) {
      a.options
          .computeIfAbsent(o.name(), k -> new ArrayList<>())
          .add(o.value() == null ? "" : o.value());
    }
    a.positional.addAll(parsed.operands());
    return a;
  }

  /** The parse error as lvm2 words it. */
  private static String message(Getopt.Error e) {
    return switch (e.kind()) {
      case UNRECOGNIZED -> {
        // lvm2 accepts long options with or without inner dashes and names them without
        String w = e.word();
        int eq = w.indexOf('=');
        yield "unrecognized option '--"
            + e.option().replace("-", "")
            + (eq >= 0 ? w.substring(eq) : "")
            + "'";
      }
      case MISSING_ARGUMENT -> "option '" + e.word() + "' requires an argument";
      default -> e.getMessage();
    };
  }

  boolean has(String name) {
    return options.containsKey(name);
  }

  String get(String name) {
    List<String> v = options.get(name);
    return v == null ? null : v.get(v.size() - 1);
  }

  List<String> all(String name) {
    return options.getOrDefault(name, List.of());
  }
}
