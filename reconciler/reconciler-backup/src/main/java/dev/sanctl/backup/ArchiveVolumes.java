package dev.sanctl.backup;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.model.Pool;
import dev.sanctl.spi.zfs.ZfsCommands;
import dev.sanctl.spi.zfs.ZfsOutput;
import java.util.Map;
import java.util.TreeMap;

/** How archive volumes are made: shared by backup runs and the {@code backup} provider. */
public final class ArchiveVolumes {
  private ArchiveVolumes() {}

  /** The property naming the volume's snapshot schedule: {@code <ns>:snaprotate_schedule}. */
  public static String scheduleProperty(String namespace) {
    return ZfsOutput.scheduleProperty(namespace);
  }

  /** The filesystem holding the checksum files of a pool's archive volumes. */
  public static String checksumFilesystem(String pool) {
    return dev.sanctl.spi.model.Backups.checksumFilesystem(pool);
  }

  /**
   * The directory of the checksum files, from the {@code mountpoint} property of {@link
   * #checksumFilesystem}: that mount point, or {@code /<filesystem>} when it has none.
   */
  public static String checksumDirectory(String filesystem, String mountpoint) {
    String m = mountpoint == null ? "-" : mountpoint.strip();
    return m.isEmpty() || hasNoMountPoint(m) ? "/" + filesystem : m;
  }

  /**
   * Whether a {@code mountpoint} property value means the dataset is mounted nowhere of its own:
   * {@code none}, {@code legacy}, or {@code -} (no value); false for null.
   */
  public static boolean hasNoMountPoint(String mountpoint) {
    return "-".equals(mountpoint) || "none".equals(mountpoint) || "legacy".equals(mountpoint);
  }

  /** The current checksum file of an archive volume ({@code volume} is its name in the pool). */
  public static String checksumFileName(String volume) {
    return volume.replace('/', '_') + ".cksum";
  }

  /** The checksum file kept for one snapshot of an archive volume. */
  public static String snapshotChecksumFileName(String volume, String snapshot) {
    return volume.replace('/', '_') + "@" + snapshot + ".cksum";
  }

  /**
   * {@code zfs create -V <size> [-s] [-b <bs>] -o <prop>=<value>... <volume>} with the pool's
   * volume defaults (properties sorted) and the schedule property.
   */
  public static Command create(
      String namespace, String volume, long size, Pool.VolumeDefaults defaults) {
    Pool.VolumeDefaults d = defaults == null ? Pool.VolumeDefaults.NONE : defaults;
    Map<String, String> props = new TreeMap<>(d.properties());
    if (d.snapshotSchedule() != null) {
      props.put(scheduleProperty(namespace), d.snapshotSchedule());
    }
    return ZfsCommands.createVolume(volume, size, d.sparse(), d.blockSize(), props);
  }
}
