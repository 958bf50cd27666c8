package dev.sanctl.core.render;

import dev.sanctl.core.plan.Plan;

/**
 * Turns a finished {@link Plan} into text. Renderers never compute diffs; output is byte for byte
 * deterministic and never contains a secret.
 */
public interface PlanRenderer {
  String render(Plan plan);
}
