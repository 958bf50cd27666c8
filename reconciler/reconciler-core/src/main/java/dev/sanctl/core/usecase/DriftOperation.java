package dev.sanctl.core.usecase;

import dev.sanctl.core.apply.StateFile;
import dev.sanctl.core.engine.Engine;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Finding;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The drift use case ({@code sanctl drift} and the daemon's drift check): a plan read as a drift
 * report, and its {@code last-drift.json} record for {@code sanctl status}, built here only. Read
 * only, so no cluster lock; a repair is an {@link ApplyOperation}.
 */
public final class DriftOperation {
  private final Engine engine;

  public DriftOperation(Engine engine) {
    this.engine = engine;
  }

  /**
   * A drift report.
   *
   * @param plan the plan of the desired state against live state
   */
  public record DriftReport(Plan plan) {
    /** Drift and error findings (differences a plan cannot correct, such as a grown volume). */
    public long driftFindings() {
      return plan.findings().stream()
          .filter(f -> f.kind() == Finding.Kind.DRIFT || f.kind() == Finding.Kind.ERROR)
          .count();
    }

    /** Live state differs: changes, or drift or error findings. */
    public boolean drift() {
      return plan.hasChanges() || driftFindings() > 0;
    }

    /** A node could not be observed, so whether it drifted is unknown. */
    public boolean incomplete() {
      return !plan.complete();
    }

    /** {@code incomplete} (wins), {@code drift} or {@code clean}. */
    public String status() {
      return incomplete() ? "incomplete" : drift() ? "drift" : "clean";
    }

    /** The {@code last-drift.json} record of this report for {@code revision}. */
    public Map<String, Object> record(String revision, Instant time) {
      Map<String, Object> m = new TreeMap<>();
      m.put("time", time.toString());
      m.put("revision", revision);
      m.put("status", status());
      m.put("drift", drift());
      m.put("changes", plan.changes().size());
      m.put("driftFindings", driftFindings());
      m.put("unknownNodes", plan.unknownNodes().size());
      return m;
    }

    /** Writes {@link #record} to {@code last-drift.json} in the state directory. */
    public void write(Path stateDir, String revision, Instant time) {
      StateFile.write(stateDir, StateFile.LAST_DRIFT, record(revision, time));
    }
  }

  /** Observes and plans {@code scope} (all nodes when empty) as a drift report. */
  public DriftReport run(DesiredState desired, List<String> scope, List<Diagnostic> warnings) {
    return new DriftReport(engine.plan(desired, scope, warnings));
  }
}
