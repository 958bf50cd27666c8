package dev.sanctl.core.render;

import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.plan.PlanJson;

/** The canonical versioned JSON form (the file {@code plan --out} saves). */
public final class JsonRenderer implements PlanRenderer {
  @Override
  public String render(Plan plan) {
    return PlanJson.write(plan);
  }
}
