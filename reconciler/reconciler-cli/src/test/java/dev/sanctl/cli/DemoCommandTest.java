package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.support.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir Path tmp;

  @Test
  void demoPlansAppliesAndEndsWithNoChanges() {
    CliRun.assumeProviders();
    Path sim = tmp.resolve("sim");
    CliRun.Result r =
        CliRun.run("-C", CliRun.examples().getParent().toString(), "demo", "--sim", sim.toString());
    assertEquals(ExitCodes.OK, r.exit(), r.toString());
    String[] parts = r.out().split("\\$ sanctl ");
    assertEquals(4, parts.length, r.out());
    assertTrue(parts[1].contains("will be created"), parts[1]);
    assertTrue(parts[2].contains("Apply complete!"), parts[2]);
    assertTrue(parts[3].contains("No changes. Storage matches the desired state."), parts[3]);
  }
}
