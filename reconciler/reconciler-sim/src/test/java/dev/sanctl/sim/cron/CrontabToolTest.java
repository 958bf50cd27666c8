package dev.sanctl.sim.cron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.sim.SimCluster;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The crontab SimTool: Debian and illumos conventions of live-state-formats 7.1. */
class CrontabToolTest {
  @TempDir Path dir;

  private SimCluster cluster() throws Exception {
    return SimCluster.init(
        dir,
        dev.sanctl.sim.zfs.ZfsToolTest.state(),
        1L << 30,
        Clock.fixed(Instant.parse("2026-11-21T12:43:08Z"), ZoneOffset.UTC));
  }

  private static Command install(String text, String... argv) {
    return Command.change(text.getBytes(StandardCharsets.UTF_8), argv);
  }

  @Test
  void debianPrependsAndHidesItsHeaderAndRefusesAMissingNewline() throws Exception {
    SimCluster c = cluster();
    var h = c.host("arch1");
    CommandResult none = h.run(Command.read("crontab", "-l"));
    assertEquals(1, none.exitStatus());
    assertEquals("no crontab for root\n", none.err());
    assertTrue(h.run(install("# mine\n0 1 * * * /bin/true\n", "crontab", "-")).ok());
    assertEquals("# mine\n0 1 * * * /bin/true\n", h.run(Command.read("crontab", "-l")).out());
    assertEquals(
        "new crontab file is missing newline before EOF, can't install.\n",
        h.run(install("0 1 * * * x", "crontab", "-")).err());
    CommandResult bad = h.run(install("0 1 * * x\n", "crontab", "-"));
    assertEquals(1, bad.exitStatus());
    assertTrue(bad.err().endsWith("errors in crontab file, can't install.\n"));
  }

  @Test
  void illumosInstallsFromStdinWithoutArguments() throws Exception {
    SimCluster c = cluster();
    var h = c.host("head1");
    assertEquals(
        "crontab: can't open your crontab file.\n", h.run(Command.read("crontab", "-l")).err());
    assertEquals(1, h.run(install("0 1 * * * x\n", "crontab", "-")).exitStatus());
    assertTrue(h.run(install("# a\n# b\n# c\n# d\n0 1 * * * x\n", "crontab")).ok());
    assertEquals("# a\n# b\n# c\n# d\n0 1 * * * x\n", h.run(Command.read("crontab", "-l")).out());
  }
}
