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

/**
 * Nothing is unexported by omission, and every change that takes access away is classified: on a
 * simulated tgt node where {@link TgtProviderContractTest#CONFIG} was applied.
 */
class TgtOmissionTest {
  static final String CONFIG = TgtProviderContractTest.CONFIG;
  static final String IQN_A = TgtProviderContractTest.IQN_A;
  static final String IQN_B = "iqn.2026-01.dev.sanctl:lab.pg-lab.vg-files.lun-b";
  static final String WEB1 = "iqn.1994-05.com.redhat:web1";
  static final String WEB2 = "iqn.1994-05.com.redhat:web2";
  static final String TARGET_A =
      CONFIG.substring(
          CONFIG.indexOf("  - volume: vg_files/lun_a"),
          CONFIG.indexOf("  - volume: vg_files/lun_b"));
  static final String TARGET_B = CONFIG.substring(CONFIG.indexOf("  - volume: vg_files/lun_b"));
  static final String CONFIG_FILE = "lab1/tgt.config/" + TgtPersistedConfig.CONFIG_FILE;

  @TempDir Path dir;
  TgtSim sim;

  @BeforeEach
  void applied() throws Exception {
    DesiredState desired = Configs.load(CONFIG);
    sim = new TgtSim(dir, desired);
    sim.apply(desired);
    assertEquals(List.of(), sim.plan(desired).changes());
  }

  private static DesiredState yaml(String text) {
    assertTrue(!text.equals(CONFIG), "the variant differs from CONFIG");
    return Configs.load(text);
  }

  @Test
  void aTargetRemovedFromTheYamlStaysServedAndPersisted() throws Exception {
    sim.session(IQN_A, WEB1);
    DesiredState withoutA = yaml(CONFIG.replace(TARGET_A, ""));

    Plan plan = sim.plan(withoutA);

    assertEquals(List.of(), plan.changes(), "neither the runtime nor the persisted file changes");
    assertTrue(
        plan.findings().stream()
            .anyMatch(f -> f.kind() == Finding.Kind.UNMANAGED && f.message().contains(IQN_A)),
        plan.findings().toString());
    sim.restartAndRestore();
    assertEquals(List.of(IQN_A, IQN_B), List.copyOf(sim.acls().keySet()), "both come back");
  }

  @Test
  void renamingAVolumeNeverCreatesASecondTargetWithTheLiveSerial() throws Exception {
    sim.session(IQN_A, WEB1);
    String renamed =
        CONFIG
            .replace("lun_a: {size: 64M}", "lun_a2: {size: 64M}")
            .replace("volume: vg_files/lun_a\n", "volume: vg_files/lun_a2\n");
    Plan plan = sim.plan(yaml(renamed));

    String newIqn = IQN_A + "2";
    assertTrue(
        plan.findings().stream()
            .anyMatch(
                f ->
                    f.kind() == Finding.Kind.ERROR
                        && f.address().equals("lab1/tgt.target/" + newIqn)
                        && f.message()
                            .contains("serial LABA-0001 is served by the live target " + IQN_A)
                        && f.hint().contains("state: absent")
                        && f.source() != null
                        && f.source().line() > 0),
        plan.findings().toString());
    assertTrue(
        plan.changes().stream().noneMatch(c -> c.address().contains(newIqn)),
        "no second target with the live serial: " + plan.changes());
    assertEquals(
        List.of(),
        plan.changes().stream().filter(c -> c.provider().equals("tgt")).toList(),
        "no tgt change at all: no second target, no block for it in the persisted file");
  }

  @Test
  void aKeptBlockWithoutInitiatorAddressIsClosedSoARestartDoesNotOpenIt() throws Exception {
    String file = sim.run("cat", TgtPersistedConfig.CONFIG_FILE).out();
    String older = file.replace("\tinitiator-address " + TgtAcl.NO_ADDRESS + "\n", "");
    sim.write(TgtPersistedConfig.CONFIG_FILE, older);
    DesiredState withoutA = yaml(CONFIG.replace(TARGET_A, ""));

    Change rewrite = at(sim.plan(withoutA), CONFIG_FILE);
    assertEquals(Impact.NONE, rewrite.impact());
    assertTrue(
        rewrite.fields().stream().anyMatch(f -> f.path().equals("target[" + IQN_A + "]")),
        rewrite.fields().toString());
    sim.apply(withoutA);
    sim.restartAndRestore();
    assertFalse(sim.acls().get(IQN_A).contains("ALL"), sim.acls().toString());
  }

