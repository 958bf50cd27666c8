package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.support.CliRun;
import dev.sanctl.spi.host.Command;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sanctl import} of the managed crontab blocks (two nodes, entries with and without a
 * comment, a crontab line of the admin's outside the block) into a repository holding only the
 * cluster: the plan of the imported repository is empty and the admin's line is not imported.
 */
class CronImportRoundTripTest {
  static final String CRON =
      """
      cron:
        san-a:
          - {schedule: "0 22 * * *", command: "sanctl snaprotate run --all", comment: "10:00pm daily rotation"}
          - {schedule: "15  */12 * * 1-5", command: "sanctl backup run --all >>/var/log/sanctl/backup.log 2>&1"}
        san-b:
          - {schedule: "*/2 * * * *", command: "sanctl drift --node san-b --notify", comment: drift}
      """;

  @TempDir java.nio.file.Path tmp;

  @Test
  void importedCronBlocksReplanToNoChanges() throws Exception {
    CliRun c =
        CliRun.quickstart(
            tmp,
            (file, text) ->
                file.equals("cluster.yaml")
                    ? text.replace("[lvm, files, iet]", "[cron]").replace("[lvm, iet]", "[cron]")
                    : text);
    Files.delete(c.config.resolve("lvm.yaml"));
    Files.delete(c.config.resolve("iscsi.yaml"));
    c.write("cron.yaml", CRON);
    byte[] mine = "30 3 * * * /usr/local/bin/mine\n".getBytes(StandardCharsets.UTF_8);
    assertTrue(c.sim.execute("san-a", Command.change(mine, "crontab", "-")).ok());
    CliRun.Result applied = c.cluster("apply", "--auto-approve");
    assertEquals(ExitCodes.OK, applied.exit(), applied.toString());
    assertEquals(ExitCodes.OK, c.cluster("plan", "--detailed-exitcode").exit());

    Files.delete(c.config.resolve("cron.yaml"));
    CliRun.Result imported = c.cluster("import");
    assertEquals(ExitCodes.OK, imported.exit(), imported.toString());
    String yaml = Files.readString(c.config.resolve("imported.yaml"));
    assertTrue(yaml.contains("comment: 10:00pm daily rotation"), yaml);
    assertTrue(yaml.contains("schedule: 15 */12 * * 1-5"), yaml);
    assertTrue(!yaml.contains("/usr/local/bin/mine"), "not sanctl's line: " + yaml);
    CliRun.Result plan = c.cluster("plan", "--detailed-exitcode");
    assertEquals(ExitCodes.OK, plan.exit(), plan + "\n--- imported.yaml\n" + yaml);
    assertTrue(c.sim.run("san-a", "crontab", "-l").out().contains("/usr/local/bin/mine"));
  }
}
