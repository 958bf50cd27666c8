package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.support.CliRun;
import dev.sanctl.testkit.CliRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The global {@code -q} and {@code -v}, honoured by every command (issue #19). */
class QuietVerboseTest {
  @TempDir Path tmp;

  @Test
  void quietApplyPrintsOnlyTheSummaryLine() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    CliRun.Result r = c.cluster("apply", "--auto-approve", "-q");
    assertEquals(ExitCodes.OK, r.exit(), r.toString());
    String out = r.out().strip();
    assertFalse(out.contains("\n"), "one line: " + r);
    assertTrue(out.startsWith("Apply complete!"), r.toString());
    assertEquals("", r.err(), r.toString());
  }

  @Test
  void quietPlanSavesWithoutTheHint() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    Path plan = tmp.resolve("plan.json");
    CliRun.Result loud = c.cluster("plan", "--out", plan.toString());
    assertTrue(loud.err().contains("Saved the plan"), loud.toString());
    CliRun.Result quiet =
        CliRun.run(
            "-q",
            "-C",
            c.config.toString(),
            "plan",
            "--sim",
            c.simDir.toString(),
            "--out",
            plan.toString());
    assertEquals(ExitCodes.OK, quiet.exit(), quiet.toString());
    assertEquals("", quiet.err(), quiet.toString());
  }

  @Test
  void verboseAddsWhatRanAndHowLongOnEveryCommand() throws Exception {
    CliRun c = CliRun.quickstart(tmp);
    String[][] commands = {
      {"-v", "version"},
      {"-v", "-C", c.config.toString(), "validate"},
      {"-C", c.config.toString(), "status", "--state-dir", c.stateDir.toString(), "-v"},
      {"-v", "-C", c.config.toString(), "backup", "status", "--state-dir", c.stateDir.toString()},
    };
    for (String[] args : commands) {
      CliRunner.Result plain =
          CliRunner.run(
              java.util.Arrays.stream(args).filter(a -> !a.equals("-v")).toArray(String[]::new));
      CliRunner.Result r = CliRunner.run(args);
      assertEquals(plain.exitCode(), r.exitCode(), r.toString());
      assertEquals(plain.out(), r.out(), "-v changes no result: " + r);
      assertTrue(
          r.err()
              .matches(
                  "(?s).*sanctl: sanctl [a-z ]+ finished in \\d+\\.\\d\\d s \\(exit \\d+\\)\n"),
          r.toString());
      assertFalse(plain.err().contains("finished in"), plain.toString());
    }
  }

  @Test
  void quietAndVerboseTogetherAreAUsageError() {
    CliRunner.Result r = CliRunner.run("-q", "-v", "version");
    assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
    assertTrue(r.err().startsWith("sanctl: error: -q and -v cannot be used together"), r.err());
  }
}
