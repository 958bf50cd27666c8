package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.support.CliRun;
import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.sim.SimCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sanctl import} of the {@code examples/stmf-ha} estate (an HA pool with a filesystem, zvols
 * with block sizes and a snapshot schedule, its stmf-ha.conf, and cron blocks on both heads) into a
 * repository holding only the cluster and the schedules: the plan of the imported repository is
 * empty, and stays so when the admin adds the pool's second head.
 */
class StmfHaImportRoundTripTest {
  @TempDir Path tmp;

  @Test
  void importedPoolsStmfHaAndCronReplanToNoChanges() throws Exception {
    Path config = tmp.resolve("config");
    Path example = CliRun.examples().resolve("stmf-ha");
    Files.createDirectories(config);
    try (Stream<Path> files = Files.list(example)) {
      for (Path f : files.toList()) Files.copy(f, config.resolve(f.getFileName()));
    }
    Path sim = tmp.resolve("sim");
    SimCluster.init(sim, ConfigLoader.loadDirectory(config).state(), 1L << 40);
    assertEquals(ExitCodes.OK, sanctl(config, sim, "apply", "--auto-approve").exit());
    assertEquals(ExitCodes.OK, sanctl(config, sim, "plan", "--detailed-exitcode").exit());

    Files.delete(config.resolve("zfs.yaml"));
    Files.delete(config.resolve("cron.yaml"));
    CliRun.Result imported = sanctl(config, sim, "import");
    assertEquals(ExitCodes.OK, imported.exit(), imported.toString());
    String yaml = Files.readString(config.resolve("imported.yaml"));
    String context = "\n--- imported.yaml\n" + yaml;
    assertTrue(yaml.contains("tank/vm/VM_C_lun:02"), context);
    assertTrue(yaml.contains("size: 500G") && yaml.contains("blockSize: 128K"), context);
    assertTrue(yaml.contains("snapshotSchedule: SNAP_HOURLY_DAILY"), context);
    assertTrue(yaml.contains("compression: on"), context);
    assertTrue(yaml.contains("luPrefix: tank/vm") && yaml.contains("defaultTpg: tpg01"), context);
    assertTrue(
        yaml.contains("command: /opt/sanctl/bin/sanctl -C /etc/sanctl/site snaprotate run --all"),
        context);
    CliRun.Result plan = sanctl(config, sim, "plan", "--detailed-exitcode");
    assertEquals(ExitCodes.OK, plan.exit(), plan + context);

    // only the head that imports the pool is seen: the admin adds the other one
    assertTrue(yaml.contains("    nodes:\n    - san1\n    datasets:"), context);
    Files.writeString(
        config.resolve("imported.yaml"),
        yaml.replace("    nodes:\n    - san1\n", "    nodes:\n    - san1\n    - san2\n"));
    CliRun.Result again = sanctl(config, sim, "plan", "--detailed-exitcode");
    assertEquals(ExitCodes.OK, again.exit(), again + context);
  }

  private static CliRun.Result sanctl(Path config, Path sim, String command, String... args) {
    String[] argv = new String[args.length + 6];
    argv[0] = "-C";
    argv[1] = config.toString();
    argv[2] = command;
    argv[3] = "--sim";
    argv[4] = sim.toString();
    argv[5] = "--state-dir=" + config.getParent().resolve("state");
    System.arraycopy(args, 0, argv, 6, args.length);
    return CliRun.run(argv);
  }
}
