package dev.sanctl.core.apply;

import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.render.PlanErrors;
import java.util.List;

/**
 * Thrown by {@link Applier#apply} for a plan with errors ({@link Plan#errored()}): such a plan
 * applies nothing, whoever calls the applier. Callers (apply, watch) check {@link Plan#errored()}
 * first and report the errors in their own words; this is the last line of defence.
 */
public final class PlanHasErrorsException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> errors;

  PlanHasErrorsException(Plan plan) {
    this(PlanErrors.lines(plan));
  }

  private PlanHasErrorsException(List<String> errors) {
    super(
        "the plan has "
            + errors.size()
            + " error(s), first: "
            + (errors.isEmpty() ? "(none)" : errors.get(0))
            + "; nothing was applied");
    this.errors = List.copyOf(errors);
  }

  /** The plan's errors, one line each (see {@link PlanErrors#lines}). */
  public List<String> errors() {
    return errors;
  }
}
