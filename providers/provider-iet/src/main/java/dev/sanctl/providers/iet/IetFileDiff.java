package dev.sanctl.providers.iet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a rewrite of one IET config file takes away, by meaning rather than by line: the targets it
 * stops exporting (their {@code ietd.conf} stanza or allow line goes), the global and per-target
 * settings it drops, the CHAP accounts it removes, and the initiators an allow line stops naming.
 * {@link IetFileChange} classifies the file change by it (see {@link
 * dev.sanctl.spi.provider.AccessChanges}).
 *
 * @param droppedTargets targets named in the observed file and not in the new one
 * @param removedSettings {@code <target or global>: <key>} of settings present only before
 * @param removedAccounts {@code <target>: <CHAP user>} of accounts present only before
 * @param allowAfter the allow elements of each target in the new allow file (allow files only)
 */
record IetFileDiff(
    List<String> droppedTargets,
    List<String> removedSettings,
    List<String> removedAccounts,
    Map<String, List<String>> allowAfter) {

  static IetFileDiff of(String file, String observed, String wanted) {
    if (!file.equals(IetConfigRenderer.IETD_CONF)) {
      Map<String, List<String>> before = AllowFile.parse(observed);
      Map<String, List<String>> after = AllowFile.parse(wanted);
      List<String> dropped = new ArrayList<>();
      for (String t : before.keySet())
        if (!after.containsKey(t) && !t.equals("ALL")) dropped.add(t);
      return new IetFileDiff(dropped, List.of(), List.of(), after);
    }
    IetdConf before = IetdConf.parse(observed);
    IetdConf after = IetdConf.parse(wanted);
    List<String> dropped = new ArrayList<>();
    List<String> settings = new ArrayList<>();
    List<String> accounts = new ArrayList<>();
    List<String> globalsAfter = after.global().stream().map(IetFileDiff::key).toList();
    for (List<String> g : before.global()) {
      if (!globalsAfter.contains(key(g))) settings.add("global: " + g.get(0));
    }
    for (IetdConf.Stanza s : before.targets().values()) {
      IetdConf.Stanza n = after.targets().get(s.iqn());
      if (n == null) {
        dropped.add(s.iqn());
        continue;
      }
      Map<String, String> options = lower(n.options());
      for (String k : s.options().keySet()) {
        if (!options.containsKey(k.toLowerCase(Locale.ROOT))) settings.add(s.iqn() + ": " + k);
      }
      List<String> users = n.incoming().stream().map(IetdConf.Account::user).toList();
      for (IetdConf.Account a : s.incoming()) {
        if (!users.contains(a.user())) accounts.add(s.iqn() + ": IncomingUser " + a.user());
      }
      if (s.outgoing() != null && n.outgoing() == null) {
        accounts.add(s.iqn() + ": OutgoingUser " + s.outgoing().user());
      }
    }
    return new IetFileDiff(dropped, settings, accounts, Map.of());
  }

  /** True when nothing is taken away. */
  boolean removesNothing() {
    return droppedTargets.isEmpty() && removedSettings.isEmpty() && removedAccounts.isEmpty();
  }

  /**
   * Whether the new allow file still admits {@code initiator} to {@code target}: its line names it
   * (as {@code ALL}, the literal name, or an anchored regex that matches it); a target without a
   * line admits everyone.
   */
  boolean admits(String target, String initiator) {
    List<String> elems = allowAfter.get(target);
    if (elems == null) elems = allowAfter.get("ALL");
    if (elems == null) return true;
    for (String e : elems) {
      if (e.equals("ALL") || AllowFile.unescape(e).equals(initiator)) return true;
      try {
        if (initiator.matches(e)) return true;
      } catch (java.util.regex.PatternSyntaxException ignored) {
        // a POSIX regex Java cannot read: it does not match for this purpose
      }
    }
    return false;
  }

  private static String key(List<String> line) {
    return line.get(0).toLowerCase(Locale.ROOT);
  }

  private static Map<String, String> lower(Map<String, String> m) {
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
    return out;
  }
}
