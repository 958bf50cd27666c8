package dev.sanctl.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.ExitCodes;
import dev.sanctl.cli.support.CliRun;
import dev.sanctl.cli.support.Progress;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** apply prints n/N progress per change and node on standard error, only for a person. */
class ApplyProgressTest {
  @TempDir Path tmp;

  @AfterEach
  void auto() {
    System.clearProperty(Progress.PROPERTY);
  }

  @Test
  void aTerminalSeesCountsOfAllChangesAndPerNode() throws Exception {
    CliRun.assumeProviders();
    System.setProperty(Progress.PROPERTY, "always");
    CliRun c = CliRun.quickstart(tmp);
    CliRun.Result r = c.cluster("apply", "--auto-approve");
    assertEquals(ExitCodes.OK, r.exit(), r.toString());
    assertTrue(
        r.err().contains("apply: 1/14, san-a 1/14: san-a/files.volume/vg_lab/lun_lab01 applied"),
        r.err());
    assertTrue(r.err().contains("apply: 14/14, san-a 14/14: "), r.err());
    assertFalse(r.out().contains("apply: 1/14"), "progress stays off standard output");
  }

  @Test
  void quietSilencesItEvenOnATerminal() throws Exception {
    CliRun.assumeProviders();
    System.setProperty(Progress.PROPERTY, "always");
    CliRun c = CliRun.quickstart(tmp);
    CliRun.Result r =
        CliRun.run(
            "-q",
            "-C",
            c.config.toString(),
            "apply",
            "--sim",
            c.simDir.toString(),
            "--state-dir",
            c.stateDir.toString(),
            "--auto-approve");
    assertEquals(ExitCodes.OK, r.exit(), r.toString());
    assertFalse(r.err().contains("apply: 1/"), r.err());
  }

  @Test
  void withoutATerminalNothingIsPrinted() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    CliRun.Result r = c.cluster("apply", "--auto-approve");
    assertEquals(ExitCodes.OK, r.exit(), r.toString());
    assertFalse(r.err().contains("apply: 1/"), r.err());
  }
}
