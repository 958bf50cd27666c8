package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.support.CliRun;
import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.sim.SimCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sanctl import} of a pool whose COMSTAR objects sanctl manages directly (a TPG, a target,
 * host and target groups, LUs with fixed GUIDs, serials and an alias, views to a host group and to
 * everyone) into a repository holding only the cluster: the plan of the imported repository is
 * empty.
 */
class DirectComstarImportRoundTripTest {
  static final String CLUSTER =
      """
      apiVersion: sanctl/v1
      cluster: {name: dr, iqnPrefix: iqn.2026-01.edu.example:dr}
      nodes:
        dr1: {address: 192.0.2.30, os: illumos, services: [zfs, comstar]}
      """;
  static final String POOLS =
      """
      pools:
        tank:
          nodes: [dr1]
          datasets:
            tank/luns: {properties: {compression: lz4, atime: "off"}}
          volumes:
            tank/luns/db: {size: 1G, sparse: true}
            tank/luns/web: {size: 1536M, blockSize: 16K}
          comstar:
            tpgs: {tpg_a: [10.0.0.5, "10.0.1.5:3260"]}
            targets:
              t1: {iqn: "iqn.2026-01.edu.example:dr.t1", tpgs: [tpg_a]}
            hostGroups: {dbhosts: [iqn.1998-01.com.vmware:db1, iqn.1998-01.com.vmware:db2]}
            targetGroups: {tg1: [t1]}
            logicalUnits:
              - {zvol: tank/luns/db, guid: 600144F0AAAABBBBCCCCDDDDEEEE0001, serial: DB0001, alias: db disk}
              - {zvol: tank/luns/web, guid: 600144F0AAAABBBBCCCCDDDDEEEE0002}
            views:
              - {lu: tank/luns/db, hostGroup: dbhosts, targetGroup: tg1, lun: 5}
              - {lu: tank/luns/web, lun: 7}
      """;

  @TempDir Path tmp;

  @Test
  void importedDirectComstarPoolReplansToNoChanges() throws Exception {
    Path config = tmp.resolve("config");
    Files.createDirectories(config);
    Files.writeString(config.resolve("cluster.yaml"), CLUSTER);
    Files.writeString(config.resolve("pools.yaml"), POOLS);
    Path sim = tmp.resolve("sim");
    SimCluster.init(sim, ConfigLoader.loadDirectory(config).state(), 1L << 40);
    CliRun.Result applied = sanctl(config, sim, "apply", "--auto-approve");
    assertEquals(ExitCodes.OK, applied.exit(), applied.toString());
    assertEquals(ExitCodes.OK, sanctl(config, sim, "plan", "--detailed-exitcode").exit());

    Files.delete(config.resolve("pools.yaml"));
    CliRun.Result imported = sanctl(config, sim, "import");
    assertEquals(ExitCodes.OK, imported.exit(), imported.toString());
    String yaml = Files.readString(config.resolve("imported.yaml"));
    String context = "\n--- imported.yaml\n" + yaml;
    assertTrue(yaml.contains("guid: 600144F0AAAABBBBCCCCDDDDEEEE0001"), context);
    assertTrue(yaml.contains("alias: db disk") && yaml.contains("serial: DB0001"), context);
    assertTrue(yaml.contains("size: 1536M") && yaml.contains("blockSize: 16K"), context);
    assertTrue(yaml.contains("compression: lz4"), context);
    CliRun.Result plan = sanctl(config, sim, "plan", "--detailed-exitcode");
    assertEquals(ExitCodes.OK, plan.exit(), plan + context);
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
