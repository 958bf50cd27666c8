package dev.sanctl.testkit;

import dev.sanctl.core.plan.Plan;
import dev.sanctl.spi.provider.Change;

/** Finding the planned changes a provider test asserts on. */
public final class PlannedChanges {
  private PlannedChanges() {}

  /** The change of {@code plan} at {@code address}; {@link AssertionError} if none is planned. */
  public static Change at(Plan plan, String address) {
    return plan.changes().stream()
        .filter(c -> c.address().equals(address))
        .findFirst()
        .orElseThrow(() -> new AssertionError(address + " not planned: " + plan.changes()));
  }
}
