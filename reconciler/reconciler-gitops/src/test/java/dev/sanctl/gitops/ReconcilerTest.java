package dev.sanctl.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.gitops.WatchState.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcilerTest {
  static final String AUTO = TestConfigs.AUTO_APPLY;
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
  void aPushedCommitIsAppliedAndASecondStepWithoutNewCommitDoesNothing() throws Exception {
    c.startSmtp();
    String commit = c.push("add lun_a", AUTO, "lun_a: {size: 64M}");
    Reconciler r = c.reconciler();
    assertEquals(List.of(Outcome.APPLIED), outcomes(r.step()), c.log.toString());
    assertTrue(c.fileExists("lun_a"));
    assertEquals(commit, r.state().lastApplied());
    assertEquals("clean", r.state().driftStatus());

    Reconciler restarted = c.reconciler();
    assertEquals(commit, restarted.state().lastSeen(), "resumes from the saved state");
    assertEquals(List.of(), restarted.step(), c.log.toString());
    assertEquals(0, c.mails().size());
  }

  @Test
  void whileAnotherApplyHoldsTheClusterLockTheCommitWaitsForTheNextPoll() throws Exception {
    String commit = c.push("add lun_a", AUTO, "lun_a: {size: 64M}");
    Reconciler r = c.reconciler();
    try (dev.sanctl.core.apply.ClusterLock held =
        dev.sanctl.core.apply.ClusterLock.acquire(c.stateDir, c.clock)) {
      assertEquals(List.of(), r.step(), c.log.toString());
      assertFalse(c.fileExists("lun_a"));
      assertNull(r.state().lastSeen(), "not handled yet");
      assertTrue(c.log.toString().contains("waiting: another apply holds the cluster lock"));
      assertEquals(0, c.hostsOpened.get(), "observed a node before holding the cluster lock");
    }
    assertEquals(List.of(Outcome.APPLIED), outcomes(r.step()), c.log.toString());
    assertEquals(commit, r.state().lastApplied());
  }

  @Test
  void aDestructiveChangeUnderAllowDestroyFalseIsReportedAndNotApplied() throws Exception {
    c.startSmtp();
    c.push("two luns", AUTO, "lun_a: {size: 64M}", "lun_b: {size: 64M}");
    Reconciler r = c.reconciler();
    r.step();
    String destroy =
        c.push("drop lun_b", AUTO, "lun_a: {size: 64M}", "lun_b: {size: 64M, state: absent}");
    assertEquals(List.of(Outcome.PENDING), outcomes(r.step()), c.log.toString());
    assertTrue(c.fileExists("lun_b"), "not destroyed");
    assertEquals(destroy, r.state().pending().revision());
    assertTrue(
        r.state().pending().reasons().get(0).contains("san-a/files.volume/vg_lab/lun_b"),
        r.state().pending().reasons().toString());
    List<Cluster.Mail> mails = c.mails();
    assertEquals(1, mails.size());
    assertEquals("[sanctl] lab: apply refused by policy", mails.get(0).subject());
    assertTrue(mails.get(0).text().contains("needs --allow-destroy"), mails.get(0).text());
    assertTrue(mails.get(0).html().contains("<pre>"), mails.get(0).html());
  }

  @Test
  void anInvalidCommitIsSkippedAndReportedWhileTheNextValidCommitApplies() throws Exception {
    c.startSmtp();
    c.push("lun_a", AUTO, "lun_a: {size: 64M}");
    Reconciler r = c.reconciler();
    r.step();
    String bad = c.push("typo", AUTO, "lun_a: {size: 64M}", "lun_b: {size: lots}");
    String good = c.push("lun_b", AUTO, "lun_a: {size: 64M}", "lun_b: {size: 32M}");
    List<WatchState.Result> step = r.step();
    assertEquals(List.of(Outcome.INVALID, Outcome.APPLIED), outcomes(step), c.log.toString());
    assertEquals(bad, step.get(0).revision());
    assertEquals(good, step.get(1).revision());
    assertEquals(good, r.state().lastApplied());
    assertTrue(c.fileExists("lun_b"));
    List<Cluster.Mail> mails = c.mails();
    assertEquals(1, mails.size(), mails.toString());
    assertEquals("[sanctl] lab: invalid commit skipped", mails.get(0).subject());
    assertTrue(mails.get(0).text().contains("lvm.yaml:"), mails.get(0).text());
  }

  @Test
  void driftIsMailedOnceNotAgainWhileUnchangedAndItsRepairIsMailedToo() throws Exception {
    c.startSmtp();
    c.push("lun_a", AUTO, "lun_a: {size: 64M}");
    Reconciler r = c.reconciler();
    r.step();
    c.sim.run("san-a", "rm", "-f", "--", Cluster.VG_PATH + "/lun_a.img");

    c.clock.advance(Duration.ofHours(1));
    assertEquals(List.of(Outcome.DRIFT), outcomes(r.step()), c.log.toString());
    List<Cluster.Mail> mails = c.mails();
    assertEquals(1, mails.size());
    assertEquals("[sanctl] lab: drift detected", mails.get(0).subject());
    assertTrue(
        mails.get(0).text().contains("san-a/files.volume/vg_lab/lun_a"), mails.get(0).text());

    c.clock.advance(Duration.ofHours(1));
    assertEquals(List.of(Outcome.DRIFT), outcomes(r.step()));
    assertEquals(1, c.mails().size(), "the same drift is not mailed again");

    c.sim.run("san-a", "truncate", "-s", "67108864", "--", Cluster.VG_PATH + "/lun_a.img");
    c.clock.advance(Duration.ofHours(1));
    assertEquals(List.of(Outcome.CLEAN), outcomes(r.step()));
    mails = c.mails();
    assertEquals(2, mails.size());
    assertEquals("[sanctl] lab: drift resolved", mails.get(1).subject());
    assertNull(r.state().driftFingerprint());
  }

  @Test
  void selfHealRepairsDriftAndReportsBothTheDriftAndTheRecovery() throws Exception {
    c.startSmtp();
    String heal = "{autoApply: true, allowDestroy: false, allowDisruptive: false, selfHeal: true}";
    c.push("lun_a", heal, "lun_a: {size: 64M}");
    Reconciler r = c.reconciler();
    r.step();
    c.sim.run("san-a", "rm", "-f", "--", Cluster.VG_PATH + "/lun_a.img");
    c.clock.advance(Duration.ofHours(1));
    assertEquals(List.of(Outcome.DRIFT, Outcome.REPAIRED), outcomes(r.step()), c.log.toString());
    assertTrue(c.fileExists("lun_a"));
    List<String> subjects = c.mails().stream().map(Cluster.Mail::subject).toList();
    assertEquals(List.of("[sanctl] lab: drift detected", "[sanctl] lab: drift resolved"), subjects);
    assertTrue(c.mails().get(0).text().contains("selfHeal: true"));
  }

  @Test
  void withSmtpDownTheDaemonKeepsRunningAndDeliversWhenItComesBack() throws Exception {
    c.push("lun_a", AUTO, "lun_a: {size: 64M}");
    Reconciler r = c.reconciler();
    r.step();
    c.sim.run("san-a", "rm", "-f", "--", Cluster.VG_PATH + "/lun_a.img");
    c.clock.advance(Duration.ofHours(1));
    int[] sleeps = {0};
    r.run(
        d -> {
          sleeps[0]++;
          c.clock.advance(d);
          if (sleeps[0] == 1) {
            assertEquals(1, r.queue().pending().size(), "queued while the relay is down");
            assertEquals(1, r.queue().pending().get(0).attempts());
            assertTrue(AlertQueue.load(c.stateDir).pending().size() == 1, "persisted");
          }
          if (sleeps[0] == 3) c.startSmtp();
          if (sleeps[0] == 6) r.stop();
        });
    assertEquals(6, sleeps[0], "the loop went on through the failures");
    assertTrue(r.queue().pending().isEmpty(), c.log.toString());
    List<Cluster.Mail> mails = c.mails();
    assertEquals(1, mails.size());
    assertEquals("[sanctl] lab: drift detected", mails.get(0).subject());
    assertFalse(c.log.toString().contains("smtp-pw-123"));
    assertTrue(c.log.toString().contains("next attempt"), c.log.toString());
  }
}
