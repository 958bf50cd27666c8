package dev.sanctl.core.usecase;

import dev.sanctl.core.engine.Engine;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.model.DesiredState;
import java.util.List;

/**
 * The plan use case ({@code sanctl plan}): observe the nodes of the scope and plan, without the
 * cluster lock (a plan changes nothing; {@link ApplyOperation} re-plans under the lock before it
 * applies, and a saved plan is checked against that fresh plan).
 */
public final class PlanOperation {
  private final Engine engine;

  public PlanOperation(Engine engine) {
    this.engine = engine;
  }

  /** What a plan found, for the CLI to render and map to an exit code. */
  public record PlanReport(Plan plan) {
    /** The plan has errors: an apply of it would apply nothing. */
    public boolean errored() {
      return plan.errored();
    }

    /** A node of the scope could not be observed: the plan is only part of the picture. */
    public boolean incomplete() {
      return !plan.complete();
    }

    public boolean hasChanges() {
      return plan.hasChanges();
    }
  }

  /** Observes and plans {@code scope} (all nodes when empty). */
  public PlanReport run(DesiredState desired, List<String> scope, List<Diagnostic> warnings) {
    return new PlanReport(engine.plan(desired, scope, warnings));
  }
}
