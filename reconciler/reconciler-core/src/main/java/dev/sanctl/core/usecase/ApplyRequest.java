package dev.sanctl.core.usecase;

import dev.sanctl.core.apply.ApprovalPolicy;
import dev.sanctl.core.plan.PlanJson;
import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.model.DesiredState;
import java.util.List;

/**
 * What to apply.
 *
 * @param desired the desired state (its revision is recorded in {@code last-apply.json})
 * @param scope the nodes to observe, plan and apply; empty for all nodes
 * @param warnings diagnostics of loading the configuration, shown with the plan
 * @param saved a saved plan that the fresh plan must equal (else nothing is applied), or null
 * @param approval which destructive and disruptive changes may be applied
 * @param by who applies, recorded as {@code by} in {@code last-apply.json}; null for a human
 */
public record ApplyRequest(
    DesiredState desired,
    List<String> scope,
    List<Diagnostic> warnings,
    PlanJson.Saved saved,
    ApprovalPolicy approval,
    String by) {
  public ApplyRequest {
    scope = List.copyOf(scope);
    warnings = List.copyOf(warnings);
  }
}
