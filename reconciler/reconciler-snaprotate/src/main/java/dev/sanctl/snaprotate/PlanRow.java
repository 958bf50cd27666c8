package dev.sanctl.snaprotate;

import java.time.Instant;
import java.util.List;

/**
 * One snapshot's record in a plan (2.8).
 *
 * @param time the snapshot's instant, null when unknown (INVALID)
 * @param reasons why it is kept, in output order; empty for DELETE
 * @param primaryRule the first rule in schedule order it represents, null when none
 */
public record PlanRow(
    Snapshot snapshot,
    SnapshotClass snapshotClass,
    Instant time,
    RowAction action,
    List<String> reasons,
    String primaryRule) {
  public PlanRow {
    reasons = List.copyOf(reasons);
  }

  public String name() {
    return snapshot.name();
  }
}
