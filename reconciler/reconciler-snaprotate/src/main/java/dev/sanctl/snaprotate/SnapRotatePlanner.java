package dev.sanctl.snaprotate;

import dev.sanctl.spi.model.SnapshotSchedule;
import dev.sanctl.spi.model.SnapshotSchedule.Freq;
import dev.sanctl.spi.model.SnapshotSchedule.Rule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rotation planner of {@code snaprotate.md} section 2: a pure function of (snapshot set,
 * schedule, zone, keepLast, now, protected names). Never touches a host.
 */
public final class SnapRotatePlanner {
  private static final Duration MIN_STALE = Duration.ofHours(48);
  private static final Duration CLOCK_TOLERANCE = Duration.ofHours(1);
  private static final int MASS_MIN = 10;

  /** Candidates in plan order: time ascending, then name ({@link String#compareTo}). */
  static final Comparator<Timed> ORDER =
      Comparator.comparing(Timed::time).thenComparing(t -> t.snapshot().name());

  private final Clock clock;

  /** A planner whose {@code now} comes from {@code clock}. */
  public SnapRotatePlanner(Clock clock) {
    this.clock = clock;
  }

  /** Plans with {@code now} taken from this planner's clock. */
  public RotationPlan plan(
      String volume, SnapshotSchedule schedule, List<Snapshot> snapshots, Set<String> protect) {
    return plan(new PlanRequest(volume, schedule, clock.instant(), protect, snapshots, false));
  }

  /** Plans one volume. The schedule must be valid ({@link ScheduleValidator}). */
  public static RotationPlan plan(PlanRequest req) {
    SnapshotSchedule schedule = req.schedule();
    ZoneId zone = schedule.zone();
    Instant now = req.now();
    List<Timed> candidates = new ArrayList<>();
    List<PlanRow> fixed = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    int foreign = 0;
    List<Timed> managedTimed = new ArrayList<>();

    for (Snapshot s : req.snapshots()) {
      if (!s.managed()) {
        Instant t = s.creation() == null ? null : Instant.ofEpochSecond(s.creation());
        fixed.add(row(s, SnapshotClass.FOREIGN, t, RowAction.IGNORE, "foreign"));
        foreign++;
        continue;
      }
      Optional<Instant> time = SnapshotTimes.timeOf(s, zone, req.legacyNameTime());
      if (time.isEmpty()) {
        fixed.add(row(s, SnapshotClass.INVALID, null, RowAction.KEEP, "invalid-time"));
        warnings.add(
            "snapshot "
                + s.name()
                + " has no usable time (snap_time="
                + (s.snapTime() == null ? "-" : s.snapTime())
                + ", creation="
                + (s.creation() == null ? "-" : Instant.ofEpochSecond(s.creation()))
                + "): kept");
        continue;
      }
      Instant t = time.get();
      managedTimed.add(new Timed(s, t));
      if (s.deferDestroy()) {
        fixed.add(row(s, SnapshotClass.DEFERRED, t, RowAction.SKIP, "defer-destroy-pending"));
        warnings.add("snapshot " + s.name() + " is pending deferred destroy");
      } else if (t.isAfter(now)) {
        fixed.add(row(s, SnapshotClass.FUTURE, t, RowAction.KEEP, "future"));
        warnings.add("snapshot " + s.name() + " is dated in the future (" + t + "): kept");
      } else {
        candidates.add(new Timed(s, t));
      }
    }
    if (foreign > 0) {
      warnings.add(foreign + " foreign snapshot(s) on " + req.volume() + ": never deleted");
    }
    candidates.sort(ORDER);

    int count = candidates.size();
    List<List<String>> reasons = new ArrayList<>(count);
    String[] primary = new String[count];
    for (int i = 0; i < count; i++) reasons.add(new ArrayList<>(2));
    ZonedDateTime offset = now.atZone(zone);
    for (Rule rule : schedule.rules()) {
      ZonedDateTime horizon = Buckets.minus(rule.freq(), offset, rule.n());
      long from = Buckets.index(rule.freq(), zone, horizon.toInstant());
      long to = Buckets.index(rule.freq(), zone, now);
      Set<Long> seen = new HashSet<>();
      long last = Long.MIN_VALUE;
      for (int i = 0; i < count; i++) {
        Timed c = candidates.get(i);
        long k = Buckets.index(rule.freq(), zone, c.time());
        if (k < from || k > to || k == last) continue;
        last = k;
        if (!seen.add(k)) continue;
        reasons.get(i).add(rule.name() + "[" + Buckets.label(rule.freq(), zone, c.time()) + "]");
        if (primary[i] == null) primary[i] = rule.name();
      }
      offset = horizon;
    }
    warnings.addAll(zoneMismatchWarnings(schedule, candidates, now));

    int firstLatest = Math.max(0, candidates.size() - schedule.keepLast());
    List<PlanRow> rows = new ArrayList<>(fixed);
    for (int i = 0; i < count; i++) {
      Timed c = candidates.get(i);
      Snapshot s = c.snapshot();
      List<String> why = reasons.get(i);
      if (i >= firstLatest) why.add("latest");
      if (s.held()) why.add("held");
      if (s.hasClones()) why.add("clones");
      if (req.protectedNames().contains(s.name())) why.add("protected");
      RowAction action = why.isEmpty() ? RowAction.DELETE : RowAction.KEEP;
      rows.add(new PlanRow(s, SnapshotClass.CANDIDATE, c.time(), action, why, primary[i]));
    }
    rows.sort(ROW_ORDER);

    long deletes = rows.stream().filter(r -> r.action() == RowAction.DELETE).count();
    Set<Brake> brakes = EnumSet.noneOf(Brake.class);
    if (isStale(schedule, candidates, now)) brakes.add(Brake.STALE);
    if (deletes >= MASS_MIN && deletes * 2 > candidates.size()) brakes.add(Brake.MASS);
    if (hasClockSkew(managedTimed)) brakes.add(Brake.CLOCK);
    return new RotationPlan(
        req.volume(), schedule.name(), zone, now, schedule.keepLast(), rows, warnings, brakes);
  }

