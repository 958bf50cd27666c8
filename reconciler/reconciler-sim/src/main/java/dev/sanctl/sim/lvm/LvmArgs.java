package dev.sanctl.sim.lvm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** lvm2 command-line parsing (getopt_long style) for the simulated lvm tools. */
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

  static LvmArgs parse(String program, List<String> argv, Set<String> flagShortA)
      throws ParseError {
    LvmArgs a = new LvmArgs();
    for (int i = 1; i < argv.size(); i++) {
      String w = argv.get(i);
      if (w.equals("--")) {
        a.positional.addAll(argv.subList(i + 1, argv.size()));
        break;
      }
      String name;
      String value = null;
      if (w.startsWith("--")) {
        name = w.substring(2);
        int eq = name.indexOf('=');
        if (eq >= 0) {
          value = name.substring(eq + 1);
          name = name.substring(0, eq);
        }
        if (!WITH_ARG.contains(name) && !FLAGS.contains(name)) {
          // lvm2 accepts long options with or without inner dashes and names them without
          String shown = "--" + name.replace("-", "");
          throw new ParseError(
              program
                  + ": unrecognized option '"
                  + shown
                  + (eq >= 0 ? w.substring(w.indexOf('=')) : "")
                  + "'");
        }
      } else if (w.startsWith("-") && w.length() > 1) {
        String c = w.substring(1, 2);
        name = SHORT.get(c);
        if (c.equals("a") && flagShortA.contains(program)) name = "all";
        if (name == null) throw new ParseError(program + ": invalid option -- '" + c + "'");
        if (w.length() > 2) {
          if (WITH_ARG.contains(name)) {
            value = w.substring(2);
          } else {
            // combined short flags such as -fy
            for (char ch : w.substring(2).toCharArray()) {
              String n = SHORT.get(String.valueOf(ch));
              if (n == null || WITH_ARG.contains(n)) {
                throw new ParseError(program + ": invalid option -- '" + ch + "'");
              }
              a.options.computeIfAbsent(n, k -> new ArrayList<>()).add("");
            }
          }
        }
      } else {
        a.positional.add(w);
        continue;
      }
      if (WITH_ARG.contains(name) && value == null) {
        if (i + 1 >= argv.size()) {
          throw new ParseError(program + ": option '" + w + "' requires an argument");
        }
        value = argv.get(++i);
      }
      a.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value == null ? "" : value);
    }
    return a;
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
