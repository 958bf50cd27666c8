package dev.sanctl.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.ExitCodes;
import dev.sanctl.cli.support.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Addresses of files name the file by its absolute path, leading slash kept. */
class FileAddressesCliTest {
  @TempDir Path tmp;

  @Test
  void configurationFilesAreAddressedByTheirAbsolutePath() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    CliRun.Result text = c.cluster("plan");
    assertEquals(ExitCodes.OK, text.exit(), text.toString());
    assertTrue(
        text.out().contains("# san-a/iet.file//etc/iet/ietd.conf will be created"), text.out());
    assertTrue(text.out().contains("+ iet.file \"/etc/iet/ietd.conf\" {"), text.out());
    assertFalse(text.out().contains("iet.file/etc/"), text.out());

    String json = c.cluster("plan", "--format", "json").out();
    assertTrue(json.contains("\"name\": \"/mnt/iscsi-target/vg_san/iet/ietd.conf\""), json);
  }
}
