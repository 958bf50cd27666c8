package dev.sanctl.core.config;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link PlainYamlReader} against snakeyaml-engine on generated texts: documents from the grammar
 * of the plain subset (block maps and lists at varying indentation, lists at their key's column,
 * compact maps in list items, flow lists and maps over one or several lines, plain and quoted
 * scalars of every implicit type, empty values, comments, duplicate keys), and the same documents
 * mutated (indicators, quotes, spaces, line breaks, tabs, indentation changes inserted or deleted).
 * Each is declined or read exactly as snakeyaml-engine reads it ({@link PlainYamlComparison}).
 *
 * <p>The committed number of tries keeps the build fast; the reader was also checked with 25,000
 * tries of each property (see docs/benchmarks.md).
 */
class PlainYamlReaderPropertyTest {
  private static final List<String> SCALARS =
      List.of(
          "a",
          "name",
          "vg_san0/lv00001",
          "/mnt/x",
          "iqn.1994-05.com.redhat:host01",
          "10.0.0.1",
          "1",
          "-1",
          "+1",
          "0",
          "007",
          "0x1F",
          "0o17",
          "1e3",
          "-1.5",
          ".inf",
          "-.Inf",
          ".nan",
          "1G",
          "512M",
          "true",
          "False",
          "TRUE",
          "yes",
          "on",
          "null",
          "Null",
          "~",
          "a b",
          "a:b",
          "a#b",
          "a,b",
          "a]b",
          "x'y",
          "x\"y",
          "é",
          "ü-ß",
          "9223372036854775807",
          "9223372036854775808",
          "2147483648",
          "-0",
          "1_000",
          "=",
          "<<",
          "-x",
          "?x",
          ":x");
  private static final List<String> KEYS =
      List.of(
          "a", "b", "name", "size", "nodes", "1", "true", "null", "~", "0x1F", "1e3", ".inf", "k:v",
          "a.b", "a/b", "x_1", "é");
  private static final List<String> ODD_KEYS = List.of("<<", "-x", "a b", "a#b", "[a]", "? a");
  private static final List<String> INSERTIONS =
      List.of(
          ":",
          ": ",
          "#",
          " #",
          "-",
          "- ",
          "'",
          "\"",
          " ",
          "  ",
          "\n",
          "\n  ",
          "\t",
          "&a ",
          "*a",
          "!",
          "|",
          ">",
          "[",
          "]",
          "{",
          "}",
          ",",
          "?",
          "%",
          "@",
          "`",
          "~",
          "null",
          "0x1F",
          "1e3",
          ".inf",
          "1",
          "true",
          "\\",
          "''",
          "---",
          "...",
          "\r",
          "\u00a0",
          "\ufeff",
          "\u2028",
          "\ud83d\ude00",
          "\u007f",
          "\u0085",
          "key: v\n",
          "- x\n",
          "a: b\na: c\n",
          "<<: {}");

  @Provide
  Arbitrary<String> documents() {
    return Arbitraries.randomValue(r -> new Writer(r).document());
  }

  @Provide
  Arbitrary<String> mutants() {
    return Arbitraries.randomValue(r -> mutate(new Writer(r).document(), r));
  }

  @Property(tries = 3000)
  void documentsOfTheSubsetReadTheSameOrAreDeclined(@ForAll("documents") String text) {
    Statistics.collect(PlainYamlComparison.compare("g.yaml", text) ? "read" : "declined");
  }

  @Property(tries = 3000)
  void mutatedDocumentsReadTheSameOrAreDeclined(@ForAll("mutants") String text) {
    Statistics.collect(PlainYamlComparison.compare("m.yaml", text) ? "read" : "declined");
  }

