package dev.sanctl.cli.snaprotate;

import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.config.LoadResult;
import dev.sanctl.snaprotate.InlineSchedule;
import dev.sanctl.snaprotate.ScheduleValidator;
import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.SnapshotSchedule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Loads the desired state or an inline schedule; prints problems as the CLI reports them. */
final class ScheduleChoice {
  private ScheduleChoice() {}

  /** The config repository's state, or null after printing its diagnostics. */
  static DesiredState load(Path configDir, PrintWriter err) {
    LoadResult r = ConfigLoader.loadDirectory(configDir);
    if (!r.ok()) {
      for (Diagnostic d : r.diagnostics()) err.println(d.render());
      err.println("sanctl: error: the configuration in " + configDir + " is not valid");
      return null;
    }
    return r.state();
  }

  /** The named schedule of the config, or the inline one; null after printing the problems. */
  static SnapshotSchedule resolve(
      Path configDir, String name, String rules, String zone, Integer keepLast, PrintWriter err) {
    SnapshotSchedule s;
    if (rules != null) {
      try {
        s =
            InlineSchedule.parse(
                name == null ? "INLINE" : name, zone, keepLast == null ? 1 : keepLast, rules);
      } catch (InlineSchedule.InvalidSchedule e) {
        return fail(e.problems(), err);
      }
    } else {
      if (name == null)
        return fail(List.of("give --schedule NAME (with -C CONFIG) or --rules"), err);
      DesiredState state = load(configDir, err);
      if (state == null) return null;
      s = state.snapshotSchedules().get(name);
      if (s == null) {
        return fail(
            List.of(
                "schedule "
                    + name
                    + " is not defined in snapshotSchedules "
                    + state.snapshotSchedules().keySet()),
            err);
      }
      if (keepLast != null) {
        s = new SnapshotSchedule(s.name(), s.zone(), keepLast, s.rules(), s.source());
      }
    }
    List<String> problems = ScheduleValidator.problems(s);
    return problems.isEmpty() ? s : fail(problems, err);
  }

  private static SnapshotSchedule fail(List<String> problems, PrintWriter err) {
    for (String p : problems) err.println("sanctl: error: " + p);
    return null;
  }
}
