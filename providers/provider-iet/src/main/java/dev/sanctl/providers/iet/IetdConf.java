package dev.sanctl.providers.iet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An {@code ietd.conf} as ietd reads it ({@code usr/plain.c}): whitespace-separated tokens, lines
 * whose first token starts with {@code #} ignored, a trailing {@code \} continues a line, keywords
 * case-insensitive; everything before the first {@code Target} is global.
 *
 * @param global global lines as {@code [keyword, value...]}
 * @param targets target stanzas by IQN, in file order (a repeated IQN keeps the first)
 */
public record IetdConf(List<List<String>> global, Map<String, Stanza> targets) {

  /** One {@code Target} stanza. */
  public record Stanza(
      String iqn,
      Map<Integer, Map<String, String>> luns,
      Map<String, String> options,
      List<Account> incoming,
      Account outgoing) {
    /** The parameter of LUN {@code lun} (lower-case name, as IET compares them), or null. */
    public String lunParam(int lun, String name) {
      Map<String, String> p = luns.get(lun);
      return p == null ? null : p.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** A CHAP account line. */
  public record Account(String user, String secret) {}

  /** Parses {@code text}; never fails (ietd itself skips what it does not understand). */
  public static IetdConf parse(String text) {
    List<List<String>> global = new ArrayList<>();
    Map<String, Builder> targets = new LinkedHashMap<>();
    Builder current = null;
    for (List<String> line : lines(text)) {
      String key = line.get(0).toLowerCase(Locale.ROOT);
      if (key.equals("target")) {
        if (line.size() < 2) continue;
        current = targets.containsKey(line.get(1)) ? null : new Builder(line.get(1));
        if (current != null) targets.put(current.iqn, current);
        continue;
      }
      if (current == null) {
        if (targets.isEmpty()) global.add(line);
        continue;
      }
      current.add(key, line);
    }
    Map<String, Stanza> out = new LinkedHashMap<>();
    targets.forEach((k, b) -> out.put(k, b.build()));
    return new IetdConf(List.copyOf(global), out);
  }

  /** Tokenised logical lines, comments removed and continuations joined. */
  static List<List<String>> lines(String text) {
    List<List<String>> out = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String raw : text.split("\n", -1)) {
      String l = raw.strip();
      if (l.endsWith("\\")) {
        pending.append(l, 0, l.length() - 1).append(' ');
        continue;
      }
      String full = pending.append(l).toString().strip();
      pending.setLength(0);
      if (full.isEmpty() || full.startsWith("#")) continue;
      out.add(List.of(IetText.words(full)));
    }
    return out;
  }

  private static final class Builder {
    final String iqn;
    final Map<Integer, Map<String, String>> luns = new LinkedHashMap<>();
    final Map<String, String> options = new LinkedHashMap<>();
    final List<Account> incoming = new ArrayList<>();
    Account outgoing;

    Builder(String iqn) {
      this.iqn = iqn;
    }

    void add(String key, List<String> line) {
      switch (key) {
        case "lun" -> {
          if (line.size() < 3) return;
          try {
            luns.putIfAbsent(Integer.parseInt(line.get(1)), params(line.get(2)));
          } catch (NumberFormatException e) {
            // ietd's strtol would read 0 or garbage; such a line is never one sanctl wrote
          }
        }
        case "incominguser" -> {
          if (line.size() >= 3) incoming.add(new Account(line.get(1), line.get(2)));
        }
        case "outgoinguser" -> {
          if (line.size() >= 3) outgoing = new Account(line.get(1), line.get(2));
        }
        default -> {
          if (line.size() >= 2)
            options.put(line.get(0), String.join(" ", line.subList(1, line.size())));
        }
      }
    }

    Stanza build() {
      return new Stanza(iqn, luns, options, List.copyOf(incoming), outgoing);
    }
  }

  /** {@code Path=/dev/x,Type=blockio} as lower-case names to values. */
  static Map<String, String> params(String list) {
    return nameValues(list, ",");
  }

  /** {@code Name=Value} items separated by {@code separator} (a regex), names lower-cased. */
  static Map<String, String> nameValues(String text, String separator) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String p : text.split(separator)) {
      int eq = p.indexOf('=');
      if (eq > 0) m.put(p.substring(0, eq).toLowerCase(Locale.ROOT), p.substring(eq + 1));
    }
    return m;
  }
}
