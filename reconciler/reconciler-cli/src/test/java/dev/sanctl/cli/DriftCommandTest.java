package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.support.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftCommandTest {
  @TempDir Path tmp;

  @Test
  void driftIsExit2AndCleanIsExit0AndStatusRemembers() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    assertEquals(0, c.cluster("apply", "--auto-approve").exit());
    CliRun.Result fewSessions = c.cluster("drift");
    assertEquals(ExitCodes.CHANGES, fewSessions.exit(), "expectedSessions: 2, none logged in");
    assertTrue(fewSessions.out().contains("0 session(s) on san-a, 2 expected"), fewSessions.out());
    String iqn = "iqn.2024-01.org.example:san.pg-storage.vg-san.lv-vmhost-ds01";
    c.sim.addSession("san-a", iqn, "iqn.1998-01.com.vmware:esx01", "10.20.0.101");
    c.sim.addSession("san-a", iqn, "iqn.1998-01.com.vmware:esx02", "10.20.0.102");
    CliRun.Result clean = c.cluster("drift");
    assertEquals(ExitCodes.OK, clean.exit(), clean.toString());
    assertTrue(clean.out().startsWith("No drift."), clean.out());

    c.sim.run("san-a", "lvextend", "-L", "32212254720b", "vg_san/lv_web01_data");
    CliRun.Result drift = c.cluster("drift");
    assertEquals(ExitCodes.CHANGES, drift.exit(), "a volume grown by hand: " + drift);
    assertTrue(drift.out().startsWith("Drift detected"), drift.out());
    assertTrue(c.cluster("status").out().contains("Last drift check: drift at "));
  }
}
