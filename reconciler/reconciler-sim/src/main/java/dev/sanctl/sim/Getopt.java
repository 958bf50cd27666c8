package dev.sanctl.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one command-line option parser of the simulated tools: glibc {@code getopt_long} as the real
 * Linux tools use it (and the illumos {@code getopt} subset when {@link #inOrder()} and short
 * options only). A tool declares its options once; {@link #parse} gives the options in the order
 * given and the operands, or an {@link Error} that names what glibc names, so each tool prints its
 * own wording around it.
 *
 * <ul>
 *   <li>Short options bundle ({@code -fy}); a short option with an argument takes the rest of its
 *       word ({@code -L8M}) or the next word ({@code -L 8M}).
 *   <li>A long option takes its argument after {@code =} or as the next word; an {@link
 *       Arg#OPTIONAL} argument only after {@code =}; {@code --flag=x} is refused.
 *   <li>{@code --} ends the options; a lone {@code -} is an operand. Operands may come between
 *       options (GNU permutation) unless {@link #inOrder()}: then the first operand ends the
 *       options.
 *   <li>A long option may be abbreviated to a unique prefix ({@code --param} is {@code --params});
 *       an exact name wins over longer ones.
 * </ul>
 */
public final class Getopt {
  /** Whether an option takes an argument. */
  public enum Arg {
    NONE,
    REQUIRED,
    OPTIONAL
  }

  /** One option as given: its {@code name} (long name, or the letter), value, and the word. */
  public record Option(String name, String value, String word) {}

  private record Decl(String name, Arg arg) {}

  private final Map<Character, Decl> shorts = new LinkedHashMap<>();
  private final Map<String, Decl> longs = new LinkedHashMap<>();
  private boolean inOrder;

  /** An empty declaration. */
  public static Getopt options() {
    return new Getopt();
  }

  /** Declares {@code -c} and {@code --name}, one option called {@code name}. */
  public Getopt option(char c, String name, Arg arg) {
    Decl d = new Decl(name, arg);
    shorts.put(c, d);
    longs.put(name, d);
    return this;
  }

  /** Declares {@code -c} alone, an option called {@code name} (for example the long one). */
  public Getopt shortOption(char c, String name, Arg arg) {
    shorts.put(c, new Decl(name, arg));
    return this;
  }

  /** Declares {@code -c} alone, an option called by its letter. */
  public Getopt shortOption(char c, Arg arg) {
    return shortOption(c, String.valueOf(c), arg);
  }

  /** Declares {@code --name} alone. */
  public Getopt longOption(String name, Arg arg) {
    longs.put(name, new Decl(name, arg));
    return this;
  }

  /**
   * Declares {@code --alias} alone as another spelling of the option called {@code name} (glibc
   * {@code struct option} entries with the same {@code val}: an abbreviation of both is not
   * ambiguous).
   */
  public Getopt longAlias(String alias, String name, Arg arg) {
    longs.put(alias, new Decl(name, arg));
    return this;
  }

  /** The first operand ends the options (no GNU permutation). */
  public Getopt inOrder() {
    this.inOrder = true;
    return this;
  }

  /** Why a command line was refused, in glibc's terms. */
  public static final class Error extends Exception {
    private static final long serialVersionUID = 1L;

    /** What is wrong. */
    public enum Kind {
      /** A long option nobody declared: {@code unrecognized option '--x'}. */
      UNRECOGNIZED,
      /** A short option nobody declared: {@code invalid option -- 'x'}. */
      INVALID,
      /** An option without its argument. */
      MISSING_ARGUMENT,
      /** {@code --flag=value} for a flag. */
      NO_ARGUMENT_ALLOWED,
      /** An abbreviation of several long options. */
      AMBIGUOUS
    }

    private final Kind kind;
    private final String word;
    private final String option;

    Error(Kind kind, String word, String option) {
      this(kind, word, option, text(kind, word, option));
    }

    Error(Kind kind, String word, String option, String message) {
      super(message);
      this.kind = kind;
      this.word = word;
      this.option = option;
    }

    private static String text(Kind kind, String word, String option) {
      return switch (kind) {
        case UNRECOGNIZED -> "unrecognized option '" + word + "'";
        case INVALID -> "invalid option -- '" + option + "'";
        case MISSING_ARGUMENT ->
            word.startsWith("--")
                ? "option '" + word + "' requires an argument"
                : "option requires an argument -- '" + option + "'";
        case NO_ARGUMENT_ALLOWED -> "option '--" + option + "' doesn't allow an argument";
        case AMBIGUOUS -> "option '" + word + "' is ambiguous";
      };
    }

    public Kind kind() {
      return kind;
    }

    /** The word of the command line the error is about, e.g. {@code -x} or {@code --size}. */
    public String word() {
      return word;
    }

    /** The option as typed without dashes: the letter of a short one, the long name. */
    public String option() {
      return option;
    }
  }

  /** The options and operands of one command line. */
  public record Parsed(List<Option> options, List<String> operands) {
    /** Whether the option was given. */
    public boolean has(String name) {
      return options.stream().anyMatch(o -> o.name().equals(name));
    }

    /** The value of the option's last occurrence, or null. */
    public String value(String name) {
      String v = null;
      for (Option o : options) if (o.name().equals(name)) v = o.value();
      return v;
    }

    /** The values of every occurrence ({@code ""} for a flag), in order. */
    public List<String> values(String name) {
      List<String> v = new ArrayList<>();
      for (Option o : options) {
        if (o.name().equals(name)) v.add(o.value() == null ? "" : o.value());
      }
      return v;
    }
  }

  /** The long option {@code name} names: itself, or the only one it abbreviates. */
  private Decl longOption(String name, String word) throws Error {
    Decl exact = longs.get(name);
    if (exact != null) return exact;
    List<String> candidates = new ArrayList<>();
    Decl found = null;
    for (Map.Entry<String, Decl> e : longs.entrySet()) {
      if (!name.isEmpty() && e.getKey().startsWith(name)) {
        candidates.add(e.getKey());
        if (found != null && !found.equals(e.getValue())) found = AMBIGUOUS_DECL;
        else if (found == null) found = e.getValue();
      }
    }
    if (found == null) throw new Error(Error.Kind.UNRECOGNIZED, word, name);
    if (found == AMBIGUOUS_DECL) {
      StringBuilder m = new StringBuilder("option '" + word + "' is ambiguous; possibilities:");
      for (String c : candidates) m.append(" '--").append(c).append('\'');
      throw new Error(Error.Kind.AMBIGUOUS, word, name, m.toString());
    }
    return found;
  }

  private static final Decl AMBIGUOUS_DECL = new Decl("", Arg.NONE);

  /** Parses {@code args}, the words after the program name. */
  public Parsed parse(List<String> args) throws Error {
    List<Option> options = new ArrayList<>();
    List<String> operands = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String w = args.get(i);
      if (w.equals("--")) {
        operands.addAll(args.subList(i + 1, args.size()));
        break;
      }
      if (w.startsWith("--")) {
        int eq = w.indexOf('=');
        String name = eq < 0 ? w.substring(2) : w.substring(2, eq);
        Decl d = longOption(name, w);
        String value = eq < 0 ? null : w.substring(eq + 1);
        if (d.arg() == Arg.NONE && value != null) {
          throw new Error(Error.Kind.NO_ARGUMENT_ALLOWED, w, d.name());
        }
        if (d.arg() == Arg.REQUIRED && value == null) {
          if (i + 1 >= args.size()) throw new Error(Error.Kind.MISSING_ARGUMENT, w, name);
          value = args.get(++i);
        }
        options.add(new Option(d.name(), value, w));
      } else if (w.startsWith("-") && w.length() > 1) {
        for (int c = 1; c < w.length(); c++) {
          char letter = w.charAt(c);
          Decl d = shorts.get(letter);
          if (d == null) throw new Error(Error.Kind.INVALID, w, String.valueOf(letter));
          if (d.arg() == Arg.NONE) {
            options.add(new Option(d.name(), null, w));
            continue;
          }
          String value = c + 1 < w.length() ? w.substring(c + 1) : null;
          if (value == null && d.arg() == Arg.REQUIRED) {
            if (i + 1 >= args.size()) {
              throw new Error(Error.Kind.MISSING_ARGUMENT, w, String.valueOf(letter));
            }
            value = args.get(++i);
          }
          options.add(new Option(d.name(), value, w));
          break;
        }
      } else if (inOrder) {
        operands.addAll(args.subList(i, args.size()));
        break;
      } else {
        operands.add(w);
      }
    }
    return new Parsed(options, operands);
  }
}
