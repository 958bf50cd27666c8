package dev.sanctl.snaprotate;

import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The result of planning one volume: one row per listed snapshot, sorted by time then name with
 * time-less rows last, plus warnings and the brakes the plan engages.
 */
public record RotationPlan(
    String volume,
    String schedule,
    ZoneId zone,
    Instant now,
    int keepLast,
    List<PlanRow> rows,
    List<String> warnings,
    Set<Brake> brakes) {
  public RotationPlan {
    rows = List.copyOf(rows);
    warnings = List.copyOf(warnings);
    brakes = brakes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(brakes));
  }

  /** The DELETE rows, oldest first (time, then name): the executor's order (2.9 step 3). */
  public List<PlanRow> deletions() {
    return rows.stream().filter(r -> r.action() == RowAction.DELETE).toList();
  }

  /** Names of the DELETE rows, oldest first. */
  public List<String> deleteNames() {
    return deletions().stream().map(PlanRow::name).toList();
  }

  public long count(RowAction action) {
    return rows.stream().filter(r -> r.action() == action).count();
  }

  public long candidates() {
    return rows.stream().filter(r -> r.snapshotClass() == SnapshotClass.CANDIDATE).count();
  }

  /** The engaged brakes not named in {@code overrides}, in declaration order. */
  public List<Brake> engagedBrakes(Set<Brake> overrides) {
    return EnumSet.allOf(Brake.class).stream()
        .filter(brakes::contains)
        .filter(b -> !overrides.contains(b))
        .toList();
  }
}
