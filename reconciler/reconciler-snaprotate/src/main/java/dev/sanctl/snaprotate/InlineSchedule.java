package dev.sanctl.snaprotate;

import dev.sanctl.spi.model.SnapshotSchedule;
import dev.sanctl.spi.model.SnapshotSchedule.Freq;
import dev.sanctl.spi.model.SnapshotSchedule.Rule;
import dev.sanctl.spi.model.SourceRef;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A schedule given on the command line instead of a config repository: rules as {@code
 * NAME:freq:n[,NAME:freq:n]...} (e.g. {@code D60:daily:60,W16:weekly:16}).
 */
public final class InlineSchedule {
  private InlineSchedule() {}

  /** A schedule that could not be built, with every problem. */
  public static final class InvalidSchedule extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public InvalidSchedule(List<String> problems) {
      super(String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }

  /** Builds and validates (2.11) the schedule. */
  public static SnapshotSchedule parse(String name, String zone, int keepLast, String rules)
      throws InvalidSchedule {
    List<String> problems = new ArrayList<>();
    ZoneId z = null;
    try {
      z = ZoneId.of(zone);
    } catch (DateTimeException e) {
      problems.add("zone '" + zone + "' is not a valid IANA zone id (e.g. UTC, America/New_York)");
    }
    List<Rule> parsed = new ArrayList<>();
    for (String r : rules.isBlank() ? new String[0] : rules.split(",")) {
      String[] f = r.trim().split(":");
      if (f.length != 3) {
        problems.add("rule '" + r + "' is not NAME:freq:n");
        continue;
      }
      Freq freq = null;
      try {
        freq = Freq.valueOf(f[1].trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(
            "rule "
                + f[0]
                + ": freq '"
                + f[1]
                + "' must be hourly, daily, weekly, monthly or yearly");
      }
      int n = 0;
      try {
        n = Integer.parseInt(f[2].trim());
      } catch (NumberFormatException e) {
        problems.add("rule " + f[0] + ": n '" + f[2] + "' is not an integer");
        continue;
      }
      if (freq != null) parsed.add(new Rule(f[0].trim(), freq, n));
    }
    if (!problems.isEmpty()) throw new InvalidSchedule(problems);
    SnapshotSchedule s = new SnapshotSchedule(name, z, keepLast, parsed, SourceRef.NONE);
    List<String> more = ScheduleValidator.problems(s);
    if (!more.isEmpty()) throw new InvalidSchedule(more);
    return s;
  }
}
