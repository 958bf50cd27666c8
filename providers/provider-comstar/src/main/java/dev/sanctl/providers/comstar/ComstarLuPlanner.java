package dev.sanctl.providers.comstar;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.model.Pool;
import dev.sanctl.spi.model.ResourceState;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.spi.provider.ResourceAddress;
import dev.sanctl.spi.values.LuAlias;
import dev.sanctl.spi.values.Serial;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The LUs and views of a directly managed COMSTAR pool. A LU's GUID is its identity: a zvol already
 * served under another GUID, a GUID serving another zvol and a serial held by another live LU are
 * refused (plan errors naming the live LU); a serial change recreates the LU under the same GUID
 * (breaking; its declared and undeclared views are added again); a LUN change replaces the view
 * (breaking).
 */
final class ComstarLuPlanner {
  private final Pool.Comstar c;
  private final ComstarObservation seen;
  private final ComstarChanges planned;
  private final List<Finding> findings;

  ComstarLuPlanner(
      Pool.Comstar c, ComstarObservation seen, ComstarChanges planned, List<Finding> findings) {
    this.c = c;
    this.seen = seen;
    this.planned = planned;
    this.findings = findings;
  }

  /** The raw device of {@code zvol} that a LU serves. */
  static String dataFile(String zvol) {
    return "/dev/zvol/rdsk/" + zvol;
  }

  /** Plans LU {@code lu}: created, recreated under its GUID for a new serial, or deleted. */
  void lu(Pool.ComstarLu lu) {
    String guid = lu.guid().toUpperCase(Locale.ROOT);
    ComstarObservation.Lu byGuid = seen.lus().get(guid);
    ComstarObservation.Lu byFile =
        seen.lus().values().stream()
            .filter(l -> dataFile(lu.zvol()).equals(l.dataFile()))
            .findFirst()
            .orElse(null);
    if (lu.state() == ResourceState.ABSENT) {
      if (byGuid != null) {
        planned.add(
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
          Finding.error(
              planned.address("lu", lu.zvol()),
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
          Finding.error(
              planned.address("lu", lu.zvol()),
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
          Finding.error(
              planned.address("lu", lu.zvol()),
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
      planned.add(
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
      planned.add(
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

  /** Plans view {@code v} of a declared LU, unless the LU is recreated (which adds it again). */
  void view(Pool.ComstarView v) {
    Pool.ComstarLu lu =
        c.logicalUnits().stream().filter(l -> l.zvol().equals(v.lu())).findFirst().orElse(null);
    if (lu == null || lu.state() == ResourceState.ABSENT) return;
    String guid = lu.guid().toUpperCase(Locale.ROOT);
    if (planned.replacesLu(lu.zvol())) return;
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
    List<ResourceAddress> deps =
        planned.deps(
            "lu/" + v.lu(), "host-group/" + v.hostGroup(), "target-group/" + v.targetGroup());
    if (same == null) {
      planned.add(
          "view",
          name,
          Action.CREATE,
          Impact.NONE,
          "view does not exist",
          List.of(FieldChange.of("lun", null, v.lun())),
          List.of(addView(v, guid)),
          deps);
    } else if (same.lun() != v.lun()) {
      planned.add(
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
