package dev.sanctl.core.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sanctl.core.plan.Plan;
import dev.sanctl.spi.model.Policy;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.spi.provider.ResourceAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApprovalPolicyTest {
  static Change change(String name, Action a, Impact i, List<String> initiators) {
    return new Change(
        ResourceAddress.of("n1", "t", "x", name),
        a,
        i,
        null,
        List.of(),
        List.of(),
        initiators,
        List.of());
  }

  static final Plan PLAN =
      new Plan(
          null,
          "d",
          List.of("n1"),
          Map.of(),
          Map.of(),
          List.of(
              change("new", Action.CREATE, Impact.NONE, List.of()),
              change("gone", Action.DELETE, Impact.DESTRUCTIVE, List.of()),
              change("idle", Action.UPDATE, Impact.DISRUPTIVE, List.of()),
              change("busy", Action.UPDATE, Impact.DISRUPTIVE, List.of("iqn.a", "iqn.b")),
              change("iqn", Action.REPLACE, Impact.BREAKING, List.of())),
          List.of(),
          List.of());

  @Test
  void humanWithoutFlagsIsRefusedDestroyBreakingAndLiveDisruption() {
    assertEquals(
        List.of(
            "n1/t.x/gone will be destroyed (destructive): needs --allow-destroy",
            "n1/t.x/busy will be updated in-place (disruptive), initiators with live sessions:"
                + " iqn.a, iqn.b: needs --allow-disruptive",
            "n1/t.x/iqn must be replaced (breaking): needs --allow-disruptive"),
        new ApprovalPolicy(false, false).refusals(PLAN));
  }

  @Test
  void flagsAndPolicyAllow() {
    assertEquals(List.of(), new ApprovalPolicy(true, true).refusals(PLAN));
    assertEquals(1, ApprovalPolicy.of(new Policy(true, false, true, false)).refusals(PLAN).size());
  }

  @Test
  void aDisruptiveChangeThatRequiresApprovalIsGatedWithoutLiveSessions() {
    Change dropped =
        change("block", Action.DELETE, Impact.NONE, List.of())
            .gated(Impact.DISRUPTIVE, List.of(), "removes the managed crontab block");
    Plan plan = PLAN.withChanges(List.of(dropped));
    assertEquals(
        List.of("n1/t.x/block will be destroyed (disruptive): needs --allow-disruptive"),
        new ApprovalPolicy(true, false).refusals(plan));
    assertEquals(List.of(), new ApprovalPolicy(false, true).refusals(plan));
    assertEquals(1, ApprovalPolicy.of(new Policy(true, true, false, false)).refusals(plan).size());
  }
}
