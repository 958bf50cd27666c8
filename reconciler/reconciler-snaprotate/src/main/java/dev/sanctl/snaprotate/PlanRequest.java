package dev.sanctl.snaprotate;

import dev.sanctl.spi.model.SnapshotSchedule;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The inputs of one plan (2.1): the volume, its schedule, {@code now}, the caller-protected names
 * and the listing. {@code legacyNameTime} enables the {@code --legacy-name-time} escape hatch.
 */
public record PlanRequest(
    String volume,
    SnapshotSchedule schedule,
    Instant now,
    Set<String> protectedNames,
    List<Snapshot> snapshots,
    boolean legacyNameTime) {
  public PlanRequest {
    protectedNames = Set.copyOf(protectedNames);
    snapshots = List.copyOf(snapshots);
  }

  public static PlanRequest of(
      String volume, SnapshotSchedule schedule, Instant now, List<Snapshot> snapshots) {
    return new PlanRequest(volume, schedule, now, Set.of(), snapshots, false);
  }
}
