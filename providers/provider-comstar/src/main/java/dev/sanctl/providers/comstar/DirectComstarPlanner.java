package dev.sanctl.providers.comstar;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.model.Pool;
import dev.sanctl.spi.model.ResourceState;
import dev.sanctl.spi.provider.AccessChanges;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.values.IscsiName;
import dev.sanctl.spi.values.LuAlias;
import dev.sanctl.spi.values.PortalAddress;
import dev.sanctl.spi.values.Serial;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Direct COMSTAR management of a {@code comstar} pool on the node importing it: TPGs and iSCSI
 * targets with {@code itadm}, host and target groups, LUs with their fixed GUID and serial ({@code
 * stmfadm create-lu -p guid= -p serial=}), views with LUN numbers. A LU's GUID is its identity: a
 * zvol already served under another GUID is refused (plan error), a serial change recreates the LU
 * under the same GUID (breaking; its declared and undeclared views are added again), a LUN change
 * replaces the view (breaking). A serial held by another live LU is refused naming it. Nothing
 * undeclared is removed; removing a member from a declared host or target group takes access away
 * and needs approval (COMSTAR sessions are not observed).
 */
final class DirectComstarPlanner {
  private final PlanContext context;
  private final Pool pool;
  private final Pool.Comstar c;
  private final List<Change> changes;
  private final List<Finding> findings;
  private final Map<String, String> created = new LinkedHashMap<>();
  private String node;
  private ComstarObservation seen;

  DirectComstarPlanner(
      PlanContext context, Pool pool, List<Change> changes, List<Finding> findings) {
    this.context = context;
    this.pool = pool;
    this.c = pool.comstar();
    this.changes = changes;
    this.findings = findings;
  }

  void plan() {
    List<String> importers = ComstarPlacement.of(context, pool).holders();
    if (importers.isEmpty()) return;
    node = importers.get(0);
    seen = (ComstarObservation) context.nodes().get(node).observation();
    c.tpgs().forEach(this::tpg);
    c.targets().values().forEach(this::target);
    c.hostGroups()
        .forEach((n, m) -> group("host-group", "hg", n, lower(m), seen.hostGroups().get(n)));
    c.targetGroups()
        .forEach(
            (n, m) -> group("target-group", "tg", n, targetIds(m), seen.targetGroups().get(n)));
    c.logicalUnits().forEach(this::lu);
    c.views().forEach(this::view);
  }

  private void add(
      String kind,
      String name,
      Action action,
      Impact impact,
      String reason,
      List<FieldChange> fields,
      List<Command> commands,
      List<String> deps) {
    String address = Change.address(node, ComstarProvider.ID, kind, name);
    changes.add(
        new Change(
            address,
            node,
            ComstarProvider.ID,
            kind,
            name,
            action,
            impact,
            reason,
            fields,
            commands,
            List.of(),
            deps));
    created.put(kind + "/" + name, address);
  }

  private List<String> deps(String... keys) {
    List<String> out = new ArrayList<>();
    for (String k : keys) if (created.containsKey(k)) out.add(created.get(k));
    return out;
  }

  private static String portal(String p) {
    return p.matches(".*:\\d+$") && !p.startsWith("[") ? p : p + ":3260";
  }

  private void tpg(String name, List<String> portals) {
    List<String> want = portals.stream().map(DirectComstarPlanner::portal).toList();
    List<String> have = seen.tpgs().get(name);
    List<String> create = new ArrayList<>(List.of("itadm", "create-tpg", name));
    portals.forEach(p -> create.add(PortalAddress.KIND.require(p, "TPG " + name)));
    if (have == null) {
      add(
          "tpg",
          name,
          Action.CREATE,
          Impact.NONE,
          "TPG does not exist",
          List.of(FieldChange.of("portals", null, String.join(",", want))),
          List.of(Command.change(create.toArray(String[]::new))),
          List.of());
    } else if (!new TreeSet<>(have).equals(new TreeSet<>(want))) {
      List<Command> cmds =
          new ArrayList<>(
              List.of(
                  Command.change("itadm", "delete-tpg", "-f", name),
                  Command.change(create.toArray(String[]::new))));
      seen.targets()
          .forEach(
              (iqn, tpgs) -> {
                if (tpgs.contains(name)) {
                  cmds.add(
                      Command.change("itadm", "modify-target", "-t", String.join(",", tpgs), iqn));
                }
              });
      add(
          "tpg",
          name,
          Action.REPLACE,
          Impact.DISRUPTIVE,
          "portals differ",
          List.of(FieldChange.of("portals", String.join(",", have), String.join(",", want))),
          cmds,
          List.of());
      gateLast(
          "TPG " + name + " is deleted and recreated: every session through " + have + " drops");
    }
  }

