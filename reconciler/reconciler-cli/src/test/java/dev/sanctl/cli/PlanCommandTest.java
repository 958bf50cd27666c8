package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.support.CliRun;
import dev.sanctl.core.plan.PlanJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {
  @TempDir Path tmp;

  @Test
  void aFreshClusterHasChangesAndDetailedExitCodeSaysSo() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    CliRun.Result r = c.cluster("plan", "--detailed-exitcode");
    assertEquals(ExitCodes.CHANGES, r.exit(), r.toString());
    assertTrue(r.out().contains("will be created"), r.toString());
    assertTrue(
        r.out()
            .lines()
            .anyMatch(l -> l.matches("Plan: \\d+ to add, 0 to change, 0 to" + " destroy\\.")),
        r.toString());
    assertEquals(ExitCodes.OK, c.cluster("plan").exit(), "without --detailed-exitcode");
  }

  @Test
  void everyFormatRendersAndJsonIsVersionedAndSaved() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    Path saved = tmp.resolve("plan.json");
    CliRun.Result md = c.cluster("plan", "--format", "markdown", "--out", saved.toString());
    assertEquals(0, md.exit(), md.toString());
    assertTrue(md.out().startsWith("### Plan for working tree — "), md.out());
    PlanJson.Saved s = PlanJson.read(Files.readString(saved));
    assertEquals("1", s.formatVersion());
    assertEquals(java.util.List.of("san-a", "san-b"), s.nodes());
    CliRun.Result json = c.cluster("plan", "--format", "json");
    assertEquals(Files.readString(saved), json.out(), "the saved plan is the json format");
  }

  @Test
  void anUnknownFormatIsAUsageError() throws Exception {
    CliRun c = CliRun.quickstart(tmp);
    CliRun.Result r = c.cluster("plan", "--format", "xml");
    assertEquals(ExitCodes.USAGE, r.exit());
    assertTrue(r.err().contains("Invalid value for option '--format'"), r.err());
  }

  @Test
  void anUnknownNodeNameIsAUsageError() throws Exception {
    CliRun c = CliRun.quickstart(tmp);
    CliRun.Result r = c.cluster("plan", "--node", "san-z");
    assertEquals(ExitCodes.USAGE, r.exit());
    assertEquals("sanctl: unknown node 'san-z' in --node (nodes: san-a, san-b)\n", r.err());
  }

  @Test
  void anUnreachableNodeIsReportedAndTheRestPlanned() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    c.sim.setUnreachable("san-b");
    CliRun.Result r = c.cluster("plan", "--detailed-exitcode");
    assertEquals(ExitCodes.INCOMPLETE, r.exit(), "incomplete wins over changes: " + r);
    assertTrue(
        r.out()
            .startsWith("Unknown nodes (not observed, nothing planned on them):\n  !" + " san-b: "),
        r.out());
    assertFalse(r.out().contains("# san-b/"), "nothing planned on san-b");
    assertTrue(r.out().contains("# san-a/"), r.out());
  }

  @Test
  void nodeLimitsScope() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    c.sim.setUnreachable("san-b");
    CliRun.Result r = c.cluster("plan", "--node", "san-a");
    assertEquals(0, r.exit(), r.toString());
    assertFalse(r.out().contains("san-b"), "san-b is out of scope, not even unknown");
  }
}
