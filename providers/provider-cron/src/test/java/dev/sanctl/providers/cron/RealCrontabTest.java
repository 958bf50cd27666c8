package dev.sanctl.providers.cron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sanctl.core.host.LocalHost;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.testkit.ContractScenario;
import dev.sanctl.testkit.ProviderContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cron provider against the real {@code crontab} of Debian's {@code cron} package (installed by
 * ci/packages.txt), through the real engine. Root's previous crontab is restored afterwards.
 */
class RealCrontabTest {
  static final Path SPOOL = Path.of("/var/spool/cron/crontabs/root");
  final LocalHost host = new LocalHost("localhost");
  String saved;

  @BeforeEach
  void saveCrontab() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/crontab")),
        "crontab is not installed (Debian package cron, listed in ci/packages.txt)");
    CommandResult r = host.run(Command.read("env", "CRONTAB_NOHEADER=N", "crontab", "-l"));
    saved = r.ok() ? CrontabReader.stripDebianHeader(r.out()) : null;
  }

  @AfterEach
  void restoreCrontab() throws Exception {
    if (saved == null) host.run(Command.change("crontab", "-r"));
    else assertTrue(host.run(CrontabReader.installCommand("linux", saved)).ok());
  }

  private static DesiredState state(List<dev.sanctl.spi.model.CronEntry> entries) {
    return CronStates.state(Map.of("localhost", entries), CronStates.node("localhost", "linux"));
  }

  private ContractScenario scenario(DesiredState s) {
    return new ContractScenario("real crontab", s, () -> (node, desired) -> host);
  }

  @Test
  void blockIsInstalledUpdatedAndRemovedAroundForeignLines() throws Exception {
    String foreign = CrontabBlockTest.FOREIGN;
    assertTrue(host.run(CrontabReader.installCommand("linux", foreign)).ok());
    CronProvider p = new CronProvider();
    ProviderContract.check(p, List.of(), scenario(state(CrontabBlockTest.ARCHIVE)));
    String listed = host.run(Command.read("crontab", "-l")).out();
    assertEquals(foreign + CrontabBlock.render("amherst", CrontabBlockTest.ARCHIVE), listed);
    ProviderContract.check(p, List.of(), scenario(state(CrontabBlockTest.ARCHIVE.subList(1, 3))));
    assertEquals(
        foreign + CrontabBlock.render("amherst", CrontabBlockTest.ARCHIVE.subList(1, 3)),
        host.run(Command.read("crontab", "-l")).out());
    ProviderContract.check(p, List.of(), scenario(state(List.of())));
    assertEquals(foreign, host.run(Command.read("crontab", "-l")).out());
  }

  @Test
  void leadingCommentsOfASpoolFileWithoutDebianHeaderAreNotLost() throws Exception {
    assumeTrue(Files.isDirectory(SPOOL.getParent()), "not Debian's cron spool layout");
    String top = "# first comment\n# second comment\n# third comment\n0 3 * * * /bin/true\n";
    host.run(Command.change("crontab", "-r"));
    Files.writeString(SPOOL, top, StandardCharsets.UTF_8);
    // plain crontab -l hides these three lines: the provider must not
    assertEquals("0 3 * * * /bin/true\n", host.run(Command.read("crontab", "-l")).out());
    ProviderContract.check(
        new CronProvider(), List.of(), scenario(state(CrontabBlockTest.ARCHIVE)));
    assertEquals(
        top + CrontabBlock.render("amherst", CrontabBlockTest.ARCHIVE),
        host.run(Command.read("crontab", "-l")).out());
  }
}
