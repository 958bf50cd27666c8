package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.support.CliRun;
import dev.sanctl.core.engine.SecretDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sanctl import} of a tgt estate (the quickstart served by tgt instead of IET, with a CHAP
 * user, an offline target and a target with two LUNs; LVM volumes only) into a repository holding
 * only the cluster, its portals and initiator groups: the plan of the imported repository is empty.
 */
class TgtImportRoundTripTest {
  static final String SECRET = "s3cret.Web01-Chap";

  @TempDir Path tmp;
  String savedSecretDirs;

  @AfterEach
  void restoreSecretDirs() {
    if (savedSecretDirs == null) System.clearProperty(SecretDirs.PROPERTY);
    else System.setProperty(SecretDirs.PROPERTY, savedSecretDirs);
  }

  @Test
  void importedTgtTargetsReplanToNoChanges() throws Exception {
    CliRun.assumeProviders();
    Path secrets = tmp.resolve("secrets");
    Files.createDirectories(secrets);
    Path secret = secrets.resolve("web01.chap");
    Files.writeString(secret, SECRET + "\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    savedSecretDirs = System.getProperty(SecretDirs.PROPERTY);
    System.setProperty(SecretDirs.PROPERTY, secrets.toString());
    CliRun c =
        CliRun.quickstart(
            tmp,
            (file, text) ->
                switch (file) {
                  case "cluster.yaml" ->
                      text.replace("[lvm, files, iet]", "[lvm, tgt]")
                          .replace("[lvm, iet]", "[lvm, tgt]");
                  case "iscsi.yaml" ->
                      text.substring(0, text.indexOf("  - volume: vg_lab/"))
                          .replace(
                              "    comment: web01 data\n",
                              "    chap:\n      incoming: [{user: web01-chap, secretFile: "
                                  + secret
                                  + "}]\n")
                          .replace(
                              "  - volume: vg_san/lv_db01_data\n    serial: QSDSK-0002\n",
                              "  - luns: [{lun: 0, volume: vg_san/lv_db01_data, serial:"
                                  + " QSDSK-0002}, {lun: 1, volume: vg_san/lv_vmhost_ds01}]\n"
                                  + "    iqn: iqn.2024-01.org.example:san.db01\n")
                          .replace(
                              "  - volume: vg_san/lv_vmhost_ds01\n    serial: QSDSK-0003\n",
                              "  - volume: vg_san/lv_spare\n    state: offline\n")
                          .replace("    expectedSessions: 2\n", "")
                          .replaceAll("    comment: .*\n", "");
                  case "lvm.yaml" ->
                      text.substring(0, text.indexOf("  vg_lab:"))
                          .replace("{size: 200G}", "{size: 200G}\n      lv_spare: {size: 10G}");
                  default -> text;
                });
    CliRun.Result applied = c.cluster("apply", "--auto-approve");
    assertEquals(ExitCodes.OK, applied.exit(), applied.toString());
    CliRun.Result clean = c.cluster("plan", "--detailed-exitcode");
    assertEquals(ExitCodes.OK, clean.exit(), clean.toString());

    // an empty repository: the cluster, its portals and initiator groups
    Files.delete(c.config.resolve("lvm.yaml"));
    String iscsi = Files.readString(c.config.resolve("iscsi.yaml"));
    c.write("iscsi.yaml", iscsi.substring(0, iscsi.indexOf("targetDefaults:")));
    CliRun.Result imported = c.cluster("import");
    assertEquals(ExitCodes.OK, imported.exit(), imported.toString());
    String yaml = Files.readString(c.config.resolve("imported.yaml"));
    assertTrue(yaml.contains("iqn: iqn.2024-01.org.example:san.db01"), yaml);
    assertTrue(yaml.contains("serial: QSDSK-0001"), yaml);
    assertTrue(yaml.contains("state: offline"), yaml);
    assertTrue(yaml.contains("- ig_web01"), "initiators folded into their group: " + yaml);
    assertFalse(yaml.contains("255.255.255.255"), "the sentinel ACL entry is no initiator");
    assertFalse(yaml.contains(SECRET), "never the secret");
    // the secret file is named in the first secrets directory: the admin creates it
    Path named = secrets.resolve("web01-chap.chap");
    assertTrue(yaml.contains("user: web01-chap") && yaml.contains("secretFile: " + named), yaml);
    Files.move(secret, named);
    CliRun.Result plan = c.cluster("plan", "--detailed-exitcode");
    assertEquals(ExitCodes.OK, plan.exit(), plan + "\n--- imported.yaml\n" + yaml);
  }
}
