package dev.sanctl.providers.tgt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.engine.Engine;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.provider.ProviderRegistry;
import dev.sanctl.providers.files.FilesProvider;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.spi.provider.Provider;
import dev.sanctl.testkit.Configs;
import dev.sanctl.testkit.ContractScenario;
import dev.sanctl.testkit.ProviderContract;
import dev.sanctl.testkit.ProviderContractTest;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TgtProviderContractTest extends ProviderContractTest {
  static final String CONFIG =
      """
      cluster: {name: lab, iqnPrefix: iqn.2026-01.dev.sanctl:lab}
      nodes:
        lab1: {address: 192.0.2.10, os: linux, services: [tgt], tgt: {controlPort: 7}}
      volumeGroups:
        vg_files:
          type: files
          path: /srv/sanctl/vg_files
          nodes: [lab1]
          volumes:
            lun_a: {size: 64M}
            lun_b: {size: 32M}
      portalGroups:
        pg_lab: {port: 3260, portals: {lab1: [192.0.2.10]}}
      initiatorGroups:
        ig_web: [iqn.1994-05.com.redhat:web1, iqn.1994-05.com.redhat:web2]
      targets:
        - volume: vg_files/lun_a
          serial: LABA-0001
          portalGroup: pg_lab
          initiators: [ig_web]
          chap:
            incoming: [{user: web, secretFile: /etc/sanctl/web.chap}]
        - volume: vg_files/lun_b
          serial: LABB-0002
          portalGroup: pg_lab
          initiators: [iqn.1994-05.com.redhat:db1]
      """;

  static final String IQN_A = "iqn.2026-01.dev.sanctl:lab.pg-lab.vg-files.lun-a";

  @Override
  protected Provider provider() {
    return new TgtProvider();
  }

  @Override
  protected List<Provider> supportingProviders() {
    return List.of(new FilesProvider());
  }

  private static void tgtadm(dev.sanctl.sim.SimCluster sim, String... args) throws IOException {
    List<String> argv = new java.util.ArrayList<>(List.of("tgtadm", "-C", "7", "--lld", "iscsi"));
    argv.addAll(List.of(args));
    var r = sim.host("lab1").run(new Command(argv, null, null, true, null));
    assertEquals(0, r.exitStatus(), r.err());
  }

  /** A tgtd already serving lun_a with a wrong serial, an extra ACL entry and no CHAP. */
  static ContractScenario drifted(DesiredState desired) {
    return ContractScenario.simulated(
        "drifted target is repaired",
        desired,
        1L << 30,
        sim -> {
          sim.run("lab1", "mkdir", "-p", "/srv/sanctl/vg_files");
          sim.run("lab1", "truncate", "-s", "64M", "/srv/sanctl/vg_files/lun_a.img");
          tgtadm(sim, "--op", "new", "--mode", "target", "--tid", "1", "--targetname", IQN_A);
          tgtadm(
              sim,
              "--op",
              "new",
              "--mode",
              "logicalunit",
              "--tid",
              "1",
              "--lun",
              "1",
              "--backing-store",
              "/srv/sanctl/vg_files/lun_a.img");
          tgtadm(
              sim, "--op", "bind", "--mode", "target", "--tid", "1", "--initiator-address", "ALL");
          tgtadm(sim, "--op", "new", "--mode", "portal", "--param", "portal=192.0.2.10:3260");
        });
  }

  @Override
  protected List<ContractScenario> scenarios() {
    DesiredState desired = Configs.load(CONFIG);
    return List.of(
        ContractScenario.simulated(
            "fresh tgtd: targets, LUNs, serials, ACLs, CHAP, portal, config",
            desired,
            1L << 30,
            sim -> {}),
        drifted(desired));
  }

  private static Plan plan(ContractScenario s) {
    try (Engine engine =
        new Engine(
            ProviderRegistry.of(List.of(new FilesProvider(), new TgtProvider())),
            s.hosts().get(),
            ProviderContract.FAKE_SECRETS)) {
      return engine.plan(s.desired(), List.of(), List.of());
    }
  }

  @Test
  void freshPlanCreatesTargetsWithLowestFreeTidsAndHidesSecrets() {
    DesiredState desired = Configs.load(CONFIG);
    Plan plan = plan(ContractScenario.simulated("fresh", desired, 1L << 30, sim -> {}));
    Change a =
        plan.changes().stream().filter(c -> c.name().equals(IQN_A)).findFirst().orElseThrow();
    assertEquals(Impact.NONE, a.impact());
    List<String> shown = a.commands().stream().map(Command::toString).toList();
    assertTrue(
        shown.contains(
            "tgtadm -C 7 --lld iscsi --op new --mode target --tid 1 --targetname " + IQN_A),
        shown.toString());
    assertTrue(
        shown.contains(
            "tgtadm -C 7 --lld iscsi --op update --mode logicalunit --tid 1 --lun 1"
                + " --params scsi_sn=LABA-0001,scsi_id=LABA-0001"),
        shown.toString());
    assertTrue(
        a.commands().stream()
            .anyMatch(
                c ->
                    c.executable().equals("perl")
                        && c.argv().equals(List.of("perl", "-e", TgtAccountScript.SOURCE, "7"))),
        shown.toString());
    assertFalse(shown.toString().contains("secret-of-"), "secrets never shown");
    assertTrue(
        plan.changes().stream()
            .anyMatch(
                c ->
                    c.commands().stream()
                        .anyMatch(cmd -> cmd.toString().contains("--tid 2 --targetname"))));
  }

  @Test
  void driftedSerialIsABreakingChangeAndAllIsRemoved() {
    Plan plan = plan(drifted(Configs.load(CONFIG)));
    Change a =
        plan.changes().stream()
            .filter(c -> c.name().equals(IQN_A) && c.kind().equals("target"))
            .findFirst()
            .orElseThrow();
    assertEquals(Impact.BREAKING, a.impact());
    assertTrue(
        a.fields().stream()
            .anyMatch(
                f ->
                    f.path().equals("lun[1].serial")
                        && "beaf11".equals(f.before())
                        && "LABA-0001".equals(f.after())),
        a.fields().toString());
    Change access =
        plan.changes().stream().filter(c -> c.kind().equals("access")).findFirst().orElseThrow();
    assertEquals(IQN_A, access.name());
    assertTrue(
        access.commands().stream().anyMatch(c -> c.toString().endsWith("--initiator-address ALL")));
  }
}
