package dev.sanctl.sim;

import dev.sanctl.sim.lvm.Lvm;
import dev.sanctl.sim.lvm.LvmState;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.NodeSpec;
import dev.sanctl.spi.model.Pool;
import dev.sanctl.spi.model.VolumeGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.util.function.ToLongFunction;

/** Seeds a new simulated cluster from a desired state ({@code sanctl sim init}). */
final class SimInit {
  private SimInit() {}

  static Void apply(SimContext ctx, DesiredState state, ToLongFunction<VolumeGroup> vgFreeBytes)
      throws IOException {
    Topology t = ctx.topology();
    LvmState lvm = ctx.lvm();
    for (NodeSpec n : state.nodes().values()) {
      t.nodes.put(n.name(), new Topology.Node(n.name(), n.os(), n.services()));
      Files.createDirectories(ctx.cluster.layout().fs(n.name()));
      if (n.hasService("iet")) Files.createDirectories(ctx.node(n.name()).file("/etc/iet"));
    }
    for (VolumeGroup vg : state.volumeGroups().values()) {
      if (vg.type() == VolumeGroup.Type.FILES) {
        t.volumeGroups.put(
            vg.name(),
            new Topology.VolumeGroup(vg.name(), true, vg.path(), vg.nodes(), null, null));
        for (String node : vg.nodes()) Files.createDirectories(ctx.node(node).file(vg.path()));
        continue;
      }
      VolumeGroup.MetaVolume meta = vg.metaVolume();
      t.volumeGroups.put(
          vg.name(),
          new Topology.VolumeGroup(
              vg.name(),
              false,
              null,
              vg.nodes(),
              meta == null ? null : meta.name(),
              meta == null ? null : meta.mountPoint()));
      long metaExtents = meta == null ? 0 : Lvm.extents(meta.sizeBytes(), LvmState.EXTENT_SIZE);
      LvmState.Vg v =
          new LvmState.Vg(
              vg.name(),
              lvm.newUuid(vg.name()),
              LvmState.EXTENT_SIZE,
              vgFreeBytes.applyAsLong(vg) / LvmState.EXTENT_SIZE + metaExtents);
      lvm.vgs.put(vg.name(), v);
      if (meta != null) {
        Lvm.create(ctx, v, meta.name(), metaExtents);
        Files.createDirectories(ctx.cluster.layout().metaContent(vg.name()));
        for (String node : vg.nodes())
          Files.createDirectories(ctx.node(node).file(meta.mountPoint()));
      }
      if (!vg.nodes().isEmpty()) {
        v.activeOn.add(vg.nodes().get(0));
        if (meta != null) v.metaMountedOn = vg.nodes().get(0);
      }
    }
    for (Pool p : state.pools().values()) {
      t.poolNodes.put(p.name(), p.nodes());
      if (!p.nodes().isEmpty()) t.poolImportedOn.put(p.name(), p.nodes().get(0));
    }
    return null;
  }
}
