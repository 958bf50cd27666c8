package dev.sanctl.testkit;

import dev.sanctl.core.engine.Engine;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.provider.ProviderRegistry;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Provider;
import java.util.List;

/** The plan of {@code providers} for a desired state against a seeded simulated cluster. */
public final class SimulatedPlan {
  private SimulatedPlan() {}

  /**
   * Plans {@code desired} with {@code providers} against a simulated cluster (1 GiB volume groups)
   * that {@code seed} prepared; secrets are {@link ProviderContract#FAKE_SECRETS}.
   */
  public static Plan of(DesiredState desired, ContractScenario.Seed seed, Provider... providers) {
    ContractScenario s = ContractScenario.simulated("plan", desired, 1L << 30, seed);
    try (Engine engine =
        new Engine(
            ProviderRegistry.of(List.of(providers)),
            s.hosts().get(),
            ProviderContract.FAKE_SECRETS)) {
      return engine.plan(desired, List.of(), List.of());
    }
  }
}
