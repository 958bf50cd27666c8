package dev.sanctl.providers.comstar;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.model.Pool;
import dev.sanctl.spi.provider.Importer;
import dev.sanctl.spi.provider.ObserveContext;
import dev.sanctl.spi.provider.ObserveException;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.PlanResult;
import dev.sanctl.spi.provider.Provider;
import dev.sanctl.spi.provider.ResourceAddress;
import dev.sanctl.spi.zfs.ZfsCommands;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * COMSTAR on illumos: pools with {@code stmfHa} get their {@code stmf-ha.conf} written and {@code
 * stmf-ha start <pool>} run whenever live COMSTAR differs from what stmf-ha makes of the file.
 * Observed with {@code zpool list}, {@code stmfadm list-lu -v}, {@code list-hg -v}, {@code list-tg
 * -v}, {@code itadm list-target -v}, {@code itadm list-tpg -v}, one {@code stmfadm list-view -l}
 * per LU (COMSTAR has no listing of all views) and {@code cat} of the file of each imported pool
 * that is declared with {@code stmfHa} or not declared at all (for {@code sanctl import}). Runs
 * after the zfs provider (the zvols must exist first).
 */
public final class ComstarProvider implements Provider, Importer {
  static final String ID = "comstar";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> executables() {
    return Set.of("zpool", "stmfadm", "itadm", "sbdadm", "stmf-ha", "cat", "sh");
  }

  @Override
  public Set<String> dependsOn() {
    return Set.of(ResourceAddress.zfsProvider());
  }

  @Override
  public ComstarObservation observe(ObserveContext context) throws IOException {
    var host = context.host();
    Set<String> imported = new TreeSet<>();
    for (String line : ok(host.run(ZfsCommands.poolList("name")), "zpool list").split("\n")) {
      if (!line.isEmpty()) imported.add(line);
    }
    Map<String, String> confs = new LinkedHashMap<>();
    for (String name : imported) {
      Pool p = context.desired().pools().get(name);
      // an undeclared pool's file is read for sanctl import (ComstarImport)
      if (p != null && p.stmfHa() == null) continue;
      CommandResult c = host.run(Command.read("cat", StmfHaConf.path(name)));
      if (c.exitStatus() == 0) confs.put(name, c.out());
      else if (!c.err().contains("No such file")) {
        throw new ObserveException("cat " + StmfHaConf.path(name) + ": " + c.err().strip());
      }
    }
    var lus =
        ComstarParsers.listLu(
            ok(host.run(Command.read("stmfadm", "list-lu", "-v")), "stmfadm list-lu"));
    Map<String, ComstarObservation.Lu> withViews = new LinkedHashMap<>();
    for (var e : lus.entrySet()) {
      CommandResult v = host.run(Command.read("stmfadm", "list-view", "-l", e.getKey()));
      List<ComstarObservation.View> views =
          v.exitStatus() == 0 ? ComstarParsers.listView(v.out()) : List.of();
      if (v.exitStatus() != 0 && !v.err().contains("no views found")) {
        throw new ObserveException("stmfadm list-view: " + v.err().strip());
      }
      Map<String, String> props = e.getValue();
      String serial = props.get("Serial Num");
      withViews.put(
          e.getKey(),
          new ComstarObservation.Lu(
              e.getKey(),
              props.get("Data File"),
              "not set".equals(serial) ? null : serial,
              props.get("Alias"),
              views));
    }
    var hgs =
        ComstarParsers.listGroups(
            ok(host.run(Command.read("stmfadm", "list-hg", "-v")), "stmfadm list-hg"),
            "Host Group");
    var tgs =
        ComstarParsers.listGroups(
            ok(host.run(Command.read("stmfadm", "list-tg", "-v")), "stmfadm list-tg"),
            "Target Group");
    var targets =
        ComstarParsers.itadmTargets(
            ok(host.run(Command.read("itadm", "list-target", "-v")), "itadm list-target"));
    var tpgs =
        ComstarParsers.itadmTpgs(
            ok(host.run(Command.read("itadm", "list-tpg", "-v")), "itadm list-tpg"));
    return new ComstarObservation(imported, confs, withViews, hgs, tgs, targets, tpgs);
  }

  private static String ok(CommandResult r, String what) throws ObserveException {
    if (r.exitStatus() != 0) throw new ObserveException(what + " failed: " + r.err().strip());
    return r.out();
  }

  @Override
  public PlanResult plan(PlanContext context) {
    List<dev.sanctl.spi.provider.Change> changes = new ArrayList<>();
    List<dev.sanctl.spi.provider.Finding> findings = new ArrayList<>();
    for (Pool pool : context.desired().pools().values()) {
      if (pool.stmfHa() != null) new StmfHaPlanner(context, pool, changes, findings).plan();
      if (pool.comstar() != null) new DirectComstarPlanner(context, pool, changes, findings).plan();
    }
    return new PlanResult(changes, findings);
  }

  @Override
  public Map<String, Object> importState(PlanContext context) {
    return ComstarImport.sections(context);
  }
}
