package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.sanctl.cli.support.CliRun;
import dev.sanctl.gitops.GitFixture;
import dev.sanctl.gitops.TestConfigs;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sanctl watch --once} against a bare git repository (a path, and a file:// URL) and the
 * simulator; {@code sanctl drift --notify} and {@code sanctl status} with the daemon's state.
 */
class WatchCommandTest {
  @TempDir Path tmp;
  GitFixture git;
  Path sim;
  Path state;
  Path password;
  int smtpPort;
  GreenMail smtp;

  @BeforeEach
  void setUp() throws Exception {
    git = new GitFixture(tmp);
    sim = tmp.resolve("sim");
    state = tmp.resolve("state");
    password = tmp.resolve("smtp.secret");
    Files.writeString(password, "smtp-pw-123\n");
    Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
    try (ServerSocket s = new ServerSocket(0)) {
      smtpPort = s.getLocalPort();
    }
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.setUser("ops@example.org", "sanctl", "smtp-pw-123");
    smtp.start();
  }

  @AfterEach
  void tearDown() {
    smtp.stop();
    git.close();
  }

  private String push(String message, String... volumes) throws Exception {
    return git.push(
        message,
        "cluster.yaml",
        TestConfigs.clusterYaml(TestConfigs.AUTO_APPLY, smtpPort, password),
        "lvm.yaml",
        TestConfigs.volumes(volumes));
  }

  private CliRun.Result watchOnce(String repo) {
    return CliRun.run(
        "-C",
        tmp.toString(),
        "watch",
        "--once",
        "--repo",
        repo,
        "--state-dir",
        state.toString(),
        "--sim",
        sim.toString(),
        "--drift-interval",
        "0s");
  }

  private CliRun.Result cli(String... args) {
    String[] all = Arrays.copyOf(new String[] {"-C", git.work.toString()}, 2 + args.length);
    System.arraycopy(args, 0, all, 2, args.length);
    return CliRun.run(all);
  }

  /** {@code sanctl sim run SIM san-a -- ARGV} with an empty standard input. */
  private int simRun(String... argv) {
    java.io.InputStream in = System.in;
    java.io.PrintStream out = System.out;
    try {
      System.setIn(new java.io.ByteArrayInputStream(new byte[0]));
      System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
      List<String> args =
          new java.util.ArrayList<>(List.of("sim", "run", sim.toString(), "san-a", "--"));
      args.addAll(List.of(argv));
      return CliRun.run(args.toArray(String[]::new)).exit();
    } finally {
      System.setIn(in);
      System.setOut(out);
    }
  }

  private boolean exists(String volume) {
    return simRun("stat", "--", TestConfigs.VG_PATH + "/" + volume + ".img") == 0;
  }

  private void simInit() {
    CliRun.Result r = CliRun.run("sim", "init", sim.toString(), "-C", git.work.toString());
    assertEquals(0, r.exit(), r.toString());
  }

  @Test
  void aPushedCommitIsAppliedBySanctlWatchOnceAndASecondRunDoesNothing() throws Exception {
    String commit = push("add lun_a", "lun_a: {size: 64M}");
    simInit();
    CliRun.Result first = watchOnce(git.bare.toString());
    assertEquals(ExitCodes.OK, first.exit(), first.toString());
    assertTrue(
        first.out().contains(commit.substring(0, 12) + " applied: Apply complete!"), first.out());
    assertTrue(exists("lun_a"));

    CliRun.Result second = watchOnce(git.bare.toUri().toString());
    assertEquals(ExitCodes.OK, second.exit(), second.toString());
    assertFalse(second.out().contains("applied"), second.out());

    CliRun.Result status =
        CliRun.run("-C", tmp.toString(), "status", "--state-dir", state.toString());
    assertTrue(
        status.out().contains("Last apply: ok at ") && status.out().contains("revision " + commit),
        status.out());
    assertTrue(status.out().contains("last applied revision " + commit), status.out());
  }

  @Test
  void aDestructiveCommitIsReportedAsPendingAndStatusShowsIt() throws Exception {
    push("two luns", "lun_a: {size: 64M}", "lun_b: {size: 64M}");
    simInit();
    assertEquals(ExitCodes.OK, watchOnce(git.bare.toString()).exit());
    String destroy = push("drop lun_b", "lun_a: {size: 64M}", "lun_b: {size: 64M, state: absent}");
    CliRun.Result r = watchOnce(git.bare.toString());
    assertEquals(ExitCodes.CHANGES, r.exit(), r.toString());
    assertTrue(exists("lun_b"), "not destroyed");
    CliRun.Result status =
        CliRun.run("-C", tmp.toString(), "status", "--state-dir", state.toString());
    assertTrue(
        status
            .out()
            .contains("Pending (blocked by policy, waits for sanctl apply): revision " + destroy),
        status.out());
    assertTrue(status.out().contains("needs --allow-destroy"), status.out());
    assertTrue(
        status.out().contains("apply exactly this revision with: sanctl apply --rev " + destroy),
        status.out());
    assertEquals(1, smtp.getReceivedMessages().length);
  }

  @Test
  void anUnreachableNodeMakesWatchOnceExit4NotOkOrFailed() throws Exception {
    push("add lun_a", "lun_a: {size: 64M}");
    simInit();
    assertEquals(0, CliRun.run("sim", "fault", sim.toString(), "san-a", "--unreachable").exit());
    CliRun.Result r = watchOnce(git.bare.toString());
    assertEquals(ExitCodes.INCOMPLETE, r.exit(), r.toString());
    assertTrue(r.out().contains(" incomplete: nodes could not be observed"), r.out());
  }

  @Test
  void aCommitThatLoosensThePolicyWaitsForAcceptPolicy() throws Exception {
    push("two luns", "lun_a: {size: 64M}", "lun_b: {size: 64M}");
    simInit();
    assertEquals(ExitCodes.OK, watchOnce(git.bare.toString()).exit());
    String loosen =
        git.push(
            "allow destroy, drop lun_b",
            "cluster.yaml",
            TestConfigs.clusterYaml(
                "{autoApply: true, allowDestroy: true, allowDisruptive: false}",
                smtpPort,
                password),
            "lvm.yaml",
            TestConfigs.volumes("lun_a: {size: 64M}", "lun_b: {size: 64M, state: absent}"));
    CliRun.Result pending = watchOnce(git.bare.toString());
    assertEquals(ExitCodes.CHANGES, pending.exit(), pending.toString());
    assertTrue(pending.out().contains("policy.allowDestroy: false -> true"), pending.out());
    assertTrue(exists("lun_b"), "a commit does not grant itself allowDestroy");

    List<String> accept = new java.util.ArrayList<>(List.of("-C", tmp.toString(), "watch"));
    accept.addAll(List.of("--once", "--repo", git.bare.toString(), "--state-dir"));
    accept.addAll(List.of(state.toString(), "--sim", sim.toString(), "--accept-policy", loosen));
    CliRun.Result accepted = CliRun.run(accept.toArray(String[]::new));
    assertEquals(ExitCodes.OK, accepted.exit(), accepted.toString());
    assertFalse(exists("lun_b"), "destroyed once a human accepted the policy");
  }

  @Test
  void driftNotifyMailsADriftOnceAndItsRecovery() throws Exception {
    push("add lun_a", "lun_a: {size: 64M}");
    simInit();
    String[] drift = {
      "drift", "--notify", "--sim", sim.toString(), "--state-dir", state.toString()
    };
    assertEquals(
        0,
        cli("apply", "--auto-approve", "--sim", sim.toString(), "--state-dir", state.toString())
            .exit());
    String file = TestConfigs.VG_PATH + "/lun_a.img";
    assertEquals(0, simRun("rm", "-f", "--", file));

    CliRun.Result found = cli(drift);
    assertEquals(ExitCodes.CHANGES, found.exit(), found.toString());
    assertEquals(List.of("[sanctl] lab: drift detected"), subjects());
    assertEquals(ExitCodes.CHANGES, cli(drift).exit());
    assertEquals(1, smtp.getReceivedMessages().length, "the same drift is not mailed twice");

    assertEquals(
        0,
        cli("apply", "--auto-approve", "--sim", sim.toString(), "--state-dir", state.toString())
            .exit());
    CliRun.Result clean = cli(drift);
    assertEquals(ExitCodes.OK, clean.exit(), clean.toString());
    assertEquals(
        List.of("[sanctl] lab: drift detected", "[sanctl] lab: drift resolved"), subjects());
  }

  @Test
  void aBadIntervalIsAUsageErrorAndAnUnreachableRepositoryAnError() {
    CliRun.Result bad = CliRun.run("watch", "--repo", "x", "--interval", "5 weeks", "--once");
    assertEquals(ExitCodes.USAGE, bad.exit(), bad.toString());
    assertTrue(bad.err().contains("write e.g. 30s, 5m, 1h or 1d"), bad.err());
    CliRun.Result gone = watchOnce(tmp.resolve("no-such-repo").toString());
    assertEquals(ExitCodes.ERROR, gone.exit(), gone.toString());
    assertTrue(gone.out().contains("error: cannot fetch branch 'main'"), gone.out());
  }

  private List<String> subjects() throws Exception {
    List<String> out = new java.util.ArrayList<>();
    for (MimeMessage m : smtp.getReceivedMessages()) out.add(m.getSubject());
    return out;
  }
}
