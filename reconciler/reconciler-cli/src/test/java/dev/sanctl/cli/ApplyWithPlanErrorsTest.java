package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.support.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary line, the exit code and {@code sanctl status} agree when the plan has errors. */
class ApplyWithPlanErrorsTest {
  @TempDir Path tmp;

  @Test
  void aPlanWithErrorsAppliesNothingSaysSoAndStatusRecordsFailed() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    assertEquals(ExitCodes.OK, c.cluster("apply", "--auto-approve").exit());
    String lvm = Files.readString(c.config.resolve("lvm.yaml"));
    String volume = "      lv_web01_data: {size: 20G}\n";
    c.write(
        "lvm.yaml",
        lvm.replace(volume, "      lv_web01_data: {size: 10G}\n      lv_extra: {size: 1G}\n"));

    CliRun.Result r = c.cluster("apply", "--auto-approve");
    assertEquals(ExitCodes.ERROR, r.exit(), r.toString());
    assertFalse(r.out().contains("Apply complete!"), r.out());
    assertTrue(
        r.out().endsWith("\nApply failed: the plan has 1 error(s); nothing was applied.\n"),
        r.out());
    assertTrue(
        r.err().startsWith("sanctl: error: the plan has 1 error(s); nothing was applied:\n  - "),
        r.err());
    assertTrue(r.err().contains("lv_web01_data"), "names the object in error: " + r.err());
    assertTrue(
        c.cluster("status").out().startsWith("Last apply: failed at "), c.cluster("status").out());
    CliRun.Result again = c.cluster("plan");
    assertTrue(
        again.out().contains("san-a/lvm.volume/vg_san/lv_extra will be created"),
        "the change next to the error was not applied: " + again.out());
  }
}
