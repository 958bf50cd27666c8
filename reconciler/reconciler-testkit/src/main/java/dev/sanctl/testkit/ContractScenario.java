package dev.sanctl.testkit;

import dev.sanctl.core.engine.HostFactory;
import dev.sanctl.sim.SimCluster;
import dev.sanctl.spi.model.DesiredState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * One scenario of the provider contract: a desired state and fresh hosts whose live state is the
 * starting point (a simulated cluster, or {@link FakeHost}s scripted to follow the commands).
 *
 * @param hosts called once per scenario run; the hosts it opens must keep state between observe,
 *     apply and re-observe
 */
public record ContractScenario(String name, DesiredState desired, Supplier<HostFactory> hosts) {
  /** Seeds a fresh simulated cluster before the scenario runs (e.g. drift made by hand). */
  @FunctionalInterface
  public interface Seed {
    void apply(SimCluster sim) throws IOException;
  }

  /**
   * A scenario on a fresh simulated cluster made by {@code sanctl sim init} for {@code desired}
   * (volume groups of {@code vgSizeBytes}), then changed by {@code seed}.
   */
  public static ContractScenario simulated(
      String name, DesiredState desired, long vgSizeBytes, Seed seed) {
    return new ContractScenario(
        name,
        desired,
        () -> {
          try {
            Path dir = Files.createTempDirectory("sanctl-contract-sim");
            SimCluster sim = SimCluster.init(dir.resolve("sim"), desired, vgSizeBytes);
            seed.apply(sim);
            return (node, d) -> sim.host(node.name());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  @Override
  public String toString() {
    return name;
  }
}
