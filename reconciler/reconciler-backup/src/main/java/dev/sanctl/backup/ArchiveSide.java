package dev.sanctl.backup;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.model.Pool;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The archive host of a job, through {@code zfs} over the {@link Host}: the archive volume (created
 * with the pool's volume defaults and the schedule property, grown with the source), its device
 * path, the {@code <pool>/ddless} filesystem that holds the checksum files, and snapshots.
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
    return ("illumos".equals(os) ? "/dev/zvol/rdsk/" : "/dev/zvol/") + dataset;
  }

  /** The volume's size, or empty when it does not exist. */
  Optional<Long> volsize(String volume) throws IOException {
    CommandResult r =
        host.run(Command.read("zfs", "get", "-H", "-p", "-o", "value", "volsize", volume));
    if (!r.ok()) {
      if (r.err().contains("dataset does not exist")) return Optional.empty();
      throw HostFiles.failure("zfs get volsize " + volume, r);
    }
    return Optional.of(Long.parseLong(r.out().strip()));
  }

  /** The size of an existing volume or volume snapshot. */
  long size(String dataset) throws IOException {
    return volsize(dataset).orElseThrow(() -> new IOException(dataset + " does not exist"));
  }

  /** The argv creating the archive volume with the pool's defaults and the schedule property. */
  List<String> createArgv(String volume, long size, Pool.VolumeDefaults defaults) {
    return ArchiveVolumes.createArgv(namespace, volume, size, defaults);
  }

  void create(String volume, long size, Pool.VolumeDefaults defaults) throws IOException {
    List<String> argv = createArgv(volume, size, defaults);
    HostFiles.check("zfs create " + volume, host.run(new Command(argv, null, null, true, null)));
  }

  void grow(String volume, long size) throws IOException {
    HostFiles.check(
        "zfs set volsize " + volume,
        host.run(Command.change("zfs", "set", "volsize=" + size, volume)));
  }

  /**
   * The mount point of {@code <pool>/ddless}, created when missing (with mount point {@code
   * /<pool>/ddless} when it would inherit none). The checksum files must live on that filesystem:
   * one that is not mounted is an error, never a directory of that name on the root file system.
   */
  String checksumDir(String pool) throws IOException {
    String fs = ArchiveVolumes.checksumFilesystem(pool);
    CommandResult r = mountState(fs);
    if (!r.ok() && r.err().contains("dataset does not exist")) {
      CommandResult created = host.run(Command.change("zfs", "create", fs));
      if (!created.err().contains("dataset already exists")) { // a job of the same pool won
        HostFiles.check("zfs create " + fs, created);
      }
      r = mountState(fs);
      if (r.ok() && ArchiveVolumes.hasNoMountPoint(r.out().strip().split("\n")[0].strip())) {
        HostFiles.check(
            "zfs set mountpoint " + fs,
            host.run(Command.change("zfs", "set", "mountpoint=/" + fs, fs)));
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
    return host.run(Command.read("zfs", "get", "-H", "-o", "value", "mountpoint,mounted", fs));
  }

  /** Snapshot names (after {@code @}) of a volume, oldest first. */
  List<String> snapshots(String volume) throws IOException {
    CommandResult r =
        host.run(
            Command.read(
                "zfs",
                "list",
                "-H",
                "-t",
                "snapshot",
                "-o",
                "name",
                "-s",
                "creation",
                "-r",
                volume));
    if (!r.ok()) {
      if (r.err().contains("dataset does not exist")) return List.of();
      throw HostFiles.failure("zfs list snapshots of " + volume, r);
    }
    List<String> names = new ArrayList<>();
    for (String line : r.out().split("\n")) {
      int at = line.indexOf('@');
      if (at > 0 && line.substring(0, at).equals(volume)) names.add(line.substring(at + 1));
    }
    return names;
  }

  /** A snapshot without a schedule: {@code snap_time} only. */
  void snapshot(String volume, String name, java.time.Instant t) throws IOException {
    HostFiles.check(
        "zfs snapshot " + volume,
        host.run(
            Command.change(
                "zfs",
                "snapshot",
                "-o",
                namespace + ":snap_time=" + t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                volume + "@" + name)));
  }
}
