package dev.sanctl.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.Main;
import dev.sanctl.core.engine.SecretDirs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The archive host of examples/amherst on the simulator: the plan creates the checksum filesystem
 * and one archive volume per backup job (pool volume defaults, schedule property, the source's
 * declared size); after apply the archive host plans no changes.
 */
class AmherstArchiveSideTest {
  private static final String AMHERST = Path.of("amherst").toAbsolutePath().toString();
  @TempDir Path dir;

  /** Runs sanctl; returns stdout. Exit 0, or 1 when {@code errorAllowed} (see below). */
  private static String run(boolean errorAllowed, String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    assertTrue(code == 0 || (errorAllowed && code == 1), code + ": " + out + "\n" + err);
    return out.toString();
  }

  @Test
  void theArchiveHostIsPlannedAppliedAndConverges() throws Exception {
    // amherst names a CHAP secret file (/etc/sanctl/secrets/vmc02.chap) test machines lack, and a
    // plan with errors applies nothing: the test runs a copy whose secret file is in a secrets
    // directory of its own
    String config = amherstWithSecretIn(dir.resolve("secrets"));
    String sim = dir.resolve("sim").toString();
    String before = System.getProperty(SecretDirs.PROPERTY);
    System.setProperty(SecretDirs.PROPERTY, SecretDirs.DEFAULT + ":" + dir.resolve("secrets"));
    try {
      converges(config, sim);
    } finally {
      if (before == null) System.clearProperty(SecretDirs.PROPERTY);
      else System.setProperty(SecretDirs.PROPERTY, before);
    }
  }

  private String amherstWithSecretIn(Path secrets) throws Exception {
    Path config = dir.resolve("amherst");
    Files.createDirectories(config);
    try (var files = Files.list(Path.of(AMHERST))) {
      for (Path f : files.toList()) {
        Files.writeString(
            config.resolve(f.getFileName()),
            Files.readString(f)
                .replace(
                    "/etc/sanctl/secrets/vmc02.chap", secrets.resolve("vmc02.chap").toString()));
      }
    }
    Files.createDirectories(secrets);
    Path secret = secrets.resolve("vmc02.chap");
    Files.writeString(secret, "vmc02-Secret.1234\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    return config.toString();
  }

  private void converges(String config, String sim) {
    run(false, "-C", config, "sim", "init", sim);
    String plan =
        run(false, "-C", config, "plan", "--sim", sim, "--node", "zfs-archive1", "--no-color");
    for (String line :
        new String[] {
          "$ zfs create vg_satabeast7_vol1/ddless",
          "$ zfs create -V 1099511627776 -o compression=on"
              + " -o edu.amherst:snaprotate_schedule=SNAP_ROTATE_A -o refreservation=none"
              + " vg_satabeast7_vol1/lv_server01_apps_vol00_bk",
          "$ zfs create -V 2199023255552 -o compression=on"
              + " -o edu.amherst:snaprotate_schedule=SNAP_ROTATE_A -o refreservation=none"
              + " vg_satabeast7_vol1/lv_vmc02_vmfs_vm_iet_vol00_bk"
        }) {
      assertTrue(plan.contains(line), "missing '" + line + "' in\n" + plan);
    }
    String applied =
        run(
            false,
            "-C",
            config,
            "apply",
            "--sim",
            sim,
            "--node",
            "zfs-archive1",
            "--auto-approve",
            "--no-color");
    assertTrue(applied.contains("Apply complete! 4 change(s) applied."), applied);
    String again =
        run(false, "-C", config, "plan", "--sim", sim, "--node", "zfs-archive1", "--no-color");
    assertTrue(again.contains("No changes."), again);
    assertTrue(!again.contains("backup."), again);
  }
}
