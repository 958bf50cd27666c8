package dev.sanctl.providers.iet;

import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.engine.HostFactory;
import dev.sanctl.providers.files.FilesProvider;
import dev.sanctl.providers.lvm.LvmProvider;
import dev.sanctl.sim.SimCluster;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Provider;
import dev.sanctl.testkit.ContractScenario;
import dev.sanctl.testkit.ProviderContractTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

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
        new ContractScenario("amherst HA pair, fresh", Amherst.state(), sim(Amherst.state())),
        new ContractScenario("quickstart (lvm and files groups)", quickstart, sim(quickstart)),
        new ContractScenario("amherst, server01 offline",
            Amherst.with(Amherst.GLOBALS, "offline", Amherst.LVM),
            sim(Amherst.with(Amherst.GLOBALS, "offline", Amherst.LVM))));
  }

  /** Fresh simulated clusters for {@code state}, one per scenario run. */
  static Supplier<HostFactory> sim(DesiredState state) {
    return () -> {
      try {
        SimCluster c = SimCluster.init(Files.createTempDirectory("iet-contract").resolve("sim"),
            state, 1024 * SimSan.GIB, SimSan.CLOCK);
        return (node, desired) -> c.host(node.name());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }
}
