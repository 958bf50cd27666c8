package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
  void liveStatusOfQuietNodesPrintsNoEmptySections() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    CliRun.Result r = c.cluster("status", "--live");
    assertEquals(ExitCodes.OK, r.exit(), r.toString());
    assertEquals(
        "Last apply: never\nLast drift check: never\n\nNothing live to report on san-a, san-b.\n",
        r.out());
  }

  @Test
  void liveStatusHasASectionOnlyForNodesWithSomethingToReport() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    assertEquals(ExitCodes.OK, c.cluster("apply", "--auto-approve").exit());
    CliRun.Result r = c.cluster("status", "--live");
    assertEquals(ExitCodes.OK, r.exit(), r.toString());
    String out = r.out();
    assertTrue(out.contains("\nNode san-a:\n  tid "), out);
    assertFalse(out.contains("Node san-b"), out);
    assertTrue(out.endsWith("\nNothing live to report on san-b.\n"), out);
    for (String section : out.split("\n\n")) {
      if (section.startsWith("Node ")) assertTrue(section.contains("\n  "), "empty: " + section);
    }
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
