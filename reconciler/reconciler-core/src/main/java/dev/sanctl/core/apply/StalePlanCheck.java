package dev.sanctl.core.apply;

import dev.sanctl.core.plan.ChangeFingerprint;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.plan.PlanJson;
import dev.sanctl.spi.provider.Change;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Compares a saved plan with a plan recomputed from fresh observations. The saved plan is stale
 * when the desired state or the nodes in scope changed, a node it observed can no longer be
 * observed (or the other way round), or what it planned changed: a change whose {@link
 * ChangeFingerprint} differs (its live object moved), a change it has that is no longer needed, a
 * change it lacks. Live state it did not plan for (an initiator logging in to another target, a
 * volume created by hand) leaves it current. The reason names the addresses that changed.
 */
public final class StalePlanCheck {
  /** How many addresses a reason names before it says how many more there are. */
  static final int NAMED = 10;

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
      boolean before = saved.nodeDigests().containsKey(n);
      boolean now = fresh.nodeDigests().containsKey(n);
      if (before && !now) return Optional.of("node " + n + " can no longer be observed");
      if (!before && now) return Optional.of("node " + n + " was unknown when the plan was made");
    }
    if (saved.fingerprints().isEmpty() && !saved.changes().isEmpty()) return legacy(saved, fresh);
    Map<String, String> now = new LinkedHashMap<>();
    for (Change c : fresh.changes()) now.put(c.address(), ChangeFingerprint.of(c));
    List<String> moved = new ArrayList<>();
    saved
        .fingerprints()
        .forEach(
            (address, fingerprint) -> {
              String current = now.get(address);
              if (current == null) moved.add(address + " (no longer needs a change)");
              else if (!current.equals(fingerprint)) moved.add(address + " (changed)");
            });
    now.keySet().stream()
        .filter(a -> !saved.fingerprints().containsKey(a))
        .forEach(a -> moved.add(a + " (needs a change the plan does not have)"));
    if (moved.isEmpty()) return Optional.empty();
    return Optional.of("live state changed since the plan was computed: " + named(moved));
  }

  private static String named(List<String> items) {
    if (items.size() <= NAMED) return String.join(", ", items);
    return String.join(", ", items.subList(0, NAMED)) + " and " + (items.size() - NAMED) + " more";
  }

  /** A plan saved without fingerprints: any change of a node's whole observation makes it stale. */
  private static Optional<String> legacy(PlanJson.Saved saved, Plan fresh) {
    for (String n : fresh.nodes()) {
      String before = saved.nodeDigests().get(n);
      if (before != null && !before.equals(fresh.nodeDigests().get(n))) {
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
