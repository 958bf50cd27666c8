package dev.sanctl.providers.tgt;

import static dev.sanctl.testkit.PlannedChanges.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.apply.ApprovalPolicy;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.testkit.Configs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How access changes of tgt targets are classified, on a simulated node. */
class TgtAccessTest {
  static final String IQN_A = TgtProviderContractTest.IQN_A;
  static final String WEB1 = "iqn.1994-05.com.redhat:web1";
  static final String STRANGER = "iqn.2026-01.dev.sanctl:not-listed";

  @TempDir Path dir;
  DesiredState desired;
  TgtSim sim;

  @BeforeEach
  void applied() throws Exception {
    desired = Configs.load(TgtProviderContractTest.CONFIG);
    sim = new TgtSim(dir, desired);
    sim.apply(desired);
  }

  @Test
  void aLiveAllFoundByDriftIsRemovedAsASecurityFixWithoutAllowDisruptive() throws Exception {
    String tid = Integer.toString(sim.tid(IQN_A));
    sim.tgtadm("--op", "bind", "--mode", "target", "--tid", tid, "--initiator-address", "ALL");
    sim.session(IQN_A, WEB1);
    sim.session(IQN_A, STRANGER);

    Plan plan = sim.plan(desired);
    Change fix = at(plan, "lab1/tgt.access/" + IQN_A);
    assertEquals(Impact.NONE, fix.impact());
    assertTrue(fix.reason().startsWith("SECURITY: "), fix.reason());
    assertEquals(List.of(STRANGER), fix.affectedInitiators(), "who is refused at next login");
    assertTrue(
        fix.commands()
            .get(0)
            .toString()
            .endsWith("--op unbind --mode target --tid 1" + " --initiator-address ALL"),
        fix.commands().toString());
    assertTrue(
        plan.findings().stream()
            .anyMatch(
                f ->
                    f.kind() == Finding.Kind.WARNING
                        && f.message().contains("open to every initiator")
                        && f.message().contains(STRANGER)),
        plan.findings().toString());
    assertEquals(List.of(), new ApprovalPolicy(false, false).refusals(plan));

    sim.apply(desired);
    assertFalse(sim.acls().get(IQN_A).contains("ALL"), sim.acls().toString());
  }
}
