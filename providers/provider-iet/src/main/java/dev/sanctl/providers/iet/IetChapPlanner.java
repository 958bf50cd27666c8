package dev.sanctl.providers.iet;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.model.Target;
import dev.sanctl.spi.provider.AccessChanges;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.ChapSecrets;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Impact;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans the CHAP accounts of a running target: {@code ietadm --op new/delete --user} where the
 * accounts recorded in its {@code ietd.conf} stanza differ from the desired ones. Secrets appear
 * only as {@code (set)}/{@code (changed)}; removing an account takes access away and needs
 * approval.
 */
final class IetChapPlanner {
  private final IetNode node;

  IetChapPlanner(IetNode node) {
    this.node = node;
  }

  void plan(DesiredTarget d, IetRuntime.Target rt) {
    IetdConf.Stanza stanza = node.conf().targets().get(d.iqn());
    Target.Chap chap = ChapSecrets.of(d.target());
    IetDesiredTargets targets = node.targets();
    List<Command> cmds = new ArrayList<>();
    List<FieldChange> fields = new ArrayList<>();
    Map<String, String> have = new LinkedHashMap<>();
    if (stanza != null) stanza.incoming().forEach(a -> have.put(a.user(), a.secret()));
    Map<String, String> want = new LinkedHashMap<>();
    chap.incoming().forEach(u -> want.put(u.user(), targets.secret(u.secretFile())));
    diff(rt.tid(), "IncomingUser", have, want, cmds, fields);
    Map<String, String> haveOut = new LinkedHashMap<>();
    if (stanza != null && stanza.outgoing() != null) {
      haveOut.put(stanza.outgoing().user(), stanza.outgoing().secret());
    }
    Map<String, String> wantOut = new LinkedHashMap<>();
    if (chap.outgoing() != null) {
      wantOut.put(chap.outgoing().user(), targets.secret(chap.outgoing().secretFile()));
    }
    diff(rt.tid(), "OutgoingUser", haveOut, wantOut, cmds, fields);
    if (cmds.isEmpty()) return;
    Change c =
        node.change(
            "chap",
            d.iqn(),
            Action.UPDATE,
            Impact.NONE,
            "CHAP accounts differ",
            fields,
            cmds,
            List.of(),
            node.confDeps());
    List<String> removed =
        fields.stream().filter(f -> f.after() == null).map(FieldChange::path).toList();
    if (!removed.isEmpty()) {
      c = AccessChanges.gate(c, rt.initiators(), "removes " + String.join(", ", removed));
    }
    node.add(c);
  }

  private static void diff(
      int tid,
      String kind,
      Map<String, String> have,
      Map<String, String> want,
      List<Command> cmds,
      List<FieldChange> fields) {
    for (String user : have.keySet()) {
      if (want.containsKey(user)) continue;
      cmds.add(IetCommands.deleteUser(tid, kind, user));
      fields.add(new FieldChange(kind + " " + user, "(set)", null, true));
    }
    for (Map.Entry<String, String> e : want.entrySet()) {
      String old = have.get(e.getKey());
      if (e.getValue().equals(old)) continue;
      if (old != null) cmds.add(IetCommands.deleteUser(tid, kind, e.getKey()));
      cmds.add(IetCommands.newUser(tid, kind, e.getKey(), e.getValue()));
      fields.add(
          new FieldChange(
              kind + " " + e.getKey(), old == null ? null : "(set)", "(changed)", true));
    }
  }
}
