package dev.sanctl.backup;

import dev.sanctl.spi.model.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How archive volumes are made: shared by backup runs and the {@code backup} provider. */
public final class ArchiveVolumes {
  private ArchiveVolumes() {}

  /** The property naming the volume's snapshot schedule: {@code <ns>:snaprotate_schedule}. */
  public static String scheduleProperty(String namespace) {
    return namespace + ":snaprotate_schedule";
  }

  /**
   * {@code zfs create -V <size> [-s] [-b <bs>] -o <prop>=<value>... <volume>} with the pool's
   * volume defaults and the schedule property.
   */
  public static List<String> createArgv(
      String namespace, String volume, long size, Pool.VolumeDefaults defaults) {
    List<String> argv = new ArrayList<>(List.of("zfs", "create", "-V", Long.toString(size)));
    Pool.VolumeDefaults d = defaults == null ? Pool.VolumeDefaults.NONE : defaults;
    if (d.sparse()) argv.add("-s");
    if (d.blockSize() != null) argv.addAll(List.of("-b", Long.toString(d.blockSize())));
    Map<String, String> props = new TreeMap<>(d.properties());
    if (d.snapshotSchedule() != null) {
      props.put(scheduleProperty(namespace), d.snapshotSchedule());
    }
    props.forEach((k, v) -> argv.addAll(List.of("-o", k + "=" + v)));
    argv.add(volume);
    return argv;
  }
}
