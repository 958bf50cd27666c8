package dev.sanctl.providers.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.plan.Plan;
import dev.sanctl.sim.zfs.ZfsTool;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Provider;
import dev.sanctl.testkit.Configs;
import dev.sanctl.testkit.ContractScenario;
import dev.sanctl.testkit.ProviderContractTest;
import dev.sanctl.testkit.SimulatedPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZfsProviderContractTest extends ProviderContractTest {
  static final String CONFIG =
      """
      cluster: {name: lab, iqnPrefix: iqn.2026-01.dev.sanctl:lab, propertyNamespace: org.example}
      nodes:
        head1: {address: 192.0.2.10, os: illumos, services: [zfs]}
        head2: {address: 192.0.2.11, os: illumos, services: [zfs]}
      snapshotSchedules:
        DAILY: {rules: [{name: D7, freq: daily, n: 7}]}
      pools:
        tank:
          nodes: [head1, head2]
          datasets:
            tank/vm: {properties: {compression: lz4, "org.example:owner": ops}}
            tank/vm/db: {properties: {atime: "off"}}
          volumeDefaults: {sparse: true, blockSize: 64K, snapshotSchedule: DAILY}
          volumes:
            "tank/vm/VM_A_lun:00": {size: 20G}
            "tank/vm/VM_B_lun:01": {size: 1G, sparse: false, blockSize: 8K, properties: {compression: "on"}}
      """;

  static DesiredState load(String yaml) {
    return Configs.load(yaml);
  }

  @Override
  protected Provider provider() {
    return new ZfsProvider();
  }

  @Override
  protected List<ContractScenario> scenarios() {
    DesiredState desired = load(CONFIG);
    return List.of(
        ContractScenario.simulated(
            "empty pool: filesystems and volumes created", desired, 1L << 30, sim -> {}),
        ContractScenario.simulated(
            "small volume grown, drifted properties set, schedule added",
            desired,
            1L << 30,
            sim -> {
              sim.run("head1", "zfs", "create", "-o", "compression=off", "tank/vm");
              sim.run(
                  "head1", "zfs", "create", "-s", "-V", "1G", "-b", "64K", "tank/vm/VM_A_lun:00");
            }),
        ContractScenario.simulated(
            "pool imported on the second node",
            desired,
            1L << 30,
            sim -> {
              sim.onNode(
                  "head1",
                  n -> {
                    n.setPoolImported("tank", false);
                    return null;
                  });
              sim.onNode(
                  "head2",
                  n -> {
                    n.setPoolImported("tank", true);
                    return null;
                  });
            }));
  }

  private static Plan plan(DesiredState desired, ContractScenario.Seed seed) {
    return SimulatedPlan.of(desired, seed, new ZfsProvider());
  }

  private static List<Finding> errors(Plan plan) {
    return plan.findings().stream().filter(f -> f.kind() == Finding.Kind.ERROR).toList();
  }

  @Test
  void shrinkingIsRefusedWithTheSourceLocation() {
    Plan plan =
        plan(
            load(CONFIG),
            sim -> {
              sim.run(
                  "head1",
                  "zfs",
                  "create",
                  "-p",
                  "-s",
                  "-V",
                  "30G",
                  "-b",
                  "64K",
                  "tank/vm/VM_A_lun:00");
            });
    List<Finding> errors = errors(plan);
    assertEquals(1, errors.size(), plan.findings().toString());
    assertTrue(
        errors.get(0).message().contains("would shrink from 32212254720 to 21474836480 bytes"),
        errors.get(0).message());
    assertEquals("config.yaml:15:7", errors.get(0).source().toString());
  }

  @Test
  void thickVolumeLargerThanThePoolIsAPlanError() {
    Plan plan =
        plan(
            load(CONFIG),
            sim ->
                ZfsTool.edit(sim.onNode("head1", n -> n), z -> z.setPoolSize("tank", 512L << 20)));
    List<Finding> errors = errors(plan);
    assertEquals(1, errors.size(), plan.findings().toString());
    assertTrue(
        errors
            .get(0)
            .message()
            .startsWith("volume tank/vm/VM_B_lun:01 needs 1073741824 bytes but pool tank has "),
        errors.get(0).message());
    assertTrue(plan.changes().stream().noneMatch(c -> c.name().equals("tank/vm/VM_B_lun:01")));
  }

  @Test
  void poolImportedNowhereIsUnknown() {
    Plan plan =
        plan(
            load(CONFIG),
            sim ->
                sim.onNode(
                    "head1",
                    n -> {
                      n.setPoolImported("tank", false);
                      return null;
                    }));
    assertTrue(plan.changes().isEmpty(), plan.changes().toString());
    assertEquals(1, plan.findings().size());
    assertEquals(Finding.Kind.WARNING, plan.findings().get(0).kind());
    assertTrue(plan.findings().get(0).message().contains("is not imported on any node"));
  }
}
