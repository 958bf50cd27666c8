package dev.sanctl.providers.comstar;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.model.Pool;
import dev.sanctl.spi.model.ResourceState;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.values.IscsiName;
import dev.sanctl.spi.values.PortalAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Direct COMSTAR management of a {@code comstar} pool on the node importing it: TPGs and iSCSI
 * targets with {@code itadm}, host and target groups here; LUs with their fixed GUID and serial and
 * views with LUN numbers in {@link ComstarLuPlanner}. Nothing undeclared is removed; removing a
 * member from a declared host or target group takes access away and needs approval (COMSTAR
 * sessions are not observed).
 */
final class DirectComstarPlanner {
  private final PlanContext context;
  private final Pool pool;
  private final Pool.Comstar c;
  private final List<Change> changes;
  private final List<Finding> findings;
  private ComstarChanges planned;
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
    String node = importers.get(0);
    planned = new ComstarChanges(node, changes);
    seen = (ComstarObservation) context.nodes().get(node).observation();
    c.tpgs().forEach(this::tpg);
    c.targets().values().forEach(this::target);
    c.hostGroups()
        .forEach((n, m) -> group("host-group", "hg", n, lower(m), seen.hostGroups().get(n)));
    c.targetGroups()
        .forEach(
            (n, m) -> group("target-group", "tg", n, targetIds(m), seen.targetGroups().get(n)));
    ComstarLuPlanner lus = new ComstarLuPlanner(c, seen, planned, findings);
    c.logicalUnits().forEach(lus::lu);
    c.views().forEach(lus::view);
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
      planned.add(
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
      planned.add(
          "tpg",
          name,
          Action.REPLACE,
          Impact.DISRUPTIVE,
          "portals differ",
          List.of(FieldChange.of("portals", String.join(",", have), String.join(",", want))),
          cmds,
          List.of());
      planned.gateLast(
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
        planned.add(
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
      planned.add(
          "target",
          t.name(),
          Action.CREATE,
          Impact.NONE,
          "target does not exist",
          List.of(
              FieldChange.of("iqn", null, iqn),
              FieldChange.of("tpgs", null, String.join(",", t.tpgs()))),
          List.of(Command.change(argv.toArray(String[]::new))),
          planned.deps(tpgDeps));
    } else if (!new TreeSet<>(have).equals(new TreeSet<>(t.tpgs()))) {
      planned.add(
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
          planned.deps(tpgDeps));
      List<String> leaving = have.stream().filter(x -> !t.tpgs().contains(x)).toList();
      if (!leaving.isEmpty()) {
        planned.gateLast("target " + iqn + " leaves TPG " + String.join(",", leaving));
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
    planned.add(
        kind,
        name,
        have == null ? Action.CREATE : Action.UPDATE,
        targets ? Impact.DISRUPTIVE : Impact.NONE,
        have == null ? kind + " does not exist" : "members differ",
        List.of(
            FieldChange.of(
                "members", have == null ? null : String.join(",", have), String.join(",", want))),
        cmds,
        planned.deps(targetDeps.toArray(String[]::new)));
    if (!leaving.isEmpty()) planned.gateLast(String.join("; ", leaving));
  }
}
