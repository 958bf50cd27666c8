package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.support.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusCommandTest {
  @TempDir Path tmp;

  @Test
  void aClusterNeverAppliedSaysSo() throws Exception {
    CliRun c = CliRun.quickstart(tmp);
    CliRun.Result r = c.cluster("status");
    assertEquals(ExitCodes.OK, r.exit(), r.toString());
    assertEquals("Last apply: never\nLast drift check: never\n", r.out());
  }

  @Test
  void liveStatusObservesEveryNode() throws Exception {
    CliRun c = CliRun.quickstart(tmp);
    CliRun.Result r = c.cluster("status", "--live");
    assertEquals(ExitCodes.OK, r.exit(), r.toString());
    assertTrue(r.out().contains("\nNode san-a:\n") && r.out().contains("\nNode san-b:\n"), r.out());
  }

  @Test
  void applyOfAFileThatIsNotAPlanIsAClearError() throws Exception {
    CliRun c = CliRun.quickstart(tmp);
    Path bogus = tmp.resolve("bogus.json");
    Files.writeString(bogus, "{\"hello\": 1}");
    CliRun.Result r = c.cluster("apply", "--plan", bogus.toString());
    assertEquals(ExitCodes.ERROR, r.exit(), r.toString());
    assertEquals(
        "sanctl: error: cannot use " + bogus + ": not a sanctl plan: no formatVersion\n", r.err());
  }
}
