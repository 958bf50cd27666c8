package dev.sanctl.providers.cron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.apply.ApprovalPolicy;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.sim.SimCluster;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.model.CronEntry;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.SourceRef;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.spi.provider.NodeState;
import dev.sanctl.spi.provider.ObserveContext;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.PlanResult;
import dev.sanctl.testkit.ContractScenario;
import dev.sanctl.testkit.ProviderContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cron provider on the simulator: Debian and illumos nodes, foreign lines kept. */
class CronProviderSimTest {
  static final String FOREIGN = CrontabBlockTest.FOREIGN;
  static final List<CronEntry> ENTRIES = CrontabBlockTest.ARCHIVE;
  static final List<CronEntry> DRIFT =
      List.of(
          new CronEntry("*/2 * * * *", "sanctl drift --node head1 --notify", null, SourceRef.NONE));

  @TempDir Path dir;
  SimCluster cluster;
  final CronProvider provider = new CronProvider();

  @BeforeEach
  void init() throws Exception {
    DesiredState topo = state(ENTRIES, DRIFT);
    cluster =
        SimCluster.init(
            dir,
            topo,
            1L << 30,
            Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC));
    install("arch1", FOREIGN, "crontab", "-");
    install("head1", FOREIGN, "crontab");
  }

  static DesiredState state(List<CronEntry> arch, List<CronEntry> head) {
    return CronStates.state(
        Map.of("arch1", arch, "head1", head),
        CronStates.node("arch1", "linux"),
        CronStates.node("head1", "illumos"));
  }

  private void install(String node, String text, String... argv) throws Exception {
    assertTrue(
        cluster.host(node).run(Command.change(text.getBytes(StandardCharsets.UTF_8), argv)).ok());
  }

  private String listed(String node) throws Exception {
    return cluster.host(node).run(Command.read("crontab", "-l")).out();
  }

  private ContractScenario scenario(DesiredState s) {
    return new ContractScenario("cron", s, () -> (node, desired) -> cluster.host(node.name()));
  }

  @Test
  void contractHoldsAndForeignLinesSurviveEveryApply() throws Exception {
    Plan first = ProviderContract.check(provider, List.of(), scenario(state(ENTRIES, DRIFT)));
    assertEquals(2, first.changes().size());
    assertEquals(FOREIGN + CrontabBlock.render("amherst", ENTRIES), listed("arch1"));
    assertEquals(FOREIGN + CrontabBlock.render("amherst", DRIFT), listed("head1"));
    assertTrue(first.changes().stream().allMatch(c -> c.action() == Action.CREATE));
    assertEquals(
        List.of("crontab"),
        first.changes().stream()
            .filter(c -> c.node().equals("head1"))
            .findFirst()
            .orElseThrow()
            .commands()
            .get(0)
            .argv());

    Plan update =
        ProviderContract.check(provider, List.of(), scenario(state(ENTRIES.subList(0, 2), DRIFT)));
    assertEquals(1, update.changes().size());
    assertEquals(Action.UPDATE, update.changes().get(0).action());
    assertEquals(FOREIGN + CrontabBlock.render("amherst", ENTRIES.subList(0, 2)), listed("arch1"));

    Plan remove = ProviderContract.check(provider, List.of(), scenario(state(List.of(), DRIFT)));
    assertEquals(Action.DELETE, remove.changes().get(0).action());
    assertEquals(FOREIGN, listed("arch1"));
    assertEquals(FOREIGN + CrontabBlock.render("amherst", DRIFT), listed("head1"));
  }

  @Test
  void removingJobsOrEmptyingTheBlockIsDisruptiveAndNeedsItsFlag() throws Exception {
    ProviderContract.check(provider, List.of(), scenario(state(ENTRIES, DRIFT)));
    Plan fewer =
        ProviderContract.check(provider, List.of(), scenario(state(ENTRIES.subList(0, 2), DRIFT)));
    Change update = fewer.changes().get(0);
    assertEquals(Impact.DISRUPTIVE, update.impact());
    assertTrue(update.requiresApproval());
    assertTrue(update.reason().contains(ENTRIES.get(2).command()), update.reason());
    assertEquals(1, new ApprovalPolicy(true, false).refusals(fewer).size());

    Plan emptied = ProviderContract.check(provider, List.of(), scenario(state(List.of(), DRIFT)));
    Change delete = emptied.changes().get(0);
    assertEquals(Action.DELETE, delete.action());
    assertEquals(Impact.DISRUPTIVE, delete.impact());
    assertTrue(delete.reason().contains("empties the managed block"), delete.reason());
    assertEquals(1, new ApprovalPolicy(true, false).refusals(emptied).size());

    Plan added = ProviderContract.check(provider, List.of(), scenario(state(ENTRIES, DRIFT)));
    assertEquals(Impact.NONE, added.changes().get(0).impact(), "adding jobs takes nothing away");
  }

  @Test
  void debianSpoolCarriesTheHeaderAndTheProviderStillSeesOnlyUserContent() throws Exception {
    ProviderContract.check(provider, List.of(), scenario(state(ENTRIES, DRIFT)));
    String spool =
        cluster.onNode(
            "arch1", n -> java.nio.file.Files.readString(n.toolState("cron").resolve("root")));
    assertTrue(spool.startsWith("# DO NOT EDIT THIS FILE - edit the master and reinstall.\n"));
    CrontabObservation seen =
        (CrontabObservation)
            provider.observe(
                new ObserveContext(
                    CronStates.node("arch1", "linux"),
                    cluster.host("arch1"),
                    state(ENTRIES, DRIFT)));
    assertEquals(FOREIGN + CrontabBlock.render("amherst", ENTRIES), seen.content());
  }

  @Test
  void missingCrontabIsEmptyAndAnUnclosedBlockIsAPlanError() throws Exception {
    cluster.host("arch1").run(Command.change("crontab", "-r"));
    DesiredState s = state(ENTRIES, DRIFT);
    var node = CronStates.node("arch1", "linux");
    CrontabObservation none =
        (CrontabObservation) provider.observe(new ObserveContext(node, cluster.host("arch1"), s));
    assertEquals(new CrontabObservation("", false), none);

    install("arch1", FOREIGN + CrontabBlock.begin("amherst") + "\n0 1 * * * x\n", "crontab", "-");
    CrontabObservation broken =
        (CrontabObservation) provider.observe(new ObserveContext(node, cluster.host("arch1"), s));
    PlanResult r =
        provider.plan(
            new PlanContext(
                s, Map.of("arch1", NodeState.observed("arch1", broken)), Map.of(), null));
    assertTrue(r.changes().isEmpty());
    assertEquals(Finding.Kind.ERROR, r.findings().get(0).kind());
    assertEquals("arch1/cron.block/amherst", r.findings().get(0).address());
  }
}
