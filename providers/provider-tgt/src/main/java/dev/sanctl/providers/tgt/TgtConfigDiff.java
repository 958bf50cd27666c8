package dev.sanctl.providers.tgt;

import dev.sanctl.spi.provider.FieldChange;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What a rewrite of the persisted file changes, per target block: {@code target[IQN]} added,
 * dropped or rewritten (never its content: it holds CHAP secrets), and {@code header} when the
 * lines outside blocks differ. Empty when tgt-admin would restore the same from both.
 */
final class TgtConfigDiff {
  private TgtConfigDiff() {}

  static List<FieldChange> fields(TgtConfigStanzas before, TgtConfigStanzas after) {
    List<FieldChange> out = new ArrayList<>();
    if (!before.header().equals(after.header())) {
      out.add(
          new FieldChange(
              "header", before.header().isEmpty() ? null : "(previous)", "(sanctl's)", false));
    }
    TreeSet<String> iqns = new TreeSet<>(before.stanzas().keySet());
    iqns.addAll(after.stanzas().keySet());
    for (String iqn : iqns) {
      String was = before.stanzas().get(iqn);
      String now = after.stanzas().get(iqn);
      if (was != null && was.equals(now)) continue;
      out.add(
          new FieldChange(
              "target[" + iqn + "]",
              was == null ? null : "(persisted)",
              now == null ? null : was == null ? "(persisted)" : "(rewritten as applied)",
              false));
    }
    return out;
  }

  /** IQNs whose block the rewrite drops: not restored at the next tgtd restart. */
  static List<String> dropped(TgtConfigStanzas before, TgtConfigStanzas after) {
    return before.stanzas().keySet().stream()
        .filter(iqn -> !after.stanzas().containsKey(iqn))
        .sorted()
        .toList();
  }
}
