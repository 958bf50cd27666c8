package dev.sanctl.snaprotate;

import dev.sanctl.spi.model.SnapshotSchedule;
import dev.sanctl.spi.model.SnapshotSchedule.Rule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Configuration validation of 2.11: problems make the whole run exit 2 with no zfs calls. */
public final class ScheduleValidator {
  /** The largest {@code n} a rule may have. */
  public static final int MAX_N = 100_000;

  private ScheduleValidator() {}

  /** Human-readable problems of {@code s}; empty when it is valid. */
  public static List<String> problems(SnapshotSchedule s) {
    List<String> out = new ArrayList<>();
    String where = "schedule " + s.name() + ": ";
    if (s.zone() == null) out.add(where + "zone is missing or not a valid IANA zone id");
    if (s.keepLast() < 1) {
      out.add(where + "keepLast must be at least 1 (got " + s.keepLast() + ")");
    }
    if (s.rules() == null || s.rules().isEmpty()) {
      out.add(where + "rules must not be empty");
      return out;
    }
    Set<String> names = new HashSet<>();
    for (Rule r : s.rules()) {
      if (r.name() == null || r.name().isBlank()) out.add(where + "a rule has no name");
      else if (!names.add(r.name())) out.add(where + "duplicate rule name " + r.name());
      if (r.freq() == null) {
        out.add(
            where + "rule " + r.name() + ": freq must be hourly, daily, weekly, monthly or yearly");
      }
      if (r.n() < 1 || r.n() > MAX_N) {
        out.add(where + "rule " + r.name() + ": n must be in 1.." + MAX_N + " (got " + r.n() + ")");
      }
    }
    return out;
  }
}
