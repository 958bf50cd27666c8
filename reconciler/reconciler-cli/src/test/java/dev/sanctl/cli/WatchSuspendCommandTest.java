package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.support.CliRun;
import dev.sanctl.gitops.GitFixture;
import dev.sanctl.gitops.TestConfigs;
import dev.sanctl.gitops.WatchState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sanctl watch suspend|resume}: while suspended, {@code watch --once} applies nothing (new
 * commits wait, drift is reported but not repaired even with {@code selfHeal}), {@code status} says
 * so; after the resume the waiting commit is applied.
 */
class WatchSuspendCommandTest {
  static final String CLUSTER =
      "apiVersion: sanctl/v1\n"
          + "cluster: {name: lab, iqnPrefix: iqn.2024-01.org.example:lab}\n"
          + "nodes:\n"
          + "  san-a: {address: 192.0.2.11, os: linux, services: [files]}\n"
          + "policy: {autoApply: true, selfHeal: true}\n";

  @TempDir Path tmp;
  GitFixture git;
  Path sim;
  Path state;

  @BeforeEach
  void setUp() throws Exception {
    git = new GitFixture(tmp);
    sim = tmp.resolve("sim");
    state = tmp.resolve("state");
  }

  @AfterEach
  void tearDown() {
    git.close();
  }

  @Test
  void aSuspendedWatchAppliesNothingReportsDriftAndAppliesTheWaitingCommitAfterResume()
      throws Exception {
    String first =
        git.push("a", "cluster.yaml", CLUSTER, "lvm.yaml", TestConfigs.volumes("a: {size: 8M}"));
    assertEquals(0, CliRun.run("sim", "init", sim.toString(), "-C", git.work.toString()).exit());
    assertEquals(0, watchOnce().exit());

    CliRun.Result suspend = watch("suspend", "--reason", "array firmware upgrade");
    assertEquals(0, suspend.exit(), suspend.toString());
    CliRun.Result status = cli("status", "--state-dir", state.toString());
    assertTrue(status.out().contains("Watch: suspended since "), status.toString());
    assertTrue(status.out().contains("array firmware upgrade"), status.toString());

    String second =
        git.push("b", "lvm.yaml", TestConfigs.volumes("a: {size: 8M}", "b: {size: 8M}"));
    assertEquals(0, simRun("rm", "-f", "--", TestConfigs.VG_PATH + "/a.img"));
    CliRun.Result suspended = watchOnce();
    assertEquals(ExitCodes.CHANGES, suspended.exit(), suspended.toString());
    assertTrue(suspended.out().contains("suspended"), suspended.toString());
    assertFalse(exists("b"), "a new commit is not applied while suspended");
    assertFalse(exists("a"), "drift is not repaired while suspended");
    WatchState w = WatchState.read(state).orElseThrow();
    assertEquals(first, w.lastApplied());
    List<WatchState.Outcome> outcomes =
        w.results().stream().map(WatchState.Result::outcome).toList();
    assertTrue(outcomes.contains(WatchState.Outcome.SUSPENDED), outcomes.toString());
    assertTrue(outcomes.contains(WatchState.Outcome.DRIFT), "drift is still detected " + outcomes);

    int recorded = w.results().size();
    assertEquals(ExitCodes.CHANGES, watchOnce().exit());
    long suspendedResults =
        WatchState.read(state).orElseThrow().results().stream()
            .skip(recorded)
            .filter(r -> r.outcome() == WatchState.Outcome.SUSPENDED)
            .count();
    assertEquals(0, suspendedResults, "the same waiting head is recorded once");

    CliRun.Result resume = watch("resume");
    assertEquals(0, resume.exit(), resume.toString());
    assertFalse(cli("status", "--state-dir", state.toString()).out().contains("suspended"));
    CliRun.Result resumed = watchOnce();
    assertEquals(0, resumed.exit(), resumed.toString());
    assertTrue(exists("a") && exists("b"), resumed.toString());
    assertEquals(second, WatchState.read(state).orElseThrow().lastApplied());
  }

  @Test
  void watchWithoutRepoIsStillAUsageError() {
    CliRun.Result r = cli("watch", "--once");
    assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
    assertTrue(r.err().contains("--repo"), r.toString());
  }

  private CliRun.Result watch(String... sub) {
    String[] args = new String[sub.length + 2];
    System.arraycopy(sub, 0, args, 0, sub.length);
    args[sub.length] = "--state-dir";
    args[sub.length + 1] = state.toString();
    String[] all = new String[args.length + 1];
    all[0] = "watch";
    System.arraycopy(args, 0, all, 1, args.length);
    return cli(all);
  }

  private CliRun.Result watchOnce() {
    return cli(
        "watch",
        "--once",
        "--repo",
        git.bare.toString(),
        "--state-dir",
        state.toString(),
        "--sim",
        sim.toString(),
        "--drift-interval",
        "0s");
  }

  private CliRun.Result cli(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "-C";
    all[1] = tmp.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return CliRun.run(all);
  }

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
}
