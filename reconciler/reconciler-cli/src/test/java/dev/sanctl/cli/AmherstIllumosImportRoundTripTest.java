package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.support.CliRun;
import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.engine.SecretDirs;
import dev.sanctl.sim.SimCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sanctl import} of the illumos side of {@code examples/amherst} (the stmf-ha pool on the HA
 * pair, the backup archive pool and its cron block) into a repository without pools, cron and
 * backups (backup jobs name pools, so they cannot stay while the pools are imported; nor can they
 * be imported: the archive side does not show their source volume group, workers or integrity): the
 * archive volumes the jobs made come in as volumes of their pool, and the plan has no zfs, comstar
 * or cron change.
 */
class AmherstIllumosImportRoundTripTest {
  static final List<String> NODES = List.of("zfs-archive1", "san1", "san2");

  @TempDir Path tmp;
  String savedSecretDirs;

  @AfterEach
  void restoreSecretDirs() {
    if (savedSecretDirs == null) System.clearProperty(SecretDirs.PROPERTY);
    else System.setProperty(SecretDirs.PROPERTY, savedSecretDirs);
  }

  @Test
  void importedIllumosSideReplansWithoutZfsComstarOrCronChanges() throws Exception {
    Path config = tmp.resolve("config");
    Files.createDirectories(config);
    // amherst's CHAP secret file is moved to a secrets directory of the test's own
    Path secrets = tmp.resolve("secrets");
    Files.createDirectories(secrets);
    Path secret = secrets.resolve("vmc02.chap");
    Files.writeString(secret, "vmc02-Secret.1234\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    savedSecretDirs = System.getProperty(SecretDirs.PROPERTY);
    System.setProperty(SecretDirs.PROPERTY, SecretDirs.DEFAULT + ":" + secrets);
    try (Stream<Path> files = Files.list(CliRun.examples().resolve("amherst"))) {
      for (Path f : files.toList()) {
        Files.writeString(
            config.resolve(f.getFileName()),
            Files.readString(f).replace("/etc/sanctl/secrets/vmc02.chap", secret.toString()));
      }
    }
    Path sim = tmp.resolve("sim");
    SimCluster.init(sim, ConfigLoader.loadDirectory(config).state(), 1L << 40);
    CliRun.Result applied = sanctl(config, sim, "apply", "--auto-approve");
    assertEquals(ExitCodes.OK, applied.exit(), applied.toString());

    Files.delete(config.resolve("zfs.yaml"));
    Files.delete(config.resolve("cron.yaml"));
    Files.delete(config.resolve("backups.yaml"));
    CliRun.Result imported = sanctl(config, sim, "import");
    assertEquals(ExitCodes.OK, imported.exit(), imported.toString());
    String yaml = Files.readString(config.resolve("imported.yaml"));
    String context = "\n--- imported.yaml\n" + yaml;
    assertTrue(yaml.contains("vg_satabeast7_vol1:") && yaml.contains("VM_B_lun:01"), context);
    assertTrue(yaml.contains("vg_satabeast7_vol1/lv_server01_apps_vol00_bk:"), context);
    assertTrue(yaml.contains("snapshotSchedule: SNAP_ROTATE_A"), context);
    CliRun.Result plan = sanctl(config, sim, "plan", "--no-color");
    for (String line : plan.out().lines().toList()) {
      assertFalse(
          line.matches("^  # \\S+/(zfs|comstar|cron)\\.\\S+ will be .*"),
          line + "\n" + plan + context);
    }
  }

  private static CliRun.Result sanctl(Path config, Path sim, String command, String... args) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "-C",
                config.toString(),
                command,
                "--sim",
                sim.toString(),
                "--state-dir=" + config.getParent().resolve("state")));
    for (String n : NODES) argv.addAll(List.of("--node", n));
    argv.addAll(List.of(args));
    return CliRun.run(argv.toArray(String[]::new));
  }
}