  @Test
  void stateAbsentDropsTheExportNowAndAtRestartOnlyWithApproval() throws Exception {
    sim.session(IQN_A, WEB1);
    DesiredState absent =
        yaml(
            CONFIG.replace(
                "    serial: LABA-0001\n", "    serial: LABA-0001\n    state: absent\n"));

    Plan plan = sim.plan(absent);

    Change file = at(plan, CONFIG_FILE);
    assertEquals(Impact.DISRUPTIVE, file.impact());
    assertEquals(List.of(WEB1), file.affectedInitiators());
    assertTrue(file.requiresApproval());
    assertTrue(file.reason().contains("drops the export of " + IQN_A), file.reason());
    Change delete = at(plan, "lab1/tgt.target/" + IQN_A);
    assertEquals(Impact.DISRUPTIVE, delete.impact());
    assertTrue(delete.requiresApproval());
    assertEquals(2, new ApprovalPolicy(false, false).refusals(plan).size());
    assertEquals(List.of(), new ApprovalPolicy(false, true).refusals(plan));
  }

  @Test
  void droppingAPersistedBlockNeedsApprovalEvenWithoutSessions() throws Exception {
    sim.tgtadm("--op", "delete", "--mode", "target", "--tid", Integer.toString(sim.tid(IQN_A)));
    DesiredState absent =
        yaml(
            CONFIG.replace(
                "    serial: LABA-0001\n", "    serial: LABA-0001\n    state: absent\n"));

    Change file = at(sim.plan(absent), CONFIG_FILE);

    assertEquals(Impact.DISRUPTIVE, file.impact());
    assertTrue(file.requiresApproval(), "never none: it unexports at the next restart");
    assertTrue(
        file.fields().stream()
            .anyMatch(f -> f.path().equals("target[" + IQN_A + "]") && f.after() == null),
        file.fields().toString());
  }

  @Test
  void removingAnInitiatorWithASessionIsDisruptiveAndNamesOnlyIt() throws Exception {
    sim.session(IQN_A, WEB1);
    sim.session(IQN_A, WEB2);
    DesiredState onlyWeb1 =
        yaml(CONFIG.replace("initiators: [ig_web]", "initiators: [" + WEB1 + "]"));

    Change a = at(sim.plan(onlyWeb1), "lab1/tgt.target/" + IQN_A);

    assertEquals(Impact.DISRUPTIVE, a.impact());
    assertEquals(List.of(WEB2), a.affectedInitiators(), "web1 keeps its access");
    assertTrue(a.commands().get(0).toString().endsWith("--initiator-name " + WEB2));
  }

  @Test
  void removingAChapAccountIsDisruptiveEvenWithoutSessions() throws Exception {
    DesiredState noChap =
        yaml(
            CONFIG.replace(
                "    chap:\n      incoming: [{user: web, secretFile: /etc/sanctl/web.chap}]\n",
                ""));

    Plan plan = sim.plan(noChap);
    Change a = at(plan, "lab1/tgt.target/" + IQN_A);

    assertEquals(Impact.DISRUPTIVE, a.impact());
    assertTrue(a.requiresApproval(), a.toString());
    assertTrue(a.reason().contains("removes CHAP account web"), a.reason());
    assertFalse(new ApprovalPolicy(false, false).refusals(plan).isEmpty());
  }

  @Test
  void reorderingTargetsPlansNothing() throws Exception {
    DesiredState reordered = yaml(CONFIG.replace(TARGET_A + TARGET_B, TARGET_B + TARGET_A));

    assertEquals(List.of(), sim.plan(reordered).changes());
  }
}
