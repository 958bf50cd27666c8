package dev.sanctl.backup;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.Target;
import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.model.VolumeRef;
import java.io.IOException;
import java.util.Optional;

/** The source side of a job: the node holding the volume group, snapshots, the IET ddmap entry. */
final class SourceVolume {
  static final String SNAPSHOT_SUFFIX = "_bksnap";
  private static final long GIB = 1L << 30;

  private SourceVolume() {}

  /** The node of {@code vg.nodes()} where the LV is active. */
  static String holder(VolumeGroup vg, VolumeRef ref, Hosts hosts) throws IOException {
    if (vg.type() == VolumeGroup.Type.FILES) return vg.nodes().get(0);
    for (String node : vg.nodes()) {
      CommandResult r =
          hosts
              .host(node)
              .run(Command.read("lvs", "--noheadings", "-o", "lv_attr", ref.toString()));
      String attr = r.out().strip();
      if (r.ok() && attr.length() > 4 && attr.charAt(4) == 'a') return node;
    }
    throw new IOException(ref + " is not active on any of " + vg.nodes());
  }

  /** The device path of an LV ({@code /dev/<vg>/<lv>}) or file ({@code <path>/<lv>.img}). */
  static String device(VolumeGroup vg, String lv) {
    return vg.devicePath(lv);
  }

  /** Snapshot size: 20 % of the origin below 100 GiB, 15 % at or above, in whole MiB (≥ 4). */
  static long snapshotMiB(long originBytes) {
    long pct = originBytes < 100 * GIB ? 20 : 15;
    long mib = (originBytes * pct / 100 + (1 << 20) - 1) >> 20;
    return Math.max(4, mib);
  }

  /** Creates the backup snapshot; returns its device path. */
  static String snapshot(Host host, VolumeGroup vg, VolumeRef ref, long originBytes)
      throws IOException {
    String name = ref.lv() + SNAPSHOT_SUFFIX;
    if (vg.type() == VolumeGroup.Type.FILES) {
      String dev = device(vg, name);
      HostFiles.check(
          "cp " + dev,
          host.run(Command.change("cp", "--sparse=always", device(vg, ref.lv()), dev)));
      return dev;
    }
    HostFiles.check(
        "lvcreate snapshot of " + ref,
        host.run(
            Command.change(
                "lvcreate",
                "-s",
                "-L",
                snapshotMiB(originBytes) + "m",
                "-n",
                name,
                ref.toString())));
    return device(vg, name);
  }

  static void removeSnapshot(Host host, VolumeGroup vg, VolumeRef ref) throws IOException {
    String name = ref.lv() + SNAPSHOT_SUFFIX;
    CommandResult r =
        vg.type() == VolumeGroup.Type.FILES
            ? host.run(Command.change("rm", "-f", device(vg, name)))
            : host.run(Command.change("lvremove", "-f", vg.name() + "/" + name));
    HostFiles.check("removing snapshot " + name, r);
  }

  /** The ddmap proc entry ({@code /proc/net/iet/ddmap/<iqn>.0}) of the volume's target. */
  static Optional<String> ddmapEntry(DesiredState desired, VolumeRef ref) {
    for (Target t : desired.targets()) {
      for (Target.Lun l : t.luns()) {
        if (ref.equals(l.volume())) return Optional.of(desired.iqnOf(t) + "." + l.lun());
      }
    }
    return Optional.empty();
  }
}
