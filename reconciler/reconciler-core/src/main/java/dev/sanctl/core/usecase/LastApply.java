package dev.sanctl.core.usecase;

import dev.sanctl.core.apply.ChangeOutcome;
import dev.sanctl.core.apply.StateFile;
import dev.sanctl.core.render.PlanErrors;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code last-apply.json} record that {@code sanctl status} reads, built here only: {@code
 * revision}, {@code time}, {@code status} ({@code ok}, {@code failed}, {@code incomplete}), the
 * {@code applied}, {@code failed} and {@code skipped} counts, {@code planErrors} and {@code
 * unknownNodes} when there are any, and {@code by} when the daemon applied.
 */
public final class LastApply {
  private LastApply() {}

  /** The record of {@code report}, a {@link ApplyReport#recorded() recorded} report. */
  public static Map<String, Object> of(
      ApplyReport report, String revision, Clock clock, String by) {
    Map<String, Object> m = new TreeMap<>();
    m.put("revision", revision);
    m.put("time", clock.instant().toString());
    m.put("status", report.status().key());
    m.put("applied", count(report, ChangeOutcome.Status.APPLIED));
    m.put("failed", count(report, ChangeOutcome.Status.FAILED));
    m.put("skipped", count(report, ChangeOutcome.Status.SKIPPED));
    int errors = PlanErrors.lines(report.plan()).size();
    if (errors > 0) m.put("planErrors", errors);
    if (!report.plan().complete()) m.put("unknownNodes", report.plan().unknownNodes().size());
    if (by != null) m.put("by", by);
    return m;
  }

  /** Writes the record of {@code report} to the state directory. */
  public static void write(
      Path stateDir, ApplyReport report, String revision, Clock clock, String by) {
    StateFile.write(stateDir, StateFile.LAST_APPLY, of(report, revision, clock, by));
  }

  private static long count(ApplyReport report, ChangeOutcome.Status s) {
    return report.result() == null ? 0 : report.result().count(s);
  }
}
