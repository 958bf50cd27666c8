package dev.sanctl.backup;

import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.model.Pool;
import dev.sanctl.spi.zfs.ZfsCommands;
import dev.sanctl.spi.zfs.ZfsOutput;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The archive host of a job, through {@code zfs} ({@link ZfsCommands}) over the {@link Host}: the
 * archive volume (created with the pool's volume defaults and the schedule property, grown with the
 * source), its device path, the {@code <pool>/ddless} filesystem that holds the checksum files, and
 * snapshots.
 */
final class ArchiveSide {
  private final Host host;
  private final String os;
  private final String namespace;

  ArchiveSide(Host host, String os, String namespace) {
    this.host = host;
    this.os = os;
    this.namespace = namespace;
  }

  Host host() {
    return host;
  }

  /** The block device of a volume or snapshot ({@code /dev/zvol/rdsk/...} on illumos). */
  String device(String dataset) {
    return ZfsOutput.devicePath(os, dataset);
  }

  /** The volume's size, or empty when it does not exist. */
  Optional<Long> volsize(String volume) throws IOException {
    CommandResult r = host.run(ZfsCommands.get("value", "volsize", List.of(volume)));
    if (!r.ok()) {
      if (ZfsOutput.missingDataset(r.err())) return Optional.empty();
      throw HostFiles.failure("zfs get volsize " + volume, r);
    }
    return Optional.of(Long.parseLong(r.out().strip()));
  }

  /** The size of an existing volume or volume snapshot. */
  long size(String dataset) throws IOException {
    return volsize(dataset).orElseThrow(() -> new IOException(dataset + " does not exist"));
  }

  /** Creates the archive volume with the pool's defaults and the schedule property. */
  void create(String volume, long size, Pool.VolumeDefaults defaults) throws IOException {
    HostFiles.check(
        "zfs create " + volume, host.run(ArchiveVolumes.create(namespace, volume, size, defaults)));
  }

  void grow(String volume, long size) throws IOException {
    HostFiles.check(
        "zfs set volsize " + volume,
        host.run(ZfsCommands.set("volsize", Long.toString(size), volume)));
  }

  /**
   * The mount point of {@code <pool>/ddless}, created when missing (with mount point {@code
   * /<pool>/ddless} when it would inherit none). The checksum files must live on that filesystem:
   * one that is not mounted is an error, never a directory of that name on the root file system.
   */
  String checksumDir(String pool) throws IOException {
    String fs = ArchiveVolumes.checksumFilesystem(pool);
    CommandResult r = mountState(fs);
    if (!r.ok() && ZfsOutput.missingDataset(r.err())) {
      CommandResult created = host.run(ZfsCommands.createFilesystem(fs, false, Map.of()));
      if (!ZfsOutput.datasetExists(created.err())) { // a job of the same pool won
        HostFiles.check("zfs create " + fs, created);
      }
      r = mountState(fs);
      if (r.ok() && ArchiveVolumes.hasNoMountPoint(r.out().strip().split("\n")[0].strip())) {
        HostFiles.check(
            "zfs set mountpoint " + fs, host.run(ZfsCommands.set("mountpoint", "/" + fs, fs)));
        r = mountState(fs);
      }
    }
    HostFiles.check("zfs get mountpoint " + fs, r);
    String[] values = r.out().strip().split("\n");
    String mount = values[0].strip();
    if (ArchiveVolumes.hasNoMountPoint(mount)
        || values.length < 2
        || !values[1].strip().equals("yes")) {
      throw new IOException(
          fs
              + " is not mounted (mountpoint "
              + mount
              + "), and the checksum"
              + " files must live on it: give it a mount point (zfs set mountpoint=/"
              + fs
              + " "
              + fs
              + ") or mount it (zfs mount "
              + fs
              + ")");
    }
    new HostFiles(host).mkdirs(mount);
    return mount;
  }

  private CommandResult mountState(String fs) throws IOException {
    return host.run(ZfsCommands.getShown("value", "mountpoint,mounted", List.of(fs)));
  }

  /** Snapshot names (after {@code @}) of a volume, oldest first. */
  List<String> snapshots(String volume) throws IOException {
    CommandResult r =
        host.run(
            ZfsCommands.list(false, "snapshot", null, "creation", "name", true, List.of(volume)));
    if (!r.ok()) {
      if (ZfsOutput.missingDataset(r.err())) return List.of();
      throw HostFiles.failure("zfs list snapshots of " + volume, r);
    }
    return ZfsOutput.snapshotNames(r.out(), List.of(volume)).get(volume);
  }

  /** A snapshot without a schedule: {@code snap_time} only. */
  void snapshot(String volume, String name, java.time.Instant t) throws IOException {
    HostFiles.check(
        "zfs snapshot " + volume,
        host.run(
            ZfsCommands.snapshot(
                volume + "@" + name,
                Map.of(
                    namespace + ":snap_time",
                    t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()))));
  }
}
