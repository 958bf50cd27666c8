package dev.sanctl.providers.backup;

import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Provider;
import dev.sanctl.testkit.ContractScenario;
import dev.sanctl.testkit.ProviderContractTest;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** The provider contract on the simulated archive host of {@code backup-cluster/}. */
class BackupProviderContractTest extends ProviderContractTest {
  static DesiredState desired() {
    try {
      return BackupProviderSimTest.load(
          Path.of(
                  BackupProviderContractTest.class
                      .getResource("/backup-cluster/cluster.yaml")
                      .toURI())
              .getParent());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  protected Provider provider() {
    return new BackupProvider();
  }

  @Override
  protected List<ContractScenario> scenarios() {
    DesiredState desired = desired();
    return List.of(
        ContractScenario.simulated(
            "empty archive pool: checksum filesystem and volumes created",
            desired,
            1L << 30,
            sim -> {}),
        ContractScenario.simulated(
            "drifted schedule, a too small volume, snapshots without" + " checksum files",
            desired,
            1L << 30,
            sim -> {
              sim.run("arch1", "zfs", "create", "archive/ddless");
              sim.run(
                  "arch1",
                  "zfs",
                  "create",
                  "-V",
                  "1048576",
                  "-o",
                  "dev.sanctl:snaprotate_schedule=OTHER",
                  "archive/lv_data_bk");
              sim.run("arch1", "zfs", "snapshot", "archive/lv_data_bk@2026-11-20_10.00.00");
            }),
        ContractScenario.simulated(
            "archive pool without a mount point",
            desired,
            1L << 30,
            sim -> sim.run("arch1", "zfs", "set", "mountpoint=none", "archive")));
  }
}
