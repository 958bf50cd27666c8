package dev.sanctl.testkit;

import static dev.sanctl.core.engine.testing.TestStates.node;
import static dev.sanctl.core.engine.testing.TestStates.state;
import static dev.sanctl.core.engine.testing.TestStates.vg;
import static dev.sanctl.core.engine.testing.TestStates.vol;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.engine.testing.KvHost;
import dev.sanctl.core.engine.testing.KvProvider;
import dev.sanctl.core.engine.testing.TestStates;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.provider.Observation;
import dev.sanctl.spi.provider.ObserveContext;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.PlanResult;
import dev.sanctl.spi.provider.Provider;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The kit must catch each broken rule of the provider contract. */
class ProviderContractSelfTest {
  static ContractScenario scenario() {
    return new ContractScenario(
        "one volume",
        state(List.of(node("n1", "kv")), List.of(vg("vg1", "n1", vol("a", 1)))),
        () -> TestStates.hosts(Map.of("n1", new KvHost("n1"))));
  }

  @Test
  void aConformingProviderPassesAndReturnsItsPlan() {
    assertEquals(
        1, ProviderContract.check(new KvProvider(), List.of(), scenario()).changes().size());
  }

  @Test
  void observeThatMutatesIsCaught() {
    Provider p =
        new KvProvider() {
          @Override
          public Observation observe(ObserveContext ctx) throws IOException {
            ctx.host().run(Command.change("kv", "set", "touched", "1"));
            return super.observe(ctx);
          }
        };
    AssertionError e =
        assertThrows(AssertionError.class, () -> ProviderContract.check(p, List.of(), scenario()));
    assertTrue(
        e.getMessage().contains("observe of n1 ran a mutating command: kv set touched 1"),
        e.getMessage());
  }

  @Test
  void anExecutableOffTheAllowlistIsCaught() {
    Provider p =
        new KvProvider() {
          @Override
          public Observation observe(ObserveContext ctx) throws IOException {
            ctx.host().run(Command.read("cat", "/etc/passwd"));
            return super.observe(ctx);
          }

          @Override
          public Set<String> executables() {
            return Set.of("kv");
          }
        };
    KvHost h = new KvHost("n1");
    ContractScenario s =
        new ContractScenario(
            "one volume",
            state(List.of(node("n1", "kv")), List.of(vg("vg1", "n1", vol("a", 1)))),
            () -> TestStates.hosts(Map.of("n1", h)));
    AssertionError e =
        assertThrows(AssertionError.class, () -> ProviderContract.check(p, List.of(), s));
    assertTrue(
        e.getMessage().contains("'cat' is not in the executables of provider 'kv'"),
        e.getMessage());
  }

  @Test
  void aNonDeterministicPlanIsCaught() {
    Provider p =
        new KvProvider() {
          int calls;

          @Override
          public PlanResult plan(PlanContext ctx) {
            PlanResult r = super.plan(ctx);
            List<dev.sanctl.spi.provider.Change> reversed = new java.util.ArrayList<>(r.changes());
            java.util.Collections.reverse(reversed);
            return ++calls % 2 == 0 ? new PlanResult(reversed, r.findings()) : r;
          }
        };
    ContractScenario s =
        new ContractScenario(
            "two volumes",
            state(List.of(node("n1", "kv")), List.of(vg("vg1", "n1", vol("a", 1), vol("b", 2)))),
            () -> TestStates.hosts(Map.of("n1", new KvHost("n1"))));
    AssertionError e =
        assertThrows(AssertionError.class, () -> ProviderContract.check(p, List.of(), s));
    assertTrue(e.getMessage().contains("plan is not deterministic"), e.getMessage());
  }

  @Test
  void aPlanThatDoesNotConvergeIsCaught() {
    Provider p =
        new KvProvider() {
          @Override
          public PlanResult plan(PlanContext ctx) {
            PlanResult r = super.plan(ctx);
            return new PlanResult(
                r.changes().stream()
                    .map(c -> c.withCommands(List.of(Command.change("kv", "set", "other", "1"))))
                    .toList(),
                r.findings());
          }
        };
    AssertionError e =
        assertThrows(AssertionError.class, () -> ProviderContract.check(p, List.of(), scenario()));
    assertTrue(e.getMessage().contains("inconsistent result after apply"), e.getMessage());
  }
}
