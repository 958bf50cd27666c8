package dev.sanctl.backup;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.Pool;
import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.model.VolumeRef;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * {@code sanctl backup restore}: copies an archive volume or snapshot to a new LV (or a new sparse
 * file of a {@code files} volume group), never over an existing one.
 */
public final class Restorer {
  private static final Pattern DATASET =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]*(/[A-Za-z0-9_.:-]+)+(@[A-Za-z0-9_.:-]+)?");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9+_.][A-Za-z0-9+_.-]*");

  /** Refused for safety (the target exists): exit code 3. */
  public static final class RefusedException extends IOException {
    public RefusedException(String message) {
      super(message);
    }
  }

  /** What was restored. */
  public record Result(String from, String to, String node, long bytes, double seconds) {
    public String line() {
      return String.format(
          java.util.Locale.ROOT,
          "restored %s to %s on %s: %d bytes, %.1fs",
          from,
          to,
          node,
          bytes,
          seconds);
    }
  }

  private final DesiredState desired;
  private final Hosts hosts;

  public Restorer(DesiredState desired, Hosts hosts) {
    this.desired = desired;
    this.hosts = hosts;
  }

  public Result restore(String from, String to) throws IOException {
    long started = System.nanoTime();
    if (!DATASET.matcher(from).matches()) {
      throw new IllegalArgumentException(
          "--from must be <pool>/<volume>[@<snapshot>], not '" + from + "'");
    }
    VolumeRef ref = VolumeRef.parse(to);
    if (!NAME.matcher(ref.lv()).matches()) {
      throw new IllegalArgumentException("not a valid LV name: '" + ref.lv() + "'");
    }
    String poolName = from.substring(0, from.indexOf('/'));
    Pool pool = desired.pools().get(poolName);
    if (pool == null) throw new IllegalArgumentException("pool " + poolName + " is not configured");
    VolumeGroup vg = desired.volumeGroups().get(ref.vg());
    if (vg == null) {
      throw new IllegalArgumentException("volume group " + ref.vg() + " is not configured");
    }
    String archiveNode = pool.nodes().get(0);
    ArchiveSide archive =
        new ArchiveSide(
            hosts.host(archiveNode),
            desired.nodes().get(archiveNode).os(),
            desired.cluster().propertyNamespace());
    HostDevices src = new HostDevices(archive.host());
    String srcDevice = archive.device(from);
    long size = archive.size(from);

    String node =
        vg.type() == VolumeGroup.Type.FILES ? createFile(vg, ref, size) : createLv(vg, ref, size);
    HostDevices dst = new HostDevices(hosts.host(node));
    RangeCopy.copy(src, srcDevice, dst, SourceVolume.device(vg, ref.lv()), size, null, null);
    return new Result(from, to, node, size, (System.nanoTime() - started) / 1e9);
  }

  /** A new LV of {@code size} on the node where the group is active; returns that node. */
  private String createLv(VolumeGroup vg, VolumeRef ref, long size) throws IOException {
    String to = ref.toString();
    String node = null;
    for (String n : vg.nodes()) {
      Host h = hosts.host(n);
      CommandResult exists = h.run(Command.read("lvs", "--noheadings", "-o", "lv_name", to));
      if (exists.ok()) throw new RefusedException("refusing to restore over the existing LV " + to);
      CommandResult lvs = h.run(Command.read("lvs", "--noheadings", "-o", "lv_attr", ref.vg()));
      for (String attr : lvs.out().split("\n")) {
        String a = attr.strip();
        if (node == null && lvs.ok() && a.length() > 4 && a.charAt(4) == 'a') node = n;
      }
    }
    if (node == null)
      throw new IOException("volume group " + ref.vg() + " is not active on any of " + vg.nodes());
    long mib = (size + (1 << 20) - 1) >> 20;
    HostFiles.check(
        "lvcreate " + to,
        hosts
            .host(node)
            .run(Command.change("lvcreate", "-L", mib + "m", "-n", ref.lv(), ref.vg())));
    return node;
  }

  /** A new sparse file of {@code size} in a files group (on its first node); returns the node. */
  private String createFile(VolumeGroup vg, VolumeRef ref, long size) throws IOException {
    String node = vg.nodes().get(0);
    Host h = hosts.host(node);
    String file = SourceVolume.device(vg, ref.lv());
    if (new HostFiles(h).size(file).isPresent()) {
      throw new RefusedException(
          "refusing to restore over the existing volume " + ref + " (" + file + ")");
    }
    HostFiles.check(
        "truncate " + file, h.run(Command.change("truncate", "-s", Long.toString(size), file)));
    return node;
  }
}
