package dev.sanctl.cli.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.ExitCodes;
import dev.sanctl.cli.support.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sanctl sim failover DIR POOL NODE} moves a ZFS pool as the Heartbeat ZFS agent does
 * (stmf-ha stop, export; import, stmf-ha start on the other head): the pool's stmf-ha.conf moves
 * with it, COMSTAR is rebuilt there, and the plan stays empty.
 */
class SimPoolFailoverTest {
  @TempDir Path tmp;

  @Test
  void anStmfHaPoolFailsOverAndBackWithAnEmptyPlan() throws Exception {
    Path config = tmp.resolve("config");
    copy(CliRun.examples().resolve("stmf-ha"), config);
    Path sim = tmp.resolve("sim");
    String state = tmp.resolve("state").toString();
    assertEquals(
        ExitCodes.OK, CliRun.run("sim", "init", sim.toString(), "-C", config.toString()).exit());
    CliRun.Result apply =
        CliRun.run(
            "-C",
            config.toString(),
            "apply",
            "--sim",
            sim.toString(),
            "--state-dir",
            state,
            "--auto-approve");
    assertEquals(ExitCodes.OK, apply.exit(), apply.toString());
    assertEmptyPlan(config, sim, state);

    for (String to : new String[] {"san2", "san1", "san2"}) {
      CliRun.Result f = CliRun.run("sim", "failover", sim.toString(), "tank", to);
      assertEquals(ExitCodes.OK, f.exit(), f.toString());
      String from = to.equals("san1") ? "san2" : "san1";
      assertTrue(run(sim, to, "stmfadm", "list-lu").contains("600144F"), "LUs started on " + to);
      assertEquals("", run(sim, from, "stmfadm", "list-lu"), "nothing left on " + from);
      assertTrue(
          run(sim, to, "cat", "/tank/stmf-ha.conf").contains("target01"),
          "stmf-ha.conf moved with the pool");
      assertEmptyPlan(config, sim, state);
    }
    CliRun.Result bad = CliRun.run("sim", "failover", sim.toString(), "tank", "nowhere");
    assertEquals(ExitCodes.ERROR, bad.exit(), bad.toString());
  }

  private static void assertEmptyPlan(Path config, Path sim, String state) {
    CliRun.Result plan =
        CliRun.run(
            "-C",
            config.toString(),
            "plan",
            "--sim",
            sim.toString(),
            "--state-dir",
            state,
            "--detailed-exitcode");
    assertEquals(ExitCodes.OK, plan.exit(), plan.toString());
    assertTrue(plan.out().contains("No changes."), plan.toString());
  }

  /** {@code sanctl sim run DIR NODE -- argv} with an empty stdin: its standard output. */
  private static String run(Path sim, String node, String... argv) {
    String[] a = new String[5 + argv.length];
    a[0] = "sim";
    a[1] = "run";
    a[2] = sim.toString();
    a[3] = node;
    a[4] = "--";
    System.arraycopy(argv, 0, a, 5, argv.length);
    return SimCommandTest.sanctl("", a).out();
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path t = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) Files.createDirectories(t);
        else Files.copy(f, t);
      }
    }
  }
}
