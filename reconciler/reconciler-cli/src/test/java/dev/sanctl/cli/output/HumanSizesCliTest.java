package dev.sanctl.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.ExitCodes;
import dev.sanctl.cli.support.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sizes in text and markdown plans are human; JSON keeps bytes. */
class HumanSizesCliTest {
  @TempDir Path tmp;

  @Test
  void aGrowIsShownInUnitsWithTheExactBytesWhereNeededAndJsonKeepsBytes() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    assertEquals(ExitCodes.OK, c.cluster("apply", "--auto-approve").exit());
    String lvm = Files.readString(c.config.resolve("lvm.yaml"));
    c.write("lvm.yaml", lvm.replace("lv_web01_data: {size: 20G}", "lv_web01_data: {size: 22016M}"));

    String text = c.cluster("plan").out();
    assertTrue(text.contains("~ size: 20G -> 21.5G (23085449216 bytes)"), text);
    assertTrue(text.contains("(size 20G -> 21.5G (23085449216 bytes)"), text);
    assertFalse(text.contains("21474836480"), text);

    String markdown = c.cluster("plan", "--format", "markdown").out();
    assertTrue(markdown.contains("- size: 20G\n+ size: 21.5G (23085449216 bytes)\n"), markdown);

    String json = c.cluster("plan", "--format", "json").out();
    assertTrue(json.contains("\"before\": \"21474836480\""), json);
    assertTrue(json.contains("\"after\": \"23085449216\""), json);
  }
}
