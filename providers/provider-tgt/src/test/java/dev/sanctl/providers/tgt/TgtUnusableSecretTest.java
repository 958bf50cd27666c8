package dev.sanctl.providers.tgt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.engine.Engine;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.provider.ProviderRegistry;
import dev.sanctl.providers.files.FilesProvider;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.testkit.Configs;
import dev.sanctl.testkit.ContractScenario;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A target whose CHAP secret file cannot be used is an error naming the file, and not planned. */
class TgtUnusableSecretTest {
  @Test
  void aTargetWhoseSecretFileCannotBeReadIsRefusedAndTheOthersArePlanned() {
    DesiredState desired = Configs.load(TgtProviderContractTest.CONFIG);
    PlanContext.SecretResolver refusing =
        path -> {
          throw new PlanContext.SecretException("secret file " + path + " is readable by others");
        };
    ContractScenario s = ContractScenario.simulated("unusable secret", desired, 1L << 30, x -> {});
    Plan plan;
    try (Engine engine =
        new Engine(
            ProviderRegistry.of(List.of(new FilesProvider(), new TgtProvider())),
            s.hosts().get(),
            refusing)) {
      plan = engine.plan(desired, List.of(), List.of());
    }
    List<Finding> errors =
        plan.findings().stream().filter(f -> f.kind() == Finding.Kind.ERROR).toList();
    assertEquals(1, errors.size(), errors.toString());
    Finding f = errors.get(0);
    assertEquals("lab1/tgt.target/" + TgtProviderContractTest.IQN_A, f.address());
    assertEquals("secret file /etc/sanctl/web.chap is readable by others", f.message());
    assertEquals("fix the CHAP secret file (readable by sanctl only: chmod 600)", f.hint());
    assertFalse(
        plan.changes().stream().anyMatch(c -> c.name().equals(TgtProviderContractTest.IQN_A)),
        "nothing is planned for the refused target");
    assertTrue(
        plan.changes().stream().anyMatch(c -> c.name().endsWith("vg-files.lun-b")),
        "the target without CHAP is still planned: " + plan.changes());
  }
}
