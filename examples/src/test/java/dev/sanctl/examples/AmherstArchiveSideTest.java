package dev.sanctl.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The archive host of examples/amherst on the simulator: the plan creates the checksum filesystem
 * and one archive volume per backup job (pool volume defaults, schedule property, the source's
 * declared size); after apply the archive host plans no changes.
 */
class AmherstArchiveSideTest {
  private static final String AMHERST = Path.of("amherst").toAbsolutePath().toString();
  @TempDir Path dir;

  /** Runs sanctl; returns stdout. Exit 0, or 1 when {@code errorAllowed} (see below). */
  private static String run(boolean errorAllowed, String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    assertTrue(code == 0 || (errorAllowed && code == 1), code + ": " + out + "\n" + err);
    return out.toString();
  }

  @Test
  void theArchiveHostIsPlannedAppliedAndConverges() {
    String sim = dir.resolve("sim").toString();
    run(false, "-C", AMHERST, "sim", "init", sim);
    // amherst names a CHAP secret file (/etc/sanctl/secrets/vmc02.chap) test machines usually
    // lack: plan and apply then report that target as an error and exit 1; the archive host's
    // changes are planned and applied all the same
    String plan =
        run(true, "-C", AMHERST, "plan", "--sim", sim, "--node", "zfs-archive1", "--no-color");
    for (String line :
        new String[] {
          "$ zfs create vg_satabeast7_vol1/ddless",
          "$ zfs create -V 1099511627776 -o compression=on"
              + " -o edu.amherst:snaprotate_schedule=SNAP_ROTATE_A -o refreservation=none"
              + " vg_satabeast7_vol1/lv_server01_apps_vol00_bk",
          "$ zfs create -V 2199023255552 -o compression=on"
              + " -o edu.amherst:snaprotate_schedule=SNAP_ROTATE_A -o refreservation=none"
              + " vg_satabeast7_vol1/lv_vmc02_vmfs_vm_iet_vol00_bk"
        }) {
      assertTrue(plan.contains(line), "missing '" + line + "' in\n" + plan);
    }
    String applied =
        run(
            true,
            "-C",
            AMHERST,
            "apply",
            "--sim",
            sim,
            "--node",
            "zfs-archive1",
            "--auto-approve",
            "--no-color");
    assertTrue(applied.contains("Apply complete! 4 change(s) applied."), applied);
    String again =
        run(true, "-C", AMHERST, "plan", "--sim", sim, "--node", "zfs-archive1", "--no-color");
    assertTrue(again.contains("No changes."), again);
    assertTrue(!again.contains("backup."), again);
  }
}
