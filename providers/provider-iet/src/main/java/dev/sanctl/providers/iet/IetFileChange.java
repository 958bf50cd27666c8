package dev.sanctl.providers.iet;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.model.TargetState;
import dev.sanctl.spi.provider.AccessChanges;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.spi.provider.ResourceAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The change rewriting one IET config file on a node ({@code /etc/iet/<file>} or a meta volume
 * copy) when its rendered content differs for ietd: the lines removed and added (CHAP secrets
 * masked), the secrets the file holds, and what the rewrite takes away (see {@link #classify}).
 */
final class IetFileChange {
  private final IetNode node;

  IetFileChange(IetNode node) {
    this.node = node;
  }

  /**
   * Plans rewriting {@code dir/name} when it differs for ietd (not merely in order, see {@link
   * IetFileOrder}); returns the address of the file or null.
   */
  ResourceAddress plan(String dir, String name, String observed, String wanted) {
    if (IetFileOrder.equivalent(name, observed, wanted)) return null;
    String path = dir + "/" + name;
    List<String> inFile = new ArrayList<>();
    node.targets()
        .secrets()
        .forEach(
            s -> {
              if (wanted.contains(s)) inFile.add(s);
            });
    List<FieldChange> fields = new ArrayList<>();
    List<String> oldLines = observed.lines().toList();
    List<String> newLines = wanted.lines().toList();
    List<String> removed = LineDiff.minus(oldLines, newLines);
    List<String> added = LineDiff.minus(newLines, oldLines);
    for (String l : removed) fields.add(line(l, null));
    for (String l : added) fields.add(line(null, l));
    if (fields.isEmpty()) {
      fields.add(
          FieldChange.of(
              "layout",
              observed.endsWith("\n") ? "lines in another order" : "no newline after the last line",
              "as rendered"));
    }
    Change c =
        node.change(
            "file",
            path, // the absolute path, leading slash kept: node1/iet.file//etc/iet/ietd.conf
            observed.isEmpty() ? Action.CREATE : Action.UPDATE,
            Impact.NONE,
            observed.isEmpty()
                ? "missing or empty"
                : removed.size() + " line(s) removed, " + added.size() + " added",
            fields,
            IetCommands.writeFile(dir, name, wanted, inFile),
            List.of(),
            List.of());
    node.add(classify(dir, name, IetFileDiff.of(name, observed, wanted), c));
    return c.resource();
  }

  /**
   * A file change classified by what it takes away: an export dropped (it disappears at the next
   * restart, or failover for a meta volume copy) unless the desired state says {@code state:
   * offline} or {@code absent} of a target that no longer runs here, a CHAP account or settings
   * removed, an allow line lost, or live initiators no longer admitted — each disruptive, naming
   * the initiators with sessions here, and needing approval.
   */
  private Change classify(String dir, String name, IetFileDiff diff, Change c) {
    String when = dir.equals("/etc/iet") ? "at the next ietd restart" : "at the next failover";
    for (String t : diff.droppedTargets()) {
      DesiredTarget d = node.targets().get(t);
      if (d != null && d.target().state() != TargetState.ONLINE && !servedHere(t)) continue;
      c = AccessChanges.gate(c, node.sessionsOf(t), "drops " + t + " " + when);
    }
    if (!diff.removedAccounts().isEmpty()) {
      List<String> who = new ArrayList<>();
      diff.removedAccounts()
          .forEach(a -> who.addAll(node.sessionsOf(a.substring(0, a.indexOf(':')))));
      c =
          AccessChanges.gate(
              c, who, "removes CHAP account(s) " + String.join(", ", diff.removedAccounts()));
    }
    if (!diff.removedSettings().isEmpty()) {
      c =
          AccessChanges.gate(
              c, List.of(), "removes settings " + String.join(", ", diff.removedSettings()));
    }
    if (name.equals(IetConfigRenderer.INITIATORS_ALLOW)) {
      for (IetRuntime.Target rt : node.observation().runtime().targets().values()) {
        c = AccessChanges.revoking(c, rt.initiators(), i -> diff.admits(rt.name(), i));
      }
    }
    return c;
  }

  /**
   * True when {@code iqn} runs on this node now: dropping its stanza or allow line, even as the
   * desired state declares ({@code state: offline} or {@code absent}), takes a served export away
   * at the next restart and needs approval, like its runtime delete.
   */
  private boolean servedHere(String iqn) {
    return node.running(iqn) != null;
  }

  private static FieldChange line(String before, String after) {
    String l = before != null ? before : after;
    String first = IetText.firstWord(l).toLowerCase(Locale.ROOT);
    boolean secret = first.equals("incominguser") || first.equals("outgoinguser");
    if (!secret) return new FieldChange("line", before, after, false);
    String masked = l.replaceAll("^(\\s*\\S+\\s+\\S+\\s+).*$", "$1" + Command.REDACTED);
    return new FieldChange(
        "line", before == null ? null : masked, after == null ? null : masked, true);
  }
}
