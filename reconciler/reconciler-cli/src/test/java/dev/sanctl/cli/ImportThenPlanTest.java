package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.support.CliRun;
import dev.sanctl.core.engine.SecretDirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sanctl import} into a repository that holds only the cluster and its portals, then {@code
 * plan} and {@code apply --auto-approve}, through the CLI on a simulated cluster with CHAP
 * accounts, per-target IET parameters, {@code iet.global} settings and a managed cron block (which
 * import adopts): what import cannot express is never removed silently.
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
  void importedStateRemovesNoChapParameterGlobalOrCronJobWithoutAllowDisruptive() throws Exception {
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

    CliRun.Result plan = c.cluster("plan");
    assertEquals(ExitCodes.OK, plan.exit(), plan.toString());
    String out = plan.out();
    String context = "--- imported.yaml\n" + yaml + "\n--- plan\n" + out;
    Map<String, String> impacts = changes(out);
    // import cannot express these, so the plan removes them: each must be visible and gated
    for (String removal :
        List.of(
            "san-a/iet.chap/iqn.2024-01.org.example:san.pg-storage.vg-san.lv-web01-data",
            "san-a/iet.file/etc/iet/ietd.conf",
            "san-b/iet.file/etc/iet/ietd.conf")) {
      assertTrue(
          impacts.keySet().stream().anyMatch(a -> a.startsWith(removal)),
          "planned: " + removal + "\n" + context);
    }
    // the managed cron block is imported (CronImport): nothing of it is planned
    assertTrue(!out.contains("cron.block") && !out.contains(BACKUP_JOB), context);
    assertTrue(out.contains("removes CHAP account(s)"), context);
    assertTrue(out.contains("removes settings global: " + GLOBAL), context);
    assertTrue(out.contains("lv-web01-data: InitialR2T"), "per-target parameters: " + context);
    // after an import the plan holds nothing but removals: every change is gated
    String attention = out.substring(out.indexOf("Changes that need attention"));
    impacts.forEach(
        (address, impact) -> {
          assertTrue(
              impact.equals("disruptive")
                  || impact.equals("breaking")
                  || impact.equals("destructive"),
              address + " is only " + impact + ":\n" + context);
          assertTrue(
              attention.contains(impact + ": " + address + " will be"),
              address + " listed in the attention section:\n" + context);
        });
    assertTrue(
        plan.out().contains("Changes that need attention (" + impacts.size() + ")"), context);

    Map<String, String> before = nodeFiles(c);
    CliRun.Result refused = c.cluster("apply", "--auto-approve");
    assertEquals(ExitCodes.REFUSED, refused.exit(), refused.toString());
    assertTrue(refused.err().contains("needs --allow-disruptive"), refused.err());
    assertEquals(before, nodeFiles(c), "apply changed nothing on the nodes");
    assertTrue(c.sim.run("san-a", "crontab", "-l").out().contains(BACKUP_JOB));
    String conf = c.sim.run("san-a", "cat", "/etc/iet/ietd.conf").out();
    assertTrue(conf.contains(GLOBAL) && conf.contains("IncomingUser " + CHAP_USER), conf);
    assertFalse(out.contains(SECRET) || refused.err().contains(SECRET), "no secret shown");

    // a human who approves gets the removals (and the comparison above sees such changes)
    CliRun.Result approved = c.cluster("apply", "--auto-approve", "--allow-disruptive");
    assertEquals(ExitCodes.OK, approved.exit(), approved.toString());
    assertNotEquals(before, nodeFiles(c));
    assertTrue(c.sim.run("san-a", "crontab", "-l").out().contains(BACKUP_JOB));
  }

  /** Address to impact ({@code none} when unmarked) of every change of a text plan. */
  private static Map<String, String> changes(String plan) {
    Map<String, String> out = new TreeMap<>();
    Matcher m =
        Pattern.compile("(?m)^  # (\\S+) will be [^\\[\\n]*?(?: \\[(\\w+)\\])?$").matcher(plan);
    while (m.find()) out.put(m.group(1), m.group(2) == null ? "none" : m.group(2));
    assertTrue(!out.isEmpty(), plan);
    return out;
  }
}
