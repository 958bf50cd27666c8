package dev.sanctl.providers.iet;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * What sanctl keeps of an observed IET config file because the desired state does not mention it:
 * the {@code ietd.conf} stanzas of undeclared targets, and the allow-file lines of undeclared
 * targets, {@code ALL} lines and comments. An undeclared target is not sanctl's to unexport: its
 * stanza and allow line stay byte for byte, so the next ietd restart or failover serves it as
 * today, with the same access (a target without an allow line admits every initiator).
 */
final class IetForeignLines {
  private IetForeignLines() {}

  /**
   * The part of {@code observed} (a file named {@code file}) that is not sanctl's, in file order.
   *
   * @param foreign whether a target name belongs to nobody in the desired state
   */
  static String of(String file, String observed, Predicate<String> foreign) {
    return file.equals(IetConfigRenderer.IETD_CONF)
        ? stanzas(observed, foreign)
        : allowLines(observed, foreign);
  }

  /** The stanzas of foreign targets: a {@code Target} line up to the next stanza or top comment. */
  private static String stanzas(String text, Predicate<String> foreign) {
    StringBuilder out = new StringBuilder();
    boolean keep = false;
    for (String line : IetText.lines(text)) {
      String[] t = IetText.words(line);
      boolean top = !line.startsWith(" ") && !line.startsWith("\t");
      if (t.length > 1 && t[0].toLowerCase(Locale.ROOT).equals("target")) {
        keep = foreign.test(t[1]);
      } else if (top && t.length > 1 && t[0].equals("#") && t[1].equals("Target")) {
        keep = false; // sanctl's "# Target <iqn> is offline" line
      } else if (top && !keep) {
        continue;
      }
      if (keep) out.append(line.endsWith("\n") ? line : line + "\n");
    }
    return out.toString();
  }

  /** Lines whose first token is not a declared target: foreign targets, {@code ALL}, comments. */
  private static String allowLines(String text, Predicate<String> foreign) {
    StringBuilder out = new StringBuilder();
    for (String line : IetText.lines(text)) {
      String first = IetText.firstWord(line);
      if (first.isEmpty()) continue;
      if (first.equals("ALL") || first.startsWith("#") || foreign.test(first)) {
        out.append(line.endsWith("\n") ? line : line + "\n");
      }
    }
    return out.toString();
  }
}
