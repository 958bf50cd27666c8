package dev.sanctl.cli.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.CliRun;
import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.config.LoadResult;
import dev.sanctl.sim.SimCluster;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.model.DesiredState;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The config repository of {@code backup-cluster/} copied to {@code dir/config} and its simulated
 * cluster in {@code dir/sim}: {@code san1} holds {@code vg0/lv_data} (8 MiB, exported, so it has a
 * ddmap, written full) and {@code vg0/lv_plain} (4 MiB, no target); {@code arch1} has pool {@code
 * archive}.
 */
final class BackupSim {
  static final String NOW = "2026-11-21T10:00:00Z";
  final Path config;
  final Path sim;
  final SimCluster cluster;
  final String iqn;

  BackupSim(Path dir) throws IOException, URISyntaxException {
    config = Files.createDirectories(dir.resolve("config"));
    for (String f : new String[] {"cluster.yaml", "lvm.yaml", "iscsi.yaml", "zfs.yaml"}) {
      Files.copy(
          Path.of(BackupSim.class.getResource("/backup-cluster/" + f).toURI()), config.resolve(f));
    }
    LoadResult loaded = ConfigLoader.loadDirectory(config);
    assertTrue(loaded.ok(), loaded.diagnostics().toString());
    DesiredState desired = loaded.state();
    sim = dir.resolve("sim");
    cluster =
        SimCluster.init(sim, desired, 1L << 30, Clock.fixed(Instant.parse(NOW), ZoneOffset.UTC));
    iqn = desired.iqnOf(desired.targets().get(0));
    run("san1", "lvcreate", "-L", "8M", "-n", "lv_data", "vg0");
    run("san1", "lvcreate", "-L", "4M", "-n", "lv_plain", "vg0");
    run("san1", "ietadm", "--op", "new", "--tid=1", "--params", "Name=" + iqn);
    run(
        "san1",
        "ietadm",
        "--op",
        "new",
        "--tid=1",
        "--lun=0",
        "--params",
        "Path=/dev/vg0/lv_data,Type=blockio");
    cluster.write("san1", iqn, 0, 8 << 20);
  }

  void run(String node, String... argv) throws IOException {
    CommandResult r = cluster.run(node, argv);
    assertEquals(0, r.exitStatus(), String.join(" ", argv) + ": " + r.err());
  }

  /** Another run (of another process, maybe another machine) holds the lock of {@code lv}. */
  void holdLock(String lv, String owner) throws IOException {
    String lock = "/mnt/iscsi-target/vg0/ddmap/" + lv + "/backup.lock";
    run("san1", "mkdir", "-p", lock);
    CommandResult r =
        cluster
            .host("san1")
            .run(
                Command.change(
                    (owner + "\n").getBytes(StandardCharsets.UTF_8), "tee", lock + "/owner"));
    assertEquals(0, r.exitStatus(), r.err());
  }

  /** {@code sanctl -C config backup SUBCOMMAND --sim=sim [--now=NOW] ARGS...}. */
  CliRun backup(String... args) {
    List<String> all =
        new ArrayList<>(List.of("-C", config.toString(), "backup", args[0], "--sim=" + sim));
    if (args[0].equals("run")) all.add("--now=" + NOW);
    all.addAll(List.of(args).subList(1, args.length));
    return CliRun.of(all.toArray(String[]::new));
  }
}
