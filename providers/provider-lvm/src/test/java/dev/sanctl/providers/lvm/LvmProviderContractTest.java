package dev.sanctl.providers.lvm;

import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Provider;
import dev.sanctl.testkit.ContractScenario;
import dev.sanctl.testkit.ProviderContractTest;
import java.util.List;

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
        ContractScenario.simulated("fresh HA pair", d, 1L << 30, sim -> {}),
        ContractScenario.simulated(
            "grow lv_a, remove lv_old, keep unmanaged lv_x",
            d,
            1L << 30,
            sim -> {
              sim.run("n1", "lvcreate", "-L", "32M", "-n", "lv_a", "vg0");
              sim.run("n1", "lvcreate", "-L", "8M", "-n", "lv_old", "vg0");
              sim.run("n1", "lvcreate", "-L", "4M", "-n", "lv_x", "vg0");
            }));
  }
}
