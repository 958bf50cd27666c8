package dev.sanctl.providers.iet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether two IET config files mean the same to ietd although their lines are ordered differently.
 * Order carries no meaning between {@code ietd.conf} target stanzas (or global lines), nor between
 * allow lines of different targets before the first {@code ALL} line (the first line naming a
 * target decides, and {@code ALL} ends the search for every target). The HA agent assembles a
 * node's files in its own order on failover, and a reordered desired state renders them in another:
 * neither is a change; nor are sanctl's notes of offline targets ({@code # Target <iqn> is offline
 * (state: offline)}), which ietd skips and the HA agent leaves behind. Anything else (a byte inside
 * a stanza, a repeated target, the lines from {@code ALL} on, a missing final newline) compares
 * exactly.
 */
final class IetFileOrder {
  private IetFileOrder() {}

  /**
   * sanctl's own note of an offline target in {@code ietd.conf} ({@link IetConfigRenderer}): a
   * comment, nothing to ietd. The HA agent moves a group's notes with its meta copy to the new
   * holder but, as they name no {@code Target} stanza, leaves them on the old holder too (and
   * repeats them after a failover back), so their presence is no change to plan.
   */
  private static final java.util.regex.Pattern OFFLINE_NOTE =
      java.util.regex.Pattern.compile("(?m)^# Target \\S+ is offline \\(state: offline\\)\n");

  /** True when {@code a} and {@code b} are the same file for ietd, up to meaningless order. */
  static boolean equivalent(String file, String a, String b) {
    if (a.equals(b)) return true;
    if (file.equals(IetConfigRenderer.IETD_CONF)) {
      a = OFFLINE_NOTE.matcher(a).replaceAll("");
      b = OFFLINE_NOTE.matcher(b).replaceAll("");
      if (a.equals(b)) return true;
    }
    if (!a.endsWith("\n") || !b.endsWith("\n")) return false;
    List<String> ka = file.equals(IetConfigRenderer.IETD_CONF) ? stanzas(a) : allowLines(a);
    List<String> kb = file.equals(IetConfigRenderer.IETD_CONF) ? stanzas(b) : allowLines(b);
    return ka != null && kb != null && ka.equals(kb);
  }

  /**
   * The global lines and the blocks (a {@code Target} line with the lines up to the next one, or a
   * top-level comment), sorted; null when a target repeats (then the first stanza wins, so order
   * matters).
   */
  private static List<String> stanzas(String text) {
    List<String> blocks = new ArrayList<>();
    Set<String> targets = new HashSet<>();
    StringBuilder block = null;
    for (String line : IetText.lines(text)) {
      String[] t = IetText.words(line);
      boolean target = t.length > 1 && t[0].toLowerCase(Locale.ROOT).equals("target");
      boolean topComment = !line.startsWith(" ") && !line.startsWith("\t") && t[0].startsWith("#");
      if (target && !targets.add(t[1])) return null;
      if (target || topComment || block == null) {
        if (block != null) blocks.add(block.toString());
        block = new StringBuilder();
        if (!target && !topComment) {
          blocks.add(line); // a global line stands alone
          block = null;
          continue;
        }
      }
      block.append(line);
    }
    if (block != null) blocks.add(block.toString());
    blocks.sort(null);
    return blocks;
  }

  /** Lines before the first {@code ALL} line sorted, then the rest in order; null on a repeat. */
  private static List<String> allowLines(String text) {
    List<String> head = new ArrayList<>();
    List<String> tail = new ArrayList<>();
    Set<String> targets = new HashSet<>();
    boolean all = false;
    for (String line : IetText.lines(text)) {
      String first = IetText.firstWord(line);
      if (first.equals("ALL")) all = true;
      if (all) {
        tail.add(line);
        continue;
      }
      if (!first.isEmpty() && !first.startsWith("#") && !targets.add(first)) return null;
      head.add(line);
    }
    head.sort(null);
    head.add("ALL from here on\n");
    head.addAll(tail);
    return head;
  }
}