  private static String mutate(String text, Random r) {
    StringBuilder sb = new StringBuilder(text);
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      int at = sb.length() == 0 ? 0 : r.nextInt(sb.length() + 1);
      switch (r.nextInt(4)) {
        case 0, 1 -> sb.insert(at, INSERTIONS.get(r.nextInt(INSERTIONS.size())));
        case 2 -> {
          if (at < sb.length()) sb.deleteCharAt(at);
        }
        default -> {
          int lineStart = sb.lastIndexOf("\n", Math.max(0, at - 1)) + 1;
          if (r.nextBoolean()) {
            sb.insert(lineStart, " ".repeat(1 + r.nextInt(2)));
          } else if (lineStart < sb.length() && sb.charAt(lineStart) == ' ') {
            sb.deleteCharAt(lineStart);
          }
        }
      }
    }
    return sb.toString();
  }

  /** Writes one random document of the subset. */
  private static final class Writer {
    private final Random r;
    private final StringBuilder out = new StringBuilder();
    private final int step;

    Writer(Random r) {
      this.r = r;
      this.step = 1 + r.nextInt(4);
    }

    String document() {
      if (r.nextInt(4) == 0) out.append("# a comment\n");
      map(0, 1 + r.nextInt(4), 0);
      if (r.nextInt(4) == 0) out.append("\n# end\n");
      String s = out.toString();
      return r.nextInt(8) == 0 && s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    /** A block map at {@code column}; the first key's line is already indented. */
    private void map(int column, int entries, int depth) {
      for (int i = 0; i < entries; i++) {
        if (i > 0) indent(column);
        out.append(key()).append(':');
        value(column, depth);
      }
    }

    /** A block list at {@code column}; the first entry's line is already indented. */
    private void list(int column, int entries, int depth) {
      for (int i = 0; i < entries; i++) {
        if (i > 0) indent(column);
        out.append('-');
        int kind = r.nextInt(depth > 3 ? 2 : 5);
        if (kind == 0) {
          out.append(' ').append(inline(depth)).append(comment()).append('\n');
        } else if (kind == 1) {
          out.append(r.nextBoolean() ? "" : " ").append(comment()).append('\n');
        } else if (kind == 2) {
          out.append(' ');
          map(column + 2, 1 + r.nextInt(3), depth + 1);
        } else {
          out.append(comment()).append('\n');
          int inner = column + step;
          indent(inner);
          if (r.nextBoolean()) map(inner, 1 + r.nextInt(3), depth + 1);
          else list(inner, 1 + r.nextInt(3), depth + 1);
        }
      }
    }

    /** After {@code key:} of a map at {@code column}. */
    private void value(int column, int depth) {
      int kind = r.nextInt(depth > 3 ? 2 : 5);
      if (kind == 0) {
        out.append(' ').append(inline(depth)).append(comment()).append('\n');
      } else if (kind == 1) {
        out.append(r.nextBoolean() ? "" : "  ").append(comment()).append('\n');
      } else if (kind == 2) {
        out.append(comment()).append('\n');
        if (r.nextBoolean()) out.append('\n');
        int inner = column + step;
        indent(inner);
        map(inner, 1 + r.nextInt(3), depth + 1);
      } else {
        out.append(comment()).append('\n');
        int inner = r.nextBoolean() ? column : column + step;
        indent(inner);
        list(inner, 1 + r.nextInt(3), depth + 1);
      }
    }

    private String inline(int depth) {
      int kind = r.nextInt(depth > 4 ? 3 : 5);
      if (kind < 3) return scalar();
      StringBuilder sb = new StringBuilder();
      flow(sb, kind == 3, depth + 1);
      return sb.toString();
    }

    private void flow(StringBuilder sb, boolean list, int depth) {
      sb.append(list ? '[' : '{');
      int n = r.nextInt(4);
      for (int i = 0; i < n; i++) {
        if (i > 0) sb.append(',').append(r.nextInt(6) == 0 ? "\n" + " ".repeat(8) : " ");
        if (!list) sb.append(key()).append(": ");
        if (depth < 4 && r.nextInt(5) == 0) flow(sb, r.nextBoolean(), depth + 1);
        else sb.append(scalar());
      }
      sb.append(list ? ']' : '}');
    }

    private String scalar() {
      String s = SCALARS.get(r.nextInt(SCALARS.size()));
      while (r.nextInt(4) != 0 && (s.matches(".*[,\\[\\]{}].*|[?:<].*|.*: .*|.*:"))) {
        s = SCALARS.get(r.nextInt(SCALARS.size()));
      }
      return switch (r.nextInt(6)) {
        case 0 -> "'" + s.replace("'", "''") + "'";
        case 1 -> s.contains("\"") ? s : "\"" + s + "\"";
        default -> s;
      };
    }

    private String key() {
      String k =
          r.nextInt(30) == 0
              ? ODD_KEYS.get(r.nextInt(ODD_KEYS.size()))
              : KEYS.get(r.nextInt(KEYS.size()));
      return r.nextInt(8) == 0 ? "\"" + k + "\"" : k;
    }

    private String comment() {
      return r.nextInt(5) == 0 ? "   # note: x" : "";
    }

    private void indent(int column) {
      if (r.nextInt(10) == 0) out.append(" ".repeat(r.nextInt(column + 2))).append("# c\n");
      out.append(" ".repeat(column));
    }
  }
}
