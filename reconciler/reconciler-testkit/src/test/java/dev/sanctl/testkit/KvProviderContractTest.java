package dev.sanctl.testkit;

import static dev.sanctl.core.engine.testing.TestStates.absent;
import static dev.sanctl.core.engine.testing.TestStates.node;
import static dev.sanctl.core.engine.testing.TestStates.state;
import static dev.sanctl.core.engine.testing.TestStates.vg;
import static dev.sanctl.core.engine.testing.TestStates.vol;

import dev.sanctl.core.engine.testing.KvHost;
import dev.sanctl.core.engine.testing.KvLinkProvider;
import dev.sanctl.core.engine.testing.KvProvider;
import dev.sanctl.core.engine.testing.TestStates;
import dev.sanctl.spi.provider.Provider;
import java.util.List;
import java.util.Map;

/** The kit run on the engine's test provider {@code kvlink} (with {@code kv} supporting it). */
class KvProviderContractTest extends ProviderContractTest {
  @Override
  protected Provider provider() {
    return new KvLinkProvider();
  }

  @Override
  protected List<Provider> supportingProviders() {
    return List.of(new KvProvider());
  }

  @Override
  protected List<ContractScenario> scenarios() {
    return List.of(
        new ContractScenario(
            "empty nodes get volumes and links",
            state(
                List.of(node("n1", "kv", "kvlink"), node("n2", "kv", "kvlink")),
                List.of(vg("vg1", "n1", vol("a", 1), vol("b", 2)), vg("vg2", "n2", vol("c", 3)))),
            () -> TestStates.hosts(Map.of("n1", new KvHost("n1"), "n2", new KvHost("n2")))),
        new ContractScenario(
            "grow, fix a link and destroy an absent volume",
            state(
                List.of(node("n1", "kv", "kvlink")),
                List.of(vg("vg1", "n1", vol("a", 10), absent("old")))),
            () ->
                TestStates.hosts(
                    Map.of(
                        "n1",
                        new KvHost("n1")
                            .put("vg1/a", "5")
                            .put("link:vg1/a", "/dev/wrong")
                            .put("vg1/old", "1")
                            .put("link:vg1/old", "/dev/vg1/old")))));
  }
}
