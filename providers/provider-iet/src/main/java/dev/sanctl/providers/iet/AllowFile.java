package dev.sanctl.providers.iet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code initiators.allow} / {@code targets.allow} ({@code usr/plain.c}): {@code <target | ALL>
 * <elem>[, <elem>]...}; the first line naming a target (or {@code ALL}) decides, so only the first
 * is kept. Lines without a trailing newline are skipped, as ietd skips them.
 */
final class AllowFile {
  private AllowFile() {}

  /** Elements by target name (or {@code ALL}), first matching line only. */
  static Map<String, List<String>> parse(String text) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    int end = text.lastIndexOf('\n');
    if (end < 0) return out;
    for (String line : text.substring(0, end).split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) continue;
      String[] parts = IetText.firstAndRest(l);
      List<String> elems = new ArrayList<>();
      if (parts.length > 1) {
        for (String e : parts[1].split(",")) {
          if (!e.isBlank()) elems.add(e.strip());
        }
      }
      out.putIfAbsent(parts[0], List.copyOf(elems));
    }
    return out;
  }

  /** An initiator name as an anchored POSIX basic regex element matching exactly it. */
  static String escape(String iqn) {
    StringBuilder sb = new StringBuilder();
    for (char c : iqn.toCharArray()) {
      if (".[]\\*^$".indexOf(c) >= 0) sb.append('\\');
      sb.append(c);
    }
    return sb.toString();
  }

  /** The literal name an element written by {@link #escape} stands for. */
  static String unescape(String element) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < element.length(); i++) {
      char c = element.charAt(i);
      if (c == '\\' && i + 1 < element.length()) c = element.charAt(++i);
      sb.append(c);
    }
    return sb.toString();
  }
}
