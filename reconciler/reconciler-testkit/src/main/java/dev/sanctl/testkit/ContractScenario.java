package dev.sanctl.testkit;

import dev.sanctl.core.engine.HostFactory;
import dev.sanctl.spi.model.DesiredState;
import java.util.function.Supplier;

/**
 * One scenario of the provider contract: a desired state and fresh hosts whose live state is the
 * starting point (a simulated cluster, or {@link FakeHost}s scripted to follow the commands).
 *
 * @param hosts called once per scenario run; the hosts it opens must keep state between observe,
 *     apply and re-observe
 */
public record ContractScenario(String name, DesiredState desired, Supplier<HostFactory> hosts) {
  @Override
  public String toString() {
    return name;
  }
}
