package dev.sanctl.providers.tgt;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.FileWrite;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.TargetState;
import dev.sanctl.spi.provider.AccessChanges;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.spi.provider.ResourceAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The persisted file {@value #CONFIG_FILE}: declared targets as desired ({@code state: absent} ones
 * left out), and the blocks of targets the desired state does not mention kept verbatim, so nothing
 * is unexported at the next restart by omission. Planned only when tgt-admin would restore
 * something different (block order aside), after every other change of the node; dropping a block
 * of a target is disruptive, names the initiators with sessions on it and needs approval.
 */
final class TgtPersistedConfig {
  static final String CONFIG_DIR = "/etc/tgt/conf.d";
  static final String CONFIG_FILE = CONFIG_DIR + "/sanctl.conf";

  private TgtPersistedConfig() {}

  /**
   * The change of the file on {@code node}, if it differs.
   *
   * @param earlier the node's other changes, applied first
   */
  static Optional<Change> plan(
      DesiredState desired,
      String node,
      TgtObservation seen,
      List<DesiredTgtTarget> wanted,
      List<Change> earlier) {
    TgtConfigStanzas before = TgtConfigStanzas.parse(seen.configFile());
    Set<String> declared = new HashSet<>();
    wanted.forEach(t -> declared.add(t.iqn()));
    Map<String, String> kept = new HashMap<>(before.stanzas());
    kept.keySet().removeAll(declared);
    for (TgtTarget live : seen.targets()) {
      if (kept.containsKey(live.iqn()) && !live.acl().contains(TgtAcl.ALL)) {
        kept.computeIfPresent(live.iqn(), (iqn, block) -> TgtConfigStanzas.closed(block));
      }
    }
    List<DesiredTgtTarget> persisted =
        wanted.stream().filter(t -> t.state() != TargetState.ABSENT).toList();
    String content = TgtConfigRenderer.render(desired.cluster().name(), persisted, kept);
    TgtConfigStanzas after = TgtConfigStanzas.parse(content);
    if (seen.configFile() != null && after.sameAs(before)) return Optional.empty();
    List<String> secrets = new ArrayList<>();
    for (DesiredTgtTarget t : persisted) {
      for (DesiredTgtTarget.Account a : t.incoming()) secrets.add(a.secret());
      if (t.outgoing() != null) secrets.add(t.outgoing().secret());
    }
    for (String iqn : kept.keySet()) secrets.addAll(before.secrets(iqn));
    // the file may hold CHAP secrets: always 0600 (tgt-admin reads it as root)
    List<Command> cmds =
        List.of(
            FileWrite.replace(
                CONFIG_FILE, FileWrite.SECRET, content.getBytes(StandardCharsets.UTF_8), secrets));
    List<FieldChange> fields = TgtConfigDiff.fields(before, after);
    Change c =
        new Change(
            ResourceAddress.of(node, TgtProvider.ID, "config", CONFIG_FILE),
            seen.configFile() == null ? Action.CREATE : Action.UPDATE,
            Impact.NONE,
            "persisted configuration differs (a tgtd restart would not restore the live state)",
            fields,
            cmds,
            List.of(),
            earlier.stream().map(Change::resource).toList());
    List<String> dropped = TgtConfigDiff.dropped(before, after);
    if (!dropped.isEmpty()) {
      List<String> feel = new ArrayList<>();
      for (TgtTarget t : seen.targets()) {
        if (dropped.contains(t.iqn())) feel.addAll(TgtNodePlanner.sessions(t));
      }
      c =
          AccessChanges.gate(
              c,
              feel.stream().distinct().sorted().toList(),
              "drops the export of " + String.join(", ", dropped) + " at the next tgtd restart");
    }
    return Optional.of(c);
  }
}
