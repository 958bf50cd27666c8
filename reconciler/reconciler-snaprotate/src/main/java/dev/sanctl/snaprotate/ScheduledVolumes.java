package dev.sanctl.snaprotate;

import dev.sanctl.spi.model.Backups;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.Pool;
import dev.sanctl.spi.model.ResourceState;
import dev.sanctl.spi.model.SnapshotSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The volumes a node rotates, from the desired state: zvols of pools the node can import that name
 * a {@code snapshotSchedule}, and backup archive volumes of pools whose {@code volumeDefaults} name
 * one.
 */
public final class ScheduledVolumes {
  private ScheduledVolumes() {}

  /** Volumes and their schedules, or the configuration problems (2.11). */
  public record Result(List<VolumeJob> jobs, List<String> problems) {}

  public static Result forNode(DesiredState desired, String node) {
    Map<String, String> scheduleOf = new TreeMap<>();
    for (Pool pool : desired.pools().values()) {
      if (!pool.nodes().contains(node)) continue;
      for (Pool.Zvol z : pool.volumes().values()) {
        if (z.snapshotSchedule() != null && z.state() != ResourceState.ABSENT) {
          scheduleOf.put(z.name(), z.snapshotSchedule());
        }
      }
      String dflt = pool.volumeDefaults() == null ? null : pool.volumeDefaults().snapshotSchedule();
      Backups backups = desired.backups() == null ? Backups.NONE : desired.backups();
      for (Backups.Job job : backups.jobs()) {
        if (dflt != null && pool.name().equals(job.pool())) {
          scheduleOf.putIfAbsent(job.archiveVolume(), dflt);
        }
      }
    }
    List<VolumeJob> jobs = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    scheduleOf.forEach(
        (volume, name) -> {
          SnapshotSchedule s = desired.snapshotSchedules().get(name);
          if (s == null) {
            problems.add(
                "volume "
                    + volume
                    + " names schedule "
                    + name
                    + ", which is not defined in snapshotSchedules "
                    + desired.snapshotSchedules().keySet());
          } else {
            problems.addAll(ScheduleValidator.problems(s));
            jobs.add(new VolumeJob(volume, s));
          }
        });
    return new Result(jobs, problems);
  }
}
