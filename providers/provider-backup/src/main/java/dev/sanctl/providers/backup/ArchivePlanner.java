package dev.sanctl.providers.backup;

import dev.sanctl.backup.ArchiveVolumes;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.model.Backups;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.Pool;
import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.PlanResult;
import dev.sanctl.spi.provider.ResourceAddress;
import dev.sanctl.spi.zfs.ZfsCommands;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plans the archive side of the backup jobs from the {@link ArchiveObservation}s: per archive pool
 * its {@code <pool>/ddless} filesystem (created, or given a mount point of its own), per job the
 * archive volume (created at the declared source size with the pool's volume defaults, its schedule
 * property set, grown with the source). Missing checksum files are warnings, never planned: backup
 * runs write them.
 */
final class ArchivePlanner {
  private ArchivePlanner() {}

  /** The checksum filesystems and archive volumes to create or update, and warnings. */
  static PlanResult plan(PlanContext context) {
    DesiredState desired = context.desired();
    String ns = desired.cluster().propertyNamespace();
    List<Change> changes = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    Set<String> planned = new LinkedHashSet<>();
    for (Backups.Job job : BackupProvider.jobs(desired)) {
      String node = job.archive();
      Optional<ArchiveObservation> seen = context.observation(node, ArchiveObservation.class);
      if (seen.isEmpty()) continue;
      Map<String, Map<String, String>> ds = seen.get().datasets();
      if (planned.add(ArchiveVolumes.checksumFilesystem(job.pool()))) {
        checksumFilesystem(ds, job.pool(), node).ifPresent(changes::add);
      }
      Pool pool = desired.pools().get(job.pool());
      Pool.VolumeDefaults defaults = pool == null ? null : pool.volumeDefaults();
      Long size = sourceSize(desired, job);
      String volume = job.archiveVolume();
      ResourceAddress address = ResourceAddress.of(node, BackupProvider.ID, "volume", volume);
      Map<String, String> props = ds.get(volume);
      if (props == null) {
        if (size == null) {
          findings.add(
              Finding.warning(
                  address,
                  "archive volume "
                      + volume
                      + " does not exist and the size of "
                      + job.source()
                      + " is not declared",
                  "the first 'sanctl backup run' creates it",
                  null));
          continue;
        }
        changes.add(
            change(
                address,
                Action.CREATE,
                "archive volume not present",
                List.of(FieldChange.of("volsize", null, "" + size)),
                List.of(ArchiveVolumes.create(ns, volume, size, defaults))));
        continue;
      }
      checksumFindings(seen.get(), job, address, findings);
      List<FieldChange> fields = new ArrayList<>();
      List<Command> commands = new ArrayList<>();
      String scheduleProp = ArchiveVolumes.scheduleProperty(ns);
      String wanted = defaults == null ? null : defaults.snapshotSchedule();
      String have = props.get(scheduleProp);
      if (wanted != null && !wanted.equals(have)) {
        fields.add(FieldChange.of(scheduleProp, "-".equals(have) ? null : have, wanted));
        commands.add(ZfsCommands.set(scheduleProp, wanted, volume));
      }
      long volsize = parse(props.get("volsize"));
      if (size != null && volsize >= 0 && volsize < size) {
        fields.add(FieldChange.of("volsize", "" + volsize, "" + size));
        commands.add(ZfsCommands.set("volsize", Long.toString(size), volume));
      }
      if (!commands.isEmpty()) {
        changes.add(change(address, Action.UPDATE, "archive volume differs", fields, commands));
      }
    }
    return new PlanResult(changes, findings);
  }

