package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.support.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A node that is not observed (unreachable, or an observation command fails) makes every run
 * incomplete: never "No drift." or "Storage matches the desired state.", never exit 0, never
 * recorded as clean or ok, and the unknown nodes come first in every format.
 */
class IncompleteRunTest {
  static final String MATCHES = "Storage matches the desired state.";
  static final String IQN = "iqn.2024-01.org.example:san.pg-storage.vg-san.lv-vmhost-ds01";
  @TempDir Path tmp;
  CliRun c;

  /** A converged cluster whose sessions meet expectedSessions: clean, until san-b goes away. */
  @BeforeEach
  void converged() throws Exception {
    CliRun.assumeProviders();
    c = CliRun.quickstart(tmp);
    assertEquals(ExitCodes.OK, c.cluster("apply", "--auto-approve").exit());
    c.sim.addSession("san-a", IQN, "iqn.1998-01.com.vmware:esx01", "10.20.0.101");
    c.sim.addSession("san-a", IQN, "iqn.1998-01.com.vmware:esx02", "10.20.0.102");
    CliRun.Result clean = c.cluster("drift");
    assertEquals(ExitCodes.OK, clean.exit(), clean.toString());
  }

  private void sanBUnreachable() {
    assertEquals(
        0, CliRun.run("sim", "fault", c.simDir.toString(), "san-b", "--unreachable").exit());
  }

  @Test
  void planOfAnUnreachableNodeIsIncompleteAndExits4() {
    sanBUnreachable();
    for (List<String> args : List.<List<String>>of(List.of(), List.of("--detailed-exitcode"))) {
      CliRun.Result r = c.cluster("plan", args.toArray(String[]::new));
      assertEquals(ExitCodes.INCOMPLETE, r.exit(), r.toString());
      assertFalse(r.out().contains(MATCHES), r.out());
      assertTrue(
          r.out().startsWith("Unknown nodes (not observed, nothing planned on them):\n  ! san-b: "),
          r.out());
      assertTrue(
          r.out()
              .endsWith(
                  "No changes on the observed nodes; the unknown nodes were not compared.\n"
                      + "Incomplete: 1 node(s) unknown (san-b), nothing was planned on them.\n"),
          r.out());
    }
  }

  @Test
  void incompleteWinsOverChangesInPlanDetailedExitcode() throws Exception {
    String lvm = Files.readString(c.config.resolve("lvm.yaml"));
    String volumes = "      lv_web01_data: {size: 20G}\n";
    c.write("lvm.yaml", lvm.replace(volumes, volumes + "      lv_extra: {size: 1G}\n"));
    sanBUnreachable();
    CliRun.Result r = c.cluster("plan", "--detailed-exitcode");
    assertEquals(ExitCodes.INCOMPLETE, r.exit(), "4 wins over 2: " + r);
    assertTrue(r.out().contains("will be created"), r.out());
  }

  @Test
  void markdownAndJsonPutTheUnknownNodeFirst() throws Exception {
    sanBUnreachable();
    CliRun.Result md = c.cluster("plan", "--format", "markdown");
    assertEquals(ExitCodes.INCOMPLETE, md.exit(), md.toString());
    String first = md.out().lines().findFirst().orElseThrow();
    assertEquals(
        "### Plan for working tree — **incomplete: 1 node(s) unknown**, no changes on the"
            + " observed nodes",
        first);
    assertFalse(md.out().contains(MATCHES), md.out());
    assertTrue(
        md.out().indexOf("**Unknown nodes**") < md.out().indexOf("| Node | Status |"), md.out());
    CliRun.Result json = c.cluster("plan", "--format", "json");
    assertEquals(ExitCodes.INCOMPLETE, json.exit(), json.toString());
    JsonNode root = JsonMapper.builder().build().readTree(json.out());
    assertEquals("san-b", root.path("nodes").get(0).path("name").asString());
    assertEquals("unknown", root.path("nodes").get(0).path("status").asString());
    assertFalse(root.path("complete").asBoolean());
  }

  @Test
  void driftOfAnUnreachableNodeIsNotCleanAndExits4() throws Exception {
    sanBUnreachable();
    CliRun.Result r = c.cluster("drift");
    assertEquals(ExitCodes.INCOMPLETE, r.exit(), r.toString());
    assertTrue(
        r.out()
            .startsWith(
                "Incomplete: 1 node(s) could not be observed (san-b); whether they drifted is"
                    + " unknown.\nNo drift on the observed nodes.\n"),
        r.out());
    assertFalse(r.out().contains("No drift.\n"), r.out());
    String record = Files.readString(c.stateDir.resolve("last-drift.json"));
    assertTrue(record.contains("\"status\": \"incomplete\""), record);
    CliRun.Result status = c.cluster("status");
    assertTrue(status.out().contains("Last drift check: incomplete at "), status.out());
  }

  @Test
  void aFailingObservationCommandMakesDriftIncomplete() {
    assertEquals(
        0, CliRun.run("sim", "fault", c.simDir.toString(), "san-b", "--fail", "lvs").exit());
    CliRun.Result r = c.cluster("drift", "--format", "json");
    assertEquals(ExitCodes.INCOMPLETE, r.exit(), r.toString());
    assertTrue(r.out().contains("\"complete\": false"), r.out());
  }

  @Test
  void applyWithAnUnreachableNodeIsIncompleteNotOk() {
    sanBUnreachable();
    CliRun.Result r = c.cluster("apply", "--auto-approve");
    assertEquals(ExitCodes.INCOMPLETE, r.exit(), r.toString());
    assertFalse(r.out().contains(MATCHES), r.out());
    assertTrue(
        r.out()
            .endsWith(
                "Apply incomplete: nothing was applied; 1 node(s) could not be observed and were"
                    + " left alone: san-b.\n"),
        r.out());
    assertTrue(r.err().contains("  ! san-b: "), r.err());
    assertTrue(
        c.cluster("status").out().startsWith("Last apply: incomplete at "),
        c.cluster("status").out());
  }

  @Test
  void liveStatusWithAnUnreachableNodeExits4() {
    sanBUnreachable();
    CliRun.Result r = c.cluster("status", "--live");
    assertEquals(ExitCodes.INCOMPLETE, r.exit(), r.toString());
    assertTrue(r.out().contains("Node san-b: unknown ("), r.out());
  }

  @Test
  void precedenceIsErrorRefusedIncompleteChangesOk() {
    assertEquals(ExitCodes.ERROR, ExitCodes.worst(2, 4, 3, 1, 0));
    assertEquals(ExitCodes.REFUSED, ExitCodes.worst(2, 4, 3, 0));
    assertEquals(ExitCodes.INCOMPLETE, ExitCodes.worst(2, 4, 0));
    assertEquals(ExitCodes.CHANGES, ExitCodes.worst(0, 2));
    assertEquals(ExitCodes.OK, ExitCodes.worst());
  }
}
