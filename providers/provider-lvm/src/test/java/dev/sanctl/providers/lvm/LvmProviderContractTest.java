package dev.sanctl.providers.lvm;

import dev.sanctl.core.engine.HostFactory;
import dev.sanctl.sim.SimCluster;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Provider;
import dev.sanctl.testkit.ContractScenario;
import dev.sanctl.testkit.ProviderContractTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Supplier;

/** The engine's provider contract for lvm on simulated clusters. */
class LvmProviderContractTest extends ProviderContractTest {
  @Override
  protected Provider provider() {
    return new LvmProvider();
  }

  @Override
  protected List<ContractScenario> scenarios() {
    DesiredState d = LvmStates.state();
    return List.of(
        new ContractScenario("fresh HA pair", d, sim(d)),
        new ContractScenario("grow lv_a, remove lv_old, keep unmanaged lv_x", d,
            sim(d, "lvcreate -L 32M -n lv_a vg0", "lvcreate -L 8M -n lv_old vg0",
                "lvcreate -L 4M -n lv_x vg0")));
  }

  /** Fresh simulated clusters for {@code state}, with {@code setup} commands run on n1. */
  static Supplier<HostFactory> sim(DesiredState state, String... setup) {
    return () -> {
      try {
        SimCluster c = SimCluster.init(Files.createTempDirectory("lvm-contract").resolve("sim"),
            state, 1L << 30);
        for (String cmd : setup) c.run("n1", cmd.split(" "));
        return (node, desired) -> c.host(node.name());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }
}
