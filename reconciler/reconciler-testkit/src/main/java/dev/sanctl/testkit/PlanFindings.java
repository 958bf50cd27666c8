package dev.sanctl.testkit;

import dev.sanctl.core.plan.Plan;
import dev.sanctl.spi.provider.Finding;
import java.util.List;

/** Assertions on the findings of a plan, for provider tests. */
public final class PlanFindings {
  private PlanFindings() {}

  /**
   * The one {@link Finding.Kind#ERROR} finding of {@code plan}; throws {@link AssertionError}
   * naming all findings when there is none or more than one.
   */
  public static Finding onlyError(Plan plan) {
    List<Finding> errors =
        plan.findings().stream().filter(f -> f.kind() == Finding.Kind.ERROR).toList();
    if (errors.size() != 1) {
      throw new AssertionError("expected 1 error, got " + errors.size() + ": " + plan.findings());
    }
    return errors.get(0);
  }
}
