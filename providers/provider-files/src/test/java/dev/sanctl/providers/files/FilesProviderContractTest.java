package dev.sanctl.providers.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.engine.Engine;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.provider.ProviderRegistry;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Provider;
import dev.sanctl.testkit.Configs;
import dev.sanctl.testkit.ContractScenario;
import dev.sanctl.testkit.PlanFindings;
import dev.sanctl.testkit.ProviderContract;
import dev.sanctl.testkit.ProviderContractTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's provider contract for files on simulated clusters; shrink refusal. */
class FilesProviderContractTest extends ProviderContractTest {
  static final String CONFIG =
      """
      cluster: {name: lab, iqnPrefix: iqn.2026-01.dev.sanctl:lab}
      nodes:
        lab1: {address: 192.0.2.10, os: linux, services: [iet]}
      volumeGroups:
        vg_files:
          type: files
          path: /srv/sanctl/vg_files
          nodes: [lab1]
          volumes:
            lun_a: {size: 64M}
            lun_b: {size: 1G}
            lun_old: {size: 1M, state: absent}
      """;

  @Override
  protected Provider provider() {
    return new FilesProvider();
  }

  @Override
  protected List<ContractScenario> scenarios() {
    DesiredState desired = Configs.load(CONFIG);
    return List.of(
        ContractScenario.simulated(
            "empty node: directory and sparse files created", desired, 1L << 30, sim -> {}),
        ContractScenario.simulated(
            "smaller file is grown, existing one kept",
            desired,
            1L << 30,
            sim -> {
              sim.run("lab1", "mkdir", "-p", "/srv/sanctl/vg_files");
              sim.run("lab1", "truncate", "-s", "1M", "/srv/sanctl/vg_files/lun_a.img");
              sim.run("lab1", "truncate", "-s", "1G", "/srv/sanctl/vg_files/lun_b.img");
            }),
        ContractScenario.simulated(
            "absent volume is removed",
            desired,
            1L << 30,
            sim -> {
              sim.run("lab1", "mkdir", "-p", "/srv/sanctl/vg_files");
              sim.run("lab1", "truncate", "-s", "1M", "/srv/sanctl/vg_files/lun_old.img");
            }));
  }

  @Test
  void shrinkingIsRefusedWithAnExplanation() {
    DesiredState desired = Configs.load(CONFIG);
    ContractScenario bigger =
        ContractScenario.simulated(
            "bigger",
            desired,
            1L << 30,
            sim -> {
              sim.run("lab1", "mkdir", "-p", "/srv/sanctl/vg_files");
              sim.run("lab1", "truncate", "-s", "128M", "/srv/sanctl/vg_files/lun_a.img");
            });
    Plan plan;
    try (Engine engine =
        new Engine(
            ProviderRegistry.of(List.of(new FilesProvider())),
            bigger.hosts().get(),
            ProviderContract.FAKE_SECRETS)) {
      plan = engine.plan(desired, List.of(), List.of());
    }
    Finding error = PlanFindings.onlyError(plan);
    assertTrue(
        error
            .message()
            .equals(
                "volumes never shrink: vg_files/lun_a current 134217728 bytes,"
                    + " desired 67108864 bytes; grow-only"),
        error.message());
    assertEquals("config.yaml:10:7", error.source().toString());
    assertTrue(plan.changes().stream().noneMatch(c -> c.name().equals("vg_files/lun_a")));
  }
}
