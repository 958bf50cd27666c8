package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.support.CliRun;
import dev.sanctl.core.engine.SecretDirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sanctl import} into a repository that holds only the cluster and its portals, then {@code
 * plan}, through the CLI on a simulated cluster with CHAP accounts, per-target IET parameters,
 * {@code iet.global} settings and a managed cron block: all of them are imported (the CHAP secret
 * as a secret file the admin creates), so the plan right after the import is empty.
 */
class ImportThenPlanTest {
  static final String CHAP_USER = "web01-chap";
  static final String SECRET = "s3cret.Web01-Chap";
  static final String GLOBAL = "TgtNotFoundRespondServiceUnavailable";
  static final String BACKUP_JOB = "sanctl backup run --all";
  static final String ROTATION_JOB = "sanctl snaprotate run --all";

  @TempDir Path tmp;
  String savedSecretDirs;

  @AfterEach
  void restoreSecretDirs() {
    if (savedSecretDirs == null) System.clearProperty(SecretDirs.PROPERTY);
    else System.setProperty(SecretDirs.PROPERTY, savedSecretDirs);
  }

  private CliRun estate() throws IOException {
    Path secrets = tmp.resolve("secrets");
    Files.createDirectories(secrets);
    Path secret = secrets.resolve("web01.chap");
    Files.writeString(secret, SECRET + "\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    savedSecretDirs = System.getProperty(SecretDirs.PROPERTY);
    System.setProperty(SecretDirs.PROPERTY, secrets.toString());
    return CliRun.quickstart(
        tmp,
        (file, text) ->
            switch (file) {
              case "cluster.yaml" ->
                  text.replace("services: [lvm, files, iet]", "services: [lvm, files, iet, cron]")
                      + "cron:\n"
                      + "  san-a:\n"
                      + "    - {schedule: \"0 22 * * *\", command: \""
                      + ROTATION_JOB
                      + "\", comment: nightly rotation}\n"
                      + "    - {schedule: \"15 */12 * * *\", command: \""
                      + BACKUP_JOB
                      + "\", comment: every 12 hours}\n";
              case "iscsi.yaml" ->
                  text.replace(
                          "    comment: web01 data\n",
                          "    comment: web01 data\n"
                              + "    chap:\n"
                              + "      incoming: [{user: "
                              + CHAP_USER
                              + ", secretFile: "
                              + secret
                              + "}]\n")
                      + "iet:\n  global: {"
                      + GLOBAL
                      + ": \"Yes\"}\n";
              default -> text;
            });
  }

  /**
   * Every file of the simulated nodes, by path: its bytes, or for a (sparse) volume backing file
   * over 1 MiB its size and modification time.
   */
  private static Map<String, String> nodeFiles(CliRun c) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(c.simDir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        long size = Files.size(f);
        out.put(
            c.simDir.relativize(f).toString(),
            size > 1 << 20
                ? size + " bytes, modified " + Files.getLastModifiedTime(f)
                : new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
    return out;
  }

  @Test
  void importedStateWithChapParametersGlobalsAndCronPlansNothing() throws Exception {
    CliRun.assumeProviders();
    CliRun c = estate();
    CliRun.Result applied = c.cluster("apply", "--auto-approve");
    assertTrue(
        applied.exit() == ExitCodes.OK || applied.exit() == ExitCodes.CHANGES, applied.toString());
    assertEquals(ExitCodes.OK, c.cluster("plan", "--detailed-exitcode").exit());
    assertTrue(c.sim.run("san-a", "crontab", "-l").out().contains(BACKUP_JOB));
    assertTrue(c.sim.run("san-a", "cat", "/etc/iet/ietd.conf").out().contains(GLOBAL));

    // an empty repository: the cluster and its portals, nothing else
    String iscsi = Files.readString(c.config.resolve("iscsi.yaml"));
    String cluster = Files.readString(c.config.resolve("cluster.yaml"));
    Files.delete(c.config.resolve("lvm.yaml"));
    c.write("iscsi.yaml", iscsi.substring(0, iscsi.indexOf("initiatorGroups:")));
    c.write("cluster.yaml", cluster.substring(0, cluster.indexOf("cron:")));
    CliRun.Result imported = c.cluster("import");
    assertEquals(ExitCodes.OK, imported.exit(), imported.toString());
    String yaml = Files.readString(c.config.resolve("imported.yaml"));
    // CHAP accounts, per-target parameters and iet.global are imported; the secret never is: the
    // import names the secret file the admin creates, in the machine's secrets directory
    Path secretFile = tmp.resolve("secrets").resolve(CHAP_USER + ".chap");
    assertTrue(yaml.contains("secretFile: " + secretFile), yaml);
    assertTrue(yaml.contains(GLOBAL + ": Yes") && yaml.contains("InitialR2T: No"), yaml);
    assertFalse(yaml.contains(SECRET), yaml);
    assertTrue(
        imported.err().contains("CHAP secret of user " + CHAP_USER)
            && imported.err().contains("create " + secretFile + " (mode 0600)"),
        imported.err());
    Files.move(tmp.resolve("secrets/web01.chap"), secretFile);

    CliRun.Result plan = c.cluster("plan");
    assertEquals(ExitCodes.OK, plan.exit(), plan.toString());
    String out = plan.out();
    String context = "--- imported.yaml\n" + yaml + "\n--- plan\n" + out;
    // CHAP, parameters, globals (IetImport) and the managed cron block (CronImport) are imported:
    // nothing is planned away, and import lists nothing as left out but the secret to create
    assertTrue(
        imported
            .err()
            .lines()
            .filter(l -> l.startsWith(ImportCommand.NOT_IMPORTED))
            .allMatch(l -> l.contains("CHAP secret of user " + CHAP_USER)),
        imported.err());
    assertEquals(
        ExitCodes.OK,
        c.cluster("plan", "--detailed-exitcode").exit(),
        "plan is empty:\n" + context);
    assertFalse(out.contains("cron.block") || out.contains("iet.chap"), context);
    assertFalse(out.contains(SECRET), "no secret shown");
    assertTrue(c.sim.run("san-a", "crontab", "-l").out().contains(BACKUP_JOB));
    String conf = c.sim.run("san-a", "cat", "/etc/iet/ietd.conf").out();
    assertTrue(conf.contains(GLOBAL) && conf.contains("IncomingUser " + CHAP_USER), conf);
  }
}
