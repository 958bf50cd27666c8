package dev.sanctl.providers.iet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written on IET nodes get their documented modes: secrets 0600, the others 0644. */
class IetFileModesTest {
  @TempDir Path dir;

  @Test
  void ietdConfHoldsChapPasswordsAndIsWrittenOwnerOnly() throws Exception {
    try (SimSan san = SimSan.applied(dir, Amherst.state())) {
      assertEquals("600\n", san.run("node1", "stat", "-c", "%a", "/etc/iet/ietd.conf"));
      assertEquals("644\n", san.run("node1", "stat", "-c", "%a", "/etc/iet/initiators.allow"));
      assertEquals("644\n", san.run("node1", "stat", "-c", "%a", "/etc/iet/targets.allow"));
      assertEquals(
          "", san.run("node1", "find", "/etc/iet", "-name", ".sanctl-write.*"), "no temp files");
    }
  }
}
