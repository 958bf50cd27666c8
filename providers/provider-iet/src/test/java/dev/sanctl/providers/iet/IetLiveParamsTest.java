package dev.sanctl.providers.iet;

import static dev.sanctl.providers.iet.Amherst.SERVER01;
import static dev.sanctl.providers.iet.Amherst.VMC02;
import static dev.sanctl.providers.iet.IetSimulatorTest.assertNoChanges;
import static dev.sanctl.providers.iet.IetSimulatorTest.only;
import static dev.sanctl.providers.iet.IetSimulatorTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.plan.Plan;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.ObserveContext;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.testkit.RecordingHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Target parameters are compared with the running ones ({@code ietadm --op show}) when {@code
 * ietd.conf} does not record the desired ones, on the simulated cluster through the real engine.
 */
class IetLiveParamsTest {
  static final String PARAMS = "node1/iet.params/" + SERVER01;

  /** vmc02's CHAP secret file is missing: its target is in error and node1's ietd.conf blocked. */
  static final PlanContext.SecretResolver VMC02_SECRET_MISSING =
      path -> {
        if (path.endsWith("vmc02.chap")) {
          throw new PlanContext.SecretException("cannot read secret file " + path);
        }
        return SimSan.SECRETS.read(path);
      };

  @TempDir Path dir;

  @Test
  void paramsBesideATargetInErrorAreAppliedOnceAndThenSeen() throws Exception {
    DesiredState d = Amherst.state();
    try (SimSan san = new SimSan(dir, d, VMC02_SECRET_MISSING)) {
      san.applyBesideErrors(d);
      assertEquals("", san.run("node1", "cat", "/etc/iet/ietd.conf"), "ietd.conf stays blocked");
      Plan settled = san.plan(d);
      assertNoChanges(settled);
      assertVmc02InError(settled);

      san.run("node1", "ietadm", "--op", "update", "--tid=1", "--params=InitialR2T=Yes");
      san.run("node1", "ietadm", "--op", "update", "--tid=1", "--params=NOPInterval=5");
      Plan drift = san.plan(d);
      Change c = only(drift, PARAMS);
      assertEquals(1, drift.changes().size(), () -> text(drift));
      assertEquals(Action.UPDATE, c.action());
      assertEquals("running target parameters differ (not recorded in ietd.conf)", c.reason());
      assertEquals(
          List.of(
              FieldChange.of("InitialR2T", "Yes", "No"), FieldChange.of("NOPInterval", "5", "0")),
          c.fields());

      san.applyBesideErrors(d); // fails the test on "inconsistent result after apply"
      assertTrue(
          san.run("node1", "ietadm", "--op", "show", "--tid=1", "--sid=0")
              .contains("InitialR2T=No\n"));
      Plan after = san.plan(d);
      assertNoChanges(after);
      assertVmc02InError(after);
    }
  }

  @Test
  void aStanzaDifferingFromTheRunningTargetIsOnlyAFileChange() throws Exception {
    DesiredState d = Amherst.state();
    try (SimSan san = SimSan.applied(dir, d)) {
      String conf = san.run("node1", "cat", "/etc/iet/ietd.conf");
      assertTrue(conf.contains("    InitialR2T No\n"), conf);
      write(san, "/etc/iet/ietd.conf", conf.replace("    InitialR2T No\n", "    InitialR2T Yes\n"));
      Plan p = san.plan(d);
      assertEquals(
          List.of("node1/iet.file//etc/iet/ietd.conf"),
          p.changes().stream().map(Change::address).toList(),
          () -> text(p));
      san.apply(d);
      assertNoChanges(san.plan(d));
    }
  }

  @Test
  void onlyTargetsNotRecordedInIetdConfAreShown() throws Exception {
    DesiredState d = Amherst.state();
    try (SimSan san = new SimSan(dir, d, VMC02_SECRET_MISSING)) {
      san.applyBesideErrors(d);
      RecordingHost h = new RecordingHost(san.cluster.host("node1"));
      IetObservation o =
          (IetObservation)
              new IetProvider().observe(new ObserveContext(d.nodes().get("node1"), h, d));
      assertEquals(
          List.of("ietadm --op show --tid=1", "ietadm --op show --tid=1 --sid=0"),
          h.lines().stream().filter(l -> l.startsWith("ietadm")).toList(),
          "server01 (tid 1) has no stanza; vmc02 is not running");
      Map<String, String> live = o.liveParams().get(1);
      assertEquals("No", live.get("initialr2t"));
      assertEquals("262144", live.get("maxrecvdatasegmentlength"));
      assertEquals("8", live.get("wthreads"), "target keys come from the show without --sid");
    }
  }

  @Test
  void showParsesNameValueLinesAndComparesNumbersByValue() {
    Map<String, String> live =
        IetLiveParams.parse("Wthreads=8\nNOPInterval=16\nOFMarkInt=Reject\n");
    assertEquals(Map.of("wthreads", "8", "nopinterval", "16", "ofmarkint", "Reject"), live);
    assertEquals(
        Map.of(),
        IetLiveParams.differing(Map.of("NOPInterval", "0x10", "OFMarkInt", "2048"), live),
        "0x10 is 16 as ietadm reads it; marker intervals cannot be compared");
    assertEquals(Map.of("Wthreads", "8"), IetLiveParams.differing(Map.of("Wthreads", "16"), live));
  }

  private static void assertVmc02InError(Plan p) {
    assertTrue(
        p.findings().stream()
            .anyMatch(
                f -> f.kind() == Finding.Kind.ERROR && f.address().equals("iet.target/" + VMC02)),
        () -> text(p));
  }

  private static void write(SimSan san, String path, String content) throws Exception {
    Command tee = Command.change(content.getBytes(StandardCharsets.UTF_8), "tee", path);
    assertEquals(0, san.cluster.host("node1").run(tee).exitStatus());
  }
}