  /**
   * Creates {@code <pool>/ddless}, or gives it a mount point: the checksum files must live on it,
   * so where the pool has no mount point ({@code none}, {@code legacy}) it gets {@code
   * /<pool>/ddless}, as a backup run that creates it does.
   */
  private static Optional<Change> checksumFilesystem(
      Map<String, Map<String, String>> ds, String pool, String node) {
    String fs = ArchiveVolumes.checksumFilesystem(pool);
    ResourceAddress address = ResourceAddress.of(node, BackupProvider.ID, "checksums", fs);
    String mountpoint = "/" + fs;
    Map<String, String> props = ds.get(fs);
    if (props == null) {
      boolean poolUnmounted =
          ArchiveVolumes.hasNoMountPoint(ds.getOrDefault(pool, Map.of()).get("mountpoint"));
      List<FieldChange> fields = new ArrayList<>(List.of(FieldChange.of("dataset", null, fs)));
      if (poolUnmounted) fields.add(FieldChange.of("mountpoint", null, mountpoint));
      return Optional.of(
          change(
              address,
              Action.CREATE,
              "filesystem for checksum files not present",
              fields,
              List.of(
                  ZfsCommands.createFilesystem(
                      fs, false, poolUnmounted ? Map.of("mountpoint", mountpoint) : Map.of()))));
    }
    String have = props.get("mountpoint");
    if (!ArchiveVolumes.hasNoMountPoint(have)) return Optional.empty();
    return Optional.of(
        change(
            address,
            Action.UPDATE,
            "filesystem for checksum files has no mount point",
            List.of(FieldChange.of("mountpoint", have, mountpoint)),
            List.of(ZfsCommands.set("mountpoint", mountpoint, fs))));
  }

  /** Warnings about checksum files missing for an existing archive volume. */
  private static void checksumFindings(
      ArchiveObservation seen, Backups.Job job, ResourceAddress address, List<Finding> findings) {
    List<String> snapshots = seen.snapshots().getOrDefault(job.archiveVolume(), List.of());
    if (snapshots.isEmpty()) return;
    String fs = ArchiveVolumes.checksumFilesystem(job.pool());
    Set<String> files = seen.checksumFiles().getOrDefault(fs, Set.of());
    String dir =
        ArchiveVolumes.checksumDirectory(
            fs, seen.datasets().getOrDefault(fs, Map.of()).get("mountpoint"));
    String current = ArchiveVolumes.checksumFileName(job.volume());
    if (!files.contains(current)) {
      findings.add(
          Finding.warning(
              address,
              "archive volume "
                  + job.archiveVolume()
                  + " has snapshots but no checksum file "
                  + dir
                  + "/"
                  + current,
              "the next 'sanctl backup run "
                  + job.source()
                  + "' reads the whole source, rewrites"
                  + " every segment and writes a new checksum file",
              job.location()));
    }
    List<String> unchecked =
        snapshots.stream()
            .filter(
                sn -> !files.contains(ArchiveVolumes.snapshotChecksumFileName(job.volume(), sn)))
            .toList();
    if (!unchecked.isEmpty()) {
      findings.add(
          Finding.warning(
              address,
              unchecked.size()
                  + " of "
                  + snapshots.size()
                  + " snapshots of "
                  + job.archiveVolume()
                  + " have no checksum file (first: "
                  + job.archiveVolume()
                  + "@"
                  + unchecked.get(0)
                  + ")",
              "'sanctl backup verify' cannot check them; snapshots taken by 'sanctl backup run'"
                  + " get one",
              job.location()));
    }
  }

  /** The declared size of the job's source volume, or null. */
  private static Long sourceSize(DesiredState desired, Backups.Job job) {
    VolumeGroup vg = desired.volumeGroups().get(job.source().vg());
    if (vg == null) return null;
    VolumeGroup.Volume v = vg.volumes().get(job.source().lv());
    return v == null ? null : v.sizeBytes();
  }

  private static long parse(String v) {
    try {
      return v == null ? -1 : Long.parseLong(v);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Change change(
      ResourceAddress address,
      Action action,
      String reason,
      List<FieldChange> fields,
      List<Command> commands) {
    return new Change(address, action, Impact.NONE, reason, fields, commands, List.of(), List.of());
  }
}
