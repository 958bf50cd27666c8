package dev.sanctl.cli.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.ExitCodes;
import dev.sanctl.cli.support.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sizes in the units lvm2 accepts are accepted; others are refused with the reason. */
class ValidateSizesTest {
  @TempDir Path tmp;

  private CliRun.Result validateWith(String web, String db) throws Exception {
    CliRun c = CliRun.quickstart(tmp);
    String lvm = Files.readString(c.config.resolve("lvm.yaml"));
    c.write(
        "lvm.yaml",
        lvm.replace("lv_web01_data: {size: 20G}", "lv_web01_data: {size: " + web + "}")
            .replace("lv_db01_data: {size: 50G}", "lv_db01_data: {size: " + db + "}"));
    return CliRun.run("validate", "-C", c.config.toString());
  }

  @Test
  void lvmUnitsInEitherCaseAndDecimalsAreAccepted() throws Exception {
    CliRun.Result r = validateWith("50g", "1.5T");
    assertEquals(ExitCodes.OK, r.exit(), r.toString());
  }

  @Test
  void aFractionOfAByteIsRefusedWithTheReason() throws Exception {
    CliRun.Result r = validateWith("0.3k", "512m");
    assertEquals(ExitCodes.ERROR, r.exit(), r.toString());
    assertTrue(
        r.out().contains("size 0.3k is 307.2 bytes, not a whole number of bytes (use a size"),
        r.out());
  }

  @Test
  void aUnitLvmDoesNotKnowIsRefusedNamingTheUnits() throws Exception {
    CliRun.Result r = validateWith("50GB", "512m");
    assertEquals(ExitCodes.ERROR, r.exit(), r.toString());
    assertTrue(r.out().contains("'50GB' is not a size"), r.out());
    assertTrue(r.out().contains("b bytes, s 512-byte sectors, k, m, g, t, p, e"), r.out());
  }
}