  private String iqn(Pool.ComstarTarget t) {
    if (t.iqn() != null) return t.iqn().toLowerCase(Locale.ROOT);
    String prefix = context.desired().cluster().iqnPrefix();
    return (prefix + "." + t.name()).toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private void target(Pool.ComstarTarget t) {
    String iqn = iqn(t);
    List<String> have = seen.targets().get(iqn);
    if (t.state() == ResourceState.ABSENT) {
      if (have != null) {
        add(
            "target",
            t.name(),
            Action.DELETE,
            Impact.DISRUPTIVE,
            "state: absent",
            List.of(FieldChange.of("iqn", iqn, null)),
            List.of(Command.change("itadm", "delete-target", "-f", iqn)),
            List.of());
      }
      return;
    }
    String[] tpgDeps = t.tpgs().stream().map(x -> "tpg/" + x).toArray(String[]::new);
    if (have == null) {
      List<String> argv =
          new ArrayList<>(List.of("itadm", "create-target", "-n", IscsiName.KIND.require(iqn)));
      if (!t.tpgs().isEmpty()) argv.addAll(List.of("-t", String.join(",", t.tpgs())));
      add(
          "target",
          t.name(),
          Action.CREATE,
          Impact.NONE,
          "target does not exist",
          List.of(
              FieldChange.of("iqn", null, iqn),
              FieldChange.of("tpgs", null, String.join(",", t.tpgs()))),
          List.of(Command.change(argv.toArray(String[]::new))),
          deps(tpgDeps));
    } else if (!new TreeSet<>(have).equals(new TreeSet<>(t.tpgs()))) {
      add(
          "target",
          t.name(),
          Action.UPDATE,
          Impact.DISRUPTIVE,
          "TPGs differ",
          List.of(FieldChange.of("tpgs", String.join(",", have), String.join(",", t.tpgs()))),
          List.of(
              Command.change(
                  "itadm",
                  "modify-target",
                  "-t",
                  t.tpgs().isEmpty() ? "default" : String.join(",", t.tpgs()),
                  iqn)),
          deps(tpgDeps));
      List<String> leaving = have.stream().filter(x -> !t.tpgs().contains(x)).toList();
      if (!leaving.isEmpty()) {
        gateLast("target " + iqn + " leaves TPG " + String.join(",", leaving));
      }
    }
  }

  private static List<String> lower(List<String> ids) {
    return ids.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
  }

  private List<String> targetIds(List<String> members) {
    List<String> out = new ArrayList<>();
    for (String m : members) {
      Pool.ComstarTarget t = c.targets().get(m);
      out.add(t != null ? iqn(t) : m.toLowerCase(Locale.ROOT));
    }
    return out;
  }

  private void group(String kind, String tool, String name, List<String> want, List<String> have) {
    List<Command> cmds = new ArrayList<>();
    List<String> current = have == null ? List.of() : have;
    if (have == null) cmds.add(Command.change("stmfadm", "create-" + tool, name));
    boolean targets = tool.equals("tg");
    for (String m : want) {
      if (current.contains(m)) continue;
      if (targets) cmds.add(Command.change("stmfadm", "offline-target", m));
      cmds.add(Command.change("stmfadm", "add-" + tool + "-member", "-g", name, m));
      if (targets) cmds.add(Command.change("stmfadm", "online-target", m));
    }
    List<String> leaving = new ArrayList<>();
    for (String m : current) {
      if (want.contains(m)) continue;
      leaving.add((targets ? "target " : "initiator ") + m + " leaves " + kind + " " + name);
      if (targets) cmds.add(Command.change("stmfadm", "offline-target", m));
      cmds.add(Command.change("stmfadm", "remove-" + tool + "-member", "-g", name, m));
      if (targets) cmds.add(Command.change("stmfadm", "online-target", m));
    }
    if (cmds.isEmpty()) return;
    List<String> targetDeps = new ArrayList<>();
    if (targets) for (String t : c.targets().keySet()) targetDeps.add("target/" + t);
    add(
        kind,
        name,
        have == null ? Action.CREATE : Action.UPDATE,
        targets ? Impact.DISRUPTIVE : Impact.NONE,
        have == null ? kind + " does not exist" : "members differ",
        List.of(
            FieldChange.of(
                "members", have == null ? null : String.join(",", have), String.join(",", want))),
        cmds,
        deps(targetDeps.toArray(String[]::new)));
    if (!leaving.isEmpty()) gateLast(String.join("; ", leaving));
  }

  /**
   * Gates the change just added: it takes access away (a group member, a view). COMSTAR sessions
   * are not observed, so it needs approval whether or not an initiator is logged in.
   */
  private void gateLast(String why) {
    int last = changes.size() - 1;
    changes.set(
        last,
        AccessChanges.gate(
            changes.get(last),
            List.of(),
            why
                + " (COMSTAR sessions are not observed: approval is needed whether or not an"
                + " initiator is logged in)"));
  }

  static String dataFile(String zvol) {
    return "/dev/zvol/rdsk/" + zvol;
  }

  private void lu(Pool.ComstarLu lu) {
    String guid = lu.guid().toUpperCase(Locale.ROOT);
    ComstarObservation.Lu byGuid = seen.lus().get(guid);
    ComstarObservation.Lu byFile =
        seen.lus().values().stream()
            .filter(l -> dataFile(lu.zvol()).equals(l.dataFile()))
            .findFirst()
            .orElse(null);
    if (lu.state() == ResourceState.ABSENT) {
      if (byGuid != null) {
        add(
            "lu",
            lu.zvol(),
            Action.DELETE,
            Impact.DISRUPTIVE,
            "state: absent",
            List.of(FieldChange.of("guid", guid, null)),
            List.of(Command.change("stmfadm", "delete-lu", guid)),
            List.of());
      }
      return;
    }
    if (byGuid == null && byFile != null) {
      findings.add(
          new Finding(
              Finding.Kind.ERROR,
              node,
              Change.address(node, ComstarProvider.ID, "lu", lu.zvol()),
              "zvol "
                  + lu.zvol()
                  + " is served as LU "
                  + byFile.guid()
                  + ", not "
                  + guid
                  + "; changing a LU's GUID is a breaking identity change and is refused",
              "keep guid: "
                  + byFile.guid()
                  + " (initiators identify the disk by it), or delete the LU "
                  + "by hand first",
              lu.source()));
      return;
    }
    if (byGuid != null && !dataFile(lu.zvol()).equals(byGuid.dataFile())) {
      findings.add(
          new Finding(
              Finding.Kind.ERROR,
              node,
              Change.address(node, ComstarProvider.ID, "lu", lu.zvol()),
              "GUID " + guid + " already serves " + byGuid.dataFile() + ", not zvol " + lu.zvol(),
              "every LU needs its own GUID",
              lu.source()));
      return;
    }
    ComstarObservation.Lu serialHolder =
        lu.serial() == null
            ? null
            : seen.lus().values().stream()
                .filter(l -> lu.serial().equals(l.serial()) && !l.guid().equals(guid))
                .findFirst()
                .orElse(null);
    if (serialHolder != null) {
      findings.add(
          new Finding(
              Finding.Kind.ERROR,
              node,
              Change.address(node, ComstarProvider.ID, "lu", lu.zvol()),
              "serial "
                  + lu.serial()
                  + " is already held by live LU "
                  + serialHolder.guid()
                  + " ("
                  + serialHolder.dataFile()
                  + "); two LUs with one serial look like one disk to initiators",
              "if zvol "
                  + lu.zvol()
                  + " replaces that LU (a renamed zvol), declare it with guid: "
                  + serialHolder.guid()
                  + " and the old zvol's LU state: absent in one change, or give it a serial"
                  + " of its own",
              lu.source()));
      return;
    }
    List<String> argv = new ArrayList<>(List.of("stmfadm", "create-lu", "-p", "guid=" + guid));
    String where = "LU " + lu.zvol();
    if (lu.serial() != null) {
      argv.addAll(List.of("-p", "serial=" + Serial.KIND.require(lu.serial(), where)));
    }
    if (lu.alias() != null) {
      argv.addAll(List.of("-p", "alias=" + LuAlias.KIND.require(lu.alias(), where)));
    }
    argv.add(dataFile(lu.zvol()));
    Command create = Command.change(argv.toArray(String[]::new));
    if (byGuid == null) {
      add(
          "lu",
          lu.zvol(),
          Action.CREATE,
          Impact.NONE,
          "LU does not exist",
          List.of(FieldChange.of("guid", null, guid), FieldChange.of("serial", null, lu.serial())),
          List.of(create),
          List.of());
    } else if (!Objects.equals(byGuid.serial(), lu.serial())) {
      List<Command> cmds =
          new ArrayList<>(List.of(Command.change("stmfadm", "delete-lu", guid), create));
      for (Pool.ComstarView v : c.views()) {
        if (v.lu().equals(lu.zvol())) cmds.add(addView(v, guid));
      }
      for (ComstarObservation.View live : byGuid.views()) {
        boolean declared =
            c.views().stream()
                .anyMatch(
                    v ->
                        v.lu().equals(lu.zvol())
                            && Objects.equals(v.hostGroup(), live.hostGroup())
                            && Objects.equals(v.targetGroup(), live.targetGroup()));
        if (!declared) {
          cmds.add(
              addView(
                  new Pool.ComstarView(
                      lu.zvol(), live.hostGroup(), live.targetGroup(), live.lun(), null),
                  guid));
        }
      }
      add(
          "lu",
          lu.zvol(),
          Action.REPLACE,
          Impact.BREAKING,
          "serial "
              + byGuid.serial()
              + " -> "
              + lu.serial()
              + " (the LU is recreated with the same GUID)",
          List.of(FieldChange.of("serial", byGuid.serial(), lu.serial())),
          cmds,
          List.of());
    }
  }

  private static Command addView(Pool.ComstarView v, String guid) {
    List<String> argv = new ArrayList<>(List.of("stmfadm", "add-view"));
    if (v.hostGroup() != null) argv.addAll(List.of("-h", v.hostGroup()));
    if (v.targetGroup() != null) argv.addAll(List.of("-t", v.targetGroup()));
    argv.addAll(List.of("-n", Integer.toString(v.lun()), guid));
    return Command.change(argv.toArray(String[]::new));
  }

  private void view(Pool.ComstarView v) {
    Pool.ComstarLu lu =
        c.logicalUnits().stream().filter(l -> l.zvol().equals(v.lu())).findFirst().orElse(null);
    if (lu == null || lu.state() == ResourceState.ABSENT) return;
    String guid = lu.guid().toUpperCase(Locale.ROOT);
    if (changes.stream()
        .anyMatch(
            ch ->
                ch.kind().equals("lu")
                    && ch.name().equals(lu.zvol())
                    && ch.action() == Action.REPLACE)) {
      return;
    }
    ComstarObservation.Lu live = seen.lus().get(guid);
    List<ComstarObservation.View> views = live == null ? List.of() : live.views();
    String name =
        v.lu()
            + "/"
            + (v.hostGroup() == null ? "All" : v.hostGroup())
            + "/"
            + (v.targetGroup() == null ? "All" : v.targetGroup());
    ComstarObservation.View same =
        views.stream()
            .filter(
                x ->
                    Objects.equals(x.hostGroup(), v.hostGroup())
                        && Objects.equals(x.targetGroup(), v.targetGroup()))
            .findFirst()
            .orElse(null);
    List<String> deps =
        deps("lu/" + v.lu(), "host-group/" + v.hostGroup(), "target-group/" + v.targetGroup());
    if (same == null) {
      add(
          "view",
          name,
          Action.CREATE,
          Impact.NONE,
          "view does not exist",
          List.of(FieldChange.of("lun", null, v.lun())),
          List.of(addView(v, guid)),
          deps);
    } else if (same.lun() != v.lun()) {
      add(
          "view",
          name,
          Action.REPLACE,
          Impact.BREAKING,
          "LUN " + same.lun() + " -> " + v.lun(),
          List.of(FieldChange.of("lun", same.lun(), v.lun())),
          List.of(
              Command.change("stmfadm", "remove-view", "-l", guid, Integer.toString(same.entry())),
              addView(v, guid)),
          deps);
    }
  }
}
