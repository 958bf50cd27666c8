package dev.sanctl.providers.iet;

import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.providers.files.FilesProvider;
import dev.sanctl.providers.lvm.LvmProvider;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Provider;
import dev.sanctl.testkit.ContractScenario;
import dev.sanctl.testkit.ProviderContractTest;
import java.nio.file.Path;
import java.util.List;

/** The engine's provider contract for iet, with lvm and files, on simulated clusters. */
class IetProviderContractTest extends ProviderContractTest {
  @Override
  protected Provider provider() {
    return new IetProvider();
  }

  @Override
  protected List<Provider> supportingProviders() {
    return List.of(new LvmProvider(), new FilesProvider());
  }

  @Override
  protected List<ContractScenario> scenarios() {
    DesiredState quickstart =
        ConfigLoader.loadDirectory(Path.of("../../examples/quickstart")).state();
    return List.of(
        sim("amherst HA pair, fresh", Amherst.state()),
        sim("quickstart (lvm and files groups)", quickstart),
        sim("amherst, server01 offline", Amherst.with(Amherst.GLOBALS, "offline", Amherst.LVM)));
  }

  static ContractScenario sim(String name, DesiredState state) {
    return ContractScenario.simulated(name, state, 1024 * SimSan.GIB, sim -> {});
  }
}