  /** Rows by time (time-less last), then name. */
  static final Comparator<PlanRow> ROW_ORDER =
      Comparator.comparing(PlanRow::time, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(PlanRow::name);

  private static PlanRow row(
      Snapshot s, SnapshotClass cls, Instant t, RowAction action, String reason) {
    return new PlanRow(s, cls, t, action, List.of(reason), null);
  }

  private static boolean isStale(SnapshotSchedule schedule, List<Timed> candidates, Instant now) {
    if (candidates.isEmpty()) return false;
    Duration finest =
        schedule.rules().stream()
            .map(r -> Buckets.period(r.freq()))
            .min(Comparator.naturalOrder())
            .orElseThrow();
    Duration limit = max(MIN_STALE, finest.multipliedBy(3));
    Instant newest = candidates.get(candidates.size() - 1).time();
    return Duration.between(newest, now).compareTo(limit) > 0;
  }

  private static boolean hasClockSkew(List<Timed> managed) {
    List<Timed> byTxg = new ArrayList<>(managed);
    byTxg.sort(Comparator.comparingLong(t -> t.snapshot().createtxg()));
    Instant latest = null;
    for (Timed t : byTxg) {
      if (latest != null && t.time().isBefore(latest.minus(CLOCK_TOLERANCE))) return true;
      if (latest == null || t.time().isAfter(latest)) latest = t.time();
    }
    return false;
  }

  /**
   * Buckets of the finest in-window rule holding more than one snapshot tagged by this schedule.
   */
  private static List<String> zoneMismatchWarnings(
      SnapshotSchedule schedule, List<Timed> candidates, Instant now) {
    Rule finest =
        schedule.rules().stream()
            .min(Comparator.comparing(r -> Buckets.period(r.freq())))
            .orElseThrow();
    Set<String> own = new HashSet<>();
    schedule.rules().forEach(r -> own.add(r.name()));
    Freq f = finest.freq();
    ZoneId zone = schedule.zone();
    long current = Buckets.index(f, zone, now);
    Map<Long, Integer> counts = new LinkedHashMap<>();
    Map<Long, Instant> firstTime = new HashMap<>();
    for (Timed c : candidates) {
      if (c.snapshot().ruleTag() == null || !own.contains(c.snapshot().ruleTag())) continue;
      long k = Buckets.index(f, zone, c.time());
      if (current - k > finest.n()) continue;
      counts.merge(k, 1, Integer::sum);
      firstTime.putIfAbsent(k, c.time());
    }
    List<String> out = new ArrayList<>();
    counts.forEach(
        (k, n) -> {
          if (n > 1) {
            out.add(
                "bucket "
                    + Buckets.label(f, zone, firstTime.get(k))
                    + " of rule "
                    + finest.name()
                    + " holds "
                    + n
                    + " snapshots of this schedule (does the snapshot job run in zone "
                    + zone
                    + "?)");
          }
        });
    return out;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** A snapshot with its instant. */
  record Timed(Snapshot snapshot, Instant time) {}
}
