package dev.sanctl.providers.zfs;

import dev.sanctl.core.render.TextRenderer;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.testkit.ContractScenario;
import dev.sanctl.testkit.SimulatedPlan;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.approvaltests.reporters.QuietReporter;
import org.junit.jupiter.api.Test;

/** Plans of the zfs provider on the simulator, rendered as text and approved. */
class ZfsPlanApprovalTest {
  private static String render(ContractScenario.Seed seed) {
    DesiredState desired = ZfsProviderContractTest.load(ZfsProviderContractTest.CONFIG);
    return new TextRenderer(false).render(SimulatedPlan.of(desired, seed, new ZfsProvider()));
  }

  private static Options txt() {
    return new Options().withReporter(new QuietReporter()).forFile().withExtension(".txt");
  }

  @Test
  void emptyPool() {
    Approvals.verify(render(sim -> {}), txt());
  }

  @Test
  void driftedPropertiesAndASmallVolume() {
    Approvals.verify(
        render(
            sim -> {
              sim.run("head1", "zfs", "create", "-o", "compression=off", "tank/vm");
              sim.run(
                  "head1",
                  "zfs",
                  "create",
                  "-s",
                  "-V",
                  "1G",
                  "-b",
                  "64K",
                  "-o",
                  "org.example:snaprotate_schedule=OLD",
                  "tank/vm/VM_A_lun:00");
            }),
        txt());
  }
}
