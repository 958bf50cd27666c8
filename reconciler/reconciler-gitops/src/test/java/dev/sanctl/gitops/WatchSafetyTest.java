package dev.sanctl.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.gitops.WatchState.Outcome;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon never applies part of a commit whose plan has errors, and a commit cannot grant itself
 * the policy that lets it through: the policy in force is the one of the last applied revision.
 */
class WatchSafetyTest {
  static final String AUTO = TestConfigs.AUTO_APPLY;
  static final String AUTO_DESTROY =
      "{autoApply: true, allowDestroy: true, allowDisruptive: false}";
  @TempDir java.nio.file.Path tmp;
  Cluster c;

  @BeforeEach
  void setUp() throws Exception {
    c = new Cluster(tmp);
  }

  @AfterEach
  void tearDown() {
    c.close();
  }

  private static List<Outcome> outcomes(List<WatchState.Result> rs) {
    return rs.stream().map(WatchState.Result::outcome).toList();
  }

  @Test
  void aCommitWhosePlanHasErrorsAppliesNothing() throws Exception {
    c.push("lun_a", AUTO, "lun_a: {size: 64M}");
    Reconciler r = c.reconciler();
    assertEquals(List.of(Outcome.APPLIED), outcomes(r.step()), c.log.toString());
    String bad = c.push("shrink lun_a, add lun_b", AUTO, "lun_a: {size: 32M}", "lun_b: {size: 8M}");
    List<WatchState.Result> step = r.step();
    assertEquals(List.of(Outcome.FAILED), outcomes(step), c.log.toString());
    assertTrue(step.get(0).message().contains("nothing was applied"), step.get(0).message());
    assertTrue(step.get(0).message().contains("error(s), first: "), step.get(0).message());
    assertFalse(c.fileExists("lun_b"), "the change next to the error is not applied");
    assertTrue(!bad.equals(r.state().lastApplied()));
  }

  @Test
  void aCommitThatTurnsOnAllowDestroyDoesNotDestroyUntilAHumanAcceptsIt() throws Exception {
    c.push("two luns", AUTO, "lun_a: {size: 64M}", "lun_b: {size: 64M}");
    Reconciler r = c.reconciler();
    assertEquals(List.of(Outcome.APPLIED), outcomes(r.step()), c.log.toString());
    String destroy =
        c.push(
            "allow destroy and drop lun_b",
            AUTO_DESTROY,
            "lun_a: {size: 64M}",
            "lun_b: {size: 64M, state: absent}");
    assertEquals(List.of(Outcome.PENDING), outcomes(r.step()), c.log.toString());
    assertTrue(c.fileExists("lun_b"), "not destroyed under the policy it brings itself");
    assertEquals(destroy, r.state().pending().revision());
    assertTrue(
        r.state().pending().reasons().get(0).startsWith("policy.allowDestroy: false -> true"),
        r.state().pending().reasons().toString());

    Alert mail = r.queue().pending().get(r.queue().pending().size() - 1);
    assertEquals("refused", mail.kind());
    assertTrue(mail.text().contains("policy.allowDestroy: false -> true"), mail.text());
    assertTrue(
        mail.text().contains("accept it with sanctl watch --accept-policy " + destroy),
        mail.text());
    assertTrue(
        mail.text().contains("will be destroyed"), "the plan is in the mail: " + mail.text());

    assertEquals(List.of(Outcome.APPLIED), outcomes(r.acceptPolicy(destroy)), c.log.toString());
    assertFalse(c.fileExists("lun_b"), "destroyed once a human accepted the policy");
    assertEquals(destroy, r.state().lastApplied());
    assertNull(r.state().pending());
  }

  @Test
  void aPolicyOnlyCommitAlsoWaitsAndTighteningTakesEffectAtOnce() throws Exception {
    c.push("lun_a", AUTO, "lun_a: {size: 64M}");
    Reconciler r = c.reconciler();
    r.step();
    c.push("loosen", AUTO_DESTROY, "lun_a: {size: 64M}");
    assertEquals(List.of(Outcome.PENDING), outcomes(r.step()), c.log.toString());
    c.push(
        "no auto-apply",
        "{autoApply: false, allowDestroy: false, allowDisruptive: false}",
        "lun_a: {size: 64M}",
        "lun_b: {size: 8M}");
    assertEquals(List.of(Outcome.PENDING), outcomes(r.step()), c.log.toString());
    assertFalse(c.fileExists("lun_b"), "autoApply: false applies at once");
  }
}
