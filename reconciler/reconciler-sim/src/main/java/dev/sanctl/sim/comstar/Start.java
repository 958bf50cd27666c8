package dev.sanctl.sim.comstar;

import static dev.sanctl.sim.comstar.StmfHaTool.guid;
import static dev.sanctl.sim.comstar.StmfHaTool.iqn;
import static dev.sanctl.sim.comstar.StmfHaTool.list;
import static dev.sanctl.sim.comstar.StmfHaTool.scalar;

import dev.sanctl.sim.SimNode;
import dev.sanctl.spi.host.CommandResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code stmf-ha start <pool>}: config_stmf_ha_pool of the script, step by step. */
final class Start {
  private final SimNode node;
  private final String pool;
  private final Map<String, List<String>> vars;
  private final StmfHaTool.Session s;
  private final Set<String> alteredTpgs = new HashSet<>();

  Start(SimNode node, String pool, Map<String, List<String>> vars) {
    this.node = node;
    this.pool = pool;
    this.vars = vars;
    this.s = new StmfHaTool.Session(node);
  }

  CommandResult run() throws IOException {
    List<String> lus = StmfHaTool.luNames(node, pool, vars);
    for (String lu : lus) {
      if (s.stmfadm("list-lu", guid(lu)).exitStatus() != 0
          && s.stmfadm("import-lu", "/dev/zvol/rdsk/" + lu).exitStatus() != 0) {
        s.stmfadm("create-lu", "-p", "guid=" + guid(lu), "/dev/zvol/rdsk/" + lu);
      }
    }
    for (String tpg : list(vars, "target_portal_groups")) tpg(tpg);
    List<String> targets = list(vars, "targets");
    for (String t : targets.isEmpty() ? List.of(pool) : targets) target(t);
    for (String hg : list(vars, "host_groups")) group(hg, "hg", members(hg));
    for (String tg : list(vars, "target_groups")) {
      List<String> ids = new ArrayList<>();
      for (String m : members(tg)) ids.add(iqn(m));
      group(tg, "tg", ids);
    }
    List<String> views = list(vars, "views");
    if (views.isEmpty()) {
      for (String lu : lus) view(lu, null, null);
    } else {
      String hg = null;
      String tg = null;
      for (String v : views) {
        String prefix = scalar(vars, v + "_lu_prefix");
        if (!scalar(vars, v + "_hg").isEmpty()) hg = scalar(vars, v + "_hg");
        if (!scalar(vars, v + "_tg").isEmpty()) tg = scalar(vars, v + "_tg");
        List<String> listed = list(vars, "logical_units");
        for (String lu : StmfHaTool.volumes(node, prefix.isEmpty() ? pool : prefix)) {
          if (listed.isEmpty() || listed.contains(lu)) view(lu, hg, tg);
        }
      }
    }
    return s.result();
  }

  private List<String> members(String group) {
    return list(vars, group + "_members");
  }

  private void tpg(String name) throws IOException {
    List<String> portals = list(vars, name + "_portals");
    if (portals.isEmpty()) portals = List.of("0.0.0.0");
    CommandResult existing = s.itadm("list-tpg", "-v", name);
    List<String> create = new ArrayList<>(List.of("create-tpg", name));
    create.addAll(portals);
    if (existing.exitStatus() != 0) {
      s.itadm(create.toArray(String[]::new));
      return;
    }
    String live = "";
    for (String line : existing.out().split("\n")) {
      if (line.contains("portals:")) live = line.substring(line.indexOf('\t') + 1);
    }
    boolean changed = false;
    for (String p : portals) if (!live.contains(p)) changed = true;
    String first = live.split(",")[0];
    if (!changed && !portals.toString().contains(first.split(":")[0])) changed = true;
    if (changed) {
      s.itadm("delete-tpg", "-f", name);
      s.itadm(create.toArray(String[]::new));
      alteredTpgs.add(name);
    }
  }

  private String tpgFor(String target) {
    String own = scalar(vars, target + "_tpg");
    if (!own.isEmpty()) return own;
    String def = scalar(vars, "default_tpg");
    if (def.isEmpty()) def = "default";
    List<String> tpgs = list(vars, "target_portal_groups");
    return !tpgs.isEmpty() && def.equals("default") ? tpgs.get(0) : def;
  }

  private void target(String name) throws IOException {
    String type = scalar(vars, name + "_type");
    if (type.isEmpty()) type = scalar(vars, "default_target_type");
    if (!type.isEmpty() && !type.equals("iscsi")) {
      s.print("");
      return;
    }
    String tpg = tpgFor(name);
    if (s.stmfadm("list-target", iqn(name)).exitStatus() != 0) {
      s.itadm("create-target", "-t", tpg, "-n", iqn(name));
      return;
    }
    String current = "default";
    for (String line : s.itadm("list-target", "-v", iqn(name)).out().split("\n")) {
      if (line.contains("tpg-tags:"))
        current = line.substring(line.indexOf('\t', 1) + 1).split(" ")[0];
    }
    if (!current.equals(tpg) || alteredTpgs.contains(tpg)) {
      s.itadm("modify-target", "-t", tpg, iqn(name));
    }
  }

  private void group(String name, String kind, List<String> wanted) throws IOException {
    if (s.stmfadm("list-" + kind, name).exitStatus() != 0
        && s.stmfadm("create-" + kind, name).exitStatus() != 0) {
      return;
    }
    List<String> existing = new ArrayList<>();
    for (String line : s.stmfadm("list-" + kind, "-v", name).out().split("\n")) {
      if (line.contains("Member:")) existing.add(line.substring(line.indexOf(':') + 2));
    }
    boolean tg = kind.equals("tg");
    for (String m : wanted) {
      if (!String.join(" ", existing).contains(m)) membership(tg, "add-", name, m);
    }
    for (String m : existing) {
      if (!String.join(" ", wanted).contains(m)) membership(tg, "remove-", name, m);
    }
  }

  private void membership(boolean tg, String op, String group, String member) throws IOException {
    boolean online =
        tg && s.stmfadm("list-target", "-v", member).out().contains("Operational Status: Online");
    if (online) s.stmfadm("offline-target", member);
    s.stmfadm(op + (tg ? "tg" : "hg") + "-member", "-g", group, member);
    if (online) s.stmfadm("online-target", member);
  }

  private void view(String lu, String hg, String tg) throws IOException {
    String g = guid(lu);
    String[] parts = lu.split(":", -1);
    String lun = parts.length >= 2 ? parts[parts.length - 1] : null;
    if (s.stmfadm("list-view", "-l", g, "0").exitStatus() == 0) {
      s.stmfadm("remove-view", "-l", g, "0");
    }
    List<String> argv = new ArrayList<>(List.of("add-view"));
    if (hg != null) argv.addAll(List.of("-h", hg));
    if (tg != null) argv.addAll(List.of("-t", tg));
    List<String> withLun = new ArrayList<>(argv);
    if (lun != null) withLun.addAll(List.of("-n", lun));
    withLun.add(g);
    CommandResult r = s.stmfadm(withLun.toArray(String[]::new));
    if (r.exitStatus() != 0 && r.err().contains("LUN already in use")) {
      argv.add(g);
      s.stmfadm(argv.toArray(String[]::new));
    }
  }
}
