package dev.sanctl.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sanctl.core.apply.ApplyResult;
import dev.sanctl.core.apply.ApprovalPolicy;
import dev.sanctl.core.apply.ChangeOutcome;
import dev.sanctl.core.engine.Engine;
import dev.sanctl.core.engine.HostFactory;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.provider.ProviderRegistry;
import dev.sanctl.core.render.TextRenderer;
import dev.sanctl.core.usecase.ApplyGate;
import dev.sanctl.core.usecase.ApplyOperation;
import dev.sanctl.core.usecase.ApplyReport;
import dev.sanctl.core.usecase.ApplyRequest;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.model.NodeSpec;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.ObserveContext;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.Provider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The provider contract as one check: observe, plan, apply and re-plan a scenario through the real
 * engine and the {@link ApplyOperation} every front end runs, asserting that
 *
 * <ul>
 *   <li>observe runs only read-only commands ({@code mutating == false}),
 *   <li>every executable the provider runs or plans is on its {@link Provider#executables()},
 *   <li>two plans from two observations of the same state are equal (deterministic),
 *   <li>the apply succeeds (every change verified by the engine) and the re-plan is empty.
 * </ul>
 */
public final class ProviderContract {
  private ProviderContract() {}

  /** Secrets for contract scenarios: the file name is the secret. */
  public static final PlanContext.SecretResolver FAKE_SECRETS = path -> "secret-of-" + path;

  /** Runs the contract; throws {@link AssertionError} naming the broken rule. */
  public static Plan check(Provider provider, List<Provider> supporting, ContractScenario s) {
    List<Provider> all = new ArrayList<>(supporting);
    all.add(provider);
    Map<String, RecordingHost> recorders = new ConcurrentHashMap<>();
    HostFactory real = s.hosts().get();
    HostFactory recording =
        (node, desired) -> recorders.computeIfAbsent(node.name(), n -> open(real, node, s));
    try (Engine engine = new Engine(ProviderRegistry.of(all), recording, FAKE_SECRETS)) {
      observeDirectly(provider, s, engine);
      assertReadOnly(provider, recorders, "observe");

      Path state = Files.createTempDirectory("sanctl-contract");
      ApplyGate checks =
          new ApplyGate() {
            @Override
            public void planned(Plan plan) {
              assertReadOnly(provider, recorders, "engine observation");
              Plan again =
                  engine.plan(s.desired(), engine.observe(s.desired(), List.of()), List.of());
              assertEquals(
                  plan.changes(),
                  again.changes(),
                  s.name() + ": plan is not deterministic (two observations of the same state)");
              assertEquals(
                  plan.findings(), again.findings(), s.name() + ": findings are not deterministic");
              for (Change c : plan.changes()) {
                if (!c.provider().equals(provider.id())) continue;
                for (Command cmd : c.commands()) assertAllowed(provider, cmd, s.name() + " plan");
              }
            }

            @Override
            public void applied(ApplyResult result) {
              recorders.values().forEach(RecordingHost::clear);
            }
          };
      ApplyReport report =
          new ApplyOperation(engine, state, Clock.systemUTC())
              .run(
                  new ApplyRequest(
                      s.desired(),
                      List.of(),
                      List.of(),
                      null,
                      new ApprovalPolicy(true, true),
                      null),
                  checks);
      if (report.kind() == ApplyReport.Kind.PLAN_ERRORS) {
        fail(s.name() + ": the plan has errors:\n" + new TextRenderer(false).render(report.plan()));
      }
      assertTrue(
          report.kind() == ApplyReport.Kind.APPLIED
              || report.kind() == ApplyReport.Kind.NOTHING_TO_DO,
          s.name() + ": nothing was applied: " + report.kind() + " " + report.reasons());
      ApplyResult result = report.result();
      if (result != null && !result.ok()) {
        StringBuilder sb = new StringBuilder(s.name() + ": apply failed:\n");
        for (ChangeOutcome o : result.outcomes()) {
          if (o.status() != ChangeOutcome.Status.APPLIED) {
            sb.append("  ").append(o.address()).append(": ").append(o.message()).append('\n');
          }
        }
        fail(sb.toString());
      }
      Plan replan = report.after();
      assertReadOnly(provider, recorders, "re-observation");
      assertTrue(
          replan.changes().isEmpty(),
          s.name()
              + ": re-plan after apply is not empty:\n"
              + new TextRenderer(false).render(replan));
      return report.plan();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static RecordingHost open(HostFactory real, NodeSpec node, ContractScenario s) {
    try {
      return new RecordingHost(real.open(node, s.desired()));
    } catch (IOException e) {
      throw new AssertionError(s.name() + ": cannot open host " + node.name() + ": " + e, e);
    }
  }

  private static void observeDirectly(Provider provider, ContractScenario s, Engine engine)
      throws IOException {
    for (NodeSpec node : s.desired().nodes().values()) {
      if (!provider.servesNode(s.desired(), node)) continue;
      Host h = engine.host(node, s.desired());
      RecordingHost rec = new RecordingHost(h);
      provider.observe(new ObserveContext(node, rec, s.desired()));
      for (Command c : rec.commands()) {
        assertTrue(
            !c.mutating(),
            s.name() + ": observe of " + node.name() + " ran a mutating command: " + c);
        assertAllowed(provider, c, s.name() + " observe of " + node.name());
      }
    }
  }

  private static void assertReadOnly(
      Provider provider, Map<String, RecordingHost> recorders, String phase) {
    for (RecordingHost r : recorders.values()) {
      for (Command c : r.mutating()) {
        fail(phase + " on " + r.name() + " ran a mutating command: " + c);
      }
    }
  }

  private static void assertAllowed(Provider provider, Command c, String where) {
    assertTrue(
        provider.executables().contains(c.executable()),
        where
            + ": '"
            + c.executable()
            + "' is not in the executables of provider '"
            + provider.id()
            + "' "
            + provider.executables());
  }
}
