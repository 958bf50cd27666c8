package dev.sanctl.core.apply;

import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.plan.PlanJson;
import dev.sanctl.spi.provider.Change;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Compares a saved plan with a plan recomputed from fresh observations: any difference in the
 * desired state, the observed nodes, any node's observation digest or the planned changes makes the
 * saved plan stale.
 */
public final class StalePlanCheck {
  private StalePlanCheck() {}

  /** Why the saved plan is stale, or empty when the fresh plan is the same plan. */
  public static Optional<String> staleness(PlanJson.Saved saved, Plan fresh) {
    if (!Objects.equals(saved.desiredDigest(), fresh.desiredDigest())) {
      return Optional.of("the desired state changed since the plan was computed");
    }
    if (!Set.copyOf(saved.nodes()).equals(Set.copyOf(fresh.nodes()))) {
      return Optional.of(
          "the plan covers nodes " + saved.nodes() + " but this apply covers " + fresh.nodes());
    }
    for (String n : fresh.nodes()) {
      String before = saved.nodeDigests().get(n);
      String now = fresh.nodeDigests().get(n);
      if (!Objects.equals(before, now)) {
        if (now == null) return Optional.of("node " + n + " can no longer be observed");
        if (before == null) return Optional.of("node " + n + " was unknown when the plan was made");
        return Optional.of("live state of node " + n + " changed since the plan was computed");
      }
    }
    Map<String, List<String>> now = new LinkedHashMap<>();
    for (Change c : fresh.changes()) now.put(c.address(), PlanJson.actions(c.action()));
    if (!now.equals(saved.changes())) {
      return Optional.of("the recomputed changes differ from the saved plan");
    }
    return Optional.empty();
  }
}
