package dev.sanctl.spi.provider;

import java.util.List;

/** What {@link Provider#plan} returns: ordered changes and findings. */
public record PlanResult(List<Change> changes, List<Finding> findings) {
  public PlanResult {
    changes = List.copyOf(changes);
    findings = List.copyOf(findings);
  }

  public static PlanResult empty() {
    return new PlanResult(List.of(), List.of());
  }
}
