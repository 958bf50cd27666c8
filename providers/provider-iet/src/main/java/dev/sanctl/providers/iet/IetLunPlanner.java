package dev.sanctl.providers.iet;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.spi.provider.ResourceAddress;
import dev.sanctl.spi.provider.VolumeFacts;
import dev.sanctl.spi.values.Sizes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Plans the LUNs of a running target: a missing LUN is added, one whose path, serial, io type or
 * size differs is re-added (sessions dropped first: IET changes a LUN only by deleting it), and a
 * running LUN not in the desired state is deleted.
 */
final class IetLunPlanner {
  private final IetNode node;

  IetLunPlanner(IetNode node) {
    this.node = node;
  }

  void plan(DesiredTarget d, IetRuntime.Target rt) {
    IetdConf.Stanza stanza = node.conf().targets().get(d.iqn());
    for (DesiredTarget.LunSpec l : d.luns()) {
      IetRuntime.Lun rl = rt.lun(l.lun());
      String name = d.iqn() + "/" + l.lun();
      if (rl == null) {
        node.add(
            node.change(
                "lun",
                name,
                Action.CREATE,
                Impact.NONE,
                "LUN " + l.lun() + " not running",
                List.of(FieldChange.of("params", null, l.params())),
                List.of(IetCommands.newLun(rt.tid(), l)),
                List.of(),
                node.volumeChange(l)));
        continue;
      }
      List<String> reasons = new ArrayList<>();
      List<FieldChange> fields = new ArrayList<>();
      Impact impact = Impact.NONE;
      List<ResourceAddress> deps = new ArrayList<>();
      if (!l.path().equals(rl.path())) {
        reasons.add("path " + rl.path() + " -> " + l.path());
        fields.add(FieldChange.of("path", rl.path(), l.path()));
        impact = Impact.BREAKING;
      }
      String serial = stanza == null ? null : stanza.lunParam(l.lun(), "ScsiSN");
      if (stanza != null
          && stanza.luns().containsKey(l.lun())
          && !Objects.equals(serial, l.serial())) {
        reasons.add("serial " + serial + " -> " + l.serial());
        fields.add(FieldChange.of("serial", serial, l.serial()));
        impact = Impact.BREAKING;
        deps.addAll(node.confDeps());
      }
      if (!l.type().equals(rl.ioType())) {
        reasons.add("type " + rl.ioType() + " -> " + l.type());
        fields.add(FieldChange.of("type", rl.ioType(), l.type()));
        impact = Impact.worst(impact, Impact.DISRUPTIVE);
      }
      VolumeFacts.Volume vol = node.volume(l);
      Long want = node.desiredSize(l);
      if (vol != null && want != null && want > vol.sizeBytes()) {
        reasons.add(
            "size "
                + Sizes.human(vol.sizeBytes())
                + " -> "
                + Sizes.human(want)
                + " (IET serves the new size only after the LUN is re-added)");
        fields.add(FieldChange.of("size", vol.sizeBytes(), want));
        impact = Impact.worst(impact, Impact.DISRUPTIVE);
        deps.addAll(node.volumeChange(l));
      } else if (vol != null && rl.sizeBytes() != null && rl.sizeBytes() != vol.sizeBytes()) {
        reasons.add(
            "size "
                + Sizes.human(rl.sizeBytes())
                + " -> "
                + Sizes.human(vol.sizeBytes())
                + " (the volume was resized; IET still serves the old size)");
        fields.add(FieldChange.of("size", rl.sizeBytes(), vol.sizeBytes()));
        impact = Impact.worst(impact, Impact.DISRUPTIVE);
      }
      if (reasons.isEmpty()) continue;
      List<Command> cmds = new ArrayList<>(IetCommands.dropSessions(rt));
      cmds.add(IetCommands.deleteLun(rt.tid(), l.lun()));
      cmds.add(IetCommands.newLun(rt.tid(), l));
      node.add(
          node.change(
              "lun",
              name,
              Action.REPLACE,
              impact,
              String.join("; ", reasons),
              fields,
              cmds,
              rt.initiators(),
              deps));
    }
    for (IetRuntime.Lun rl : rt.luns()) {
      if (rl.state() != 0 || d.lun(rl.lun()) != null) continue;
      List<Command> cmds = new ArrayList<>(IetCommands.dropSessions(rt));
      cmds.add(IetCommands.deleteLun(rt.tid(), rl.lun()));
      node.add(
          node.change(
              "lun",
              d.iqn() + "/" + rl.lun(),
              Action.DELETE,
              Impact.BREAKING,
              "LUN " + rl.lun() + " is not in the desired state",
              List.of(FieldChange.of("path", rl.path(), null)),
              cmds,
              rt.initiators(),
              List.of()));
    }
  }
}
