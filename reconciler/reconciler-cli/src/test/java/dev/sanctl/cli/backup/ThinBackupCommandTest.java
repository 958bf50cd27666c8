package dev.sanctl.cli.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.CliRun;
import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.config.LoadResult;
import dev.sanctl.sim.SimCluster;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.model.DesiredState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code changeMap: thin} through the CLI ({@code thin-cluster/}): {@code sanctl sim write} on the
 * thin volume, then {@code sanctl backup run --json} reads the written pool blocks only.
 */
class ThinBackupCommandTest {
  @TempDir Path dir;

  @Test
  void theSecondRunReadsTheSegmentsOfTheWrittenBlocks() throws Exception {
    Path config = Files.createDirectories(dir.resolve("config"));
    Files.copy(
        Path.of(getClass().getResource("/thin-cluster/cluster.yaml").toURI()),
        config.resolve("cluster.yaml"));
    LoadResult loaded = ConfigLoader.loadDirectory(config);
    assertTrue(loaded.ok(), loaded.diagnostics().toString());
    DesiredState desired = loaded.state();
    Path sim = dir.resolve("sim");
    SimCluster cluster =
        SimCluster.init(
            sim,
            desired,
            1L << 30,
            Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC));
    String iqn = desired.iqnOf(desired.targets().get(0));
    for (String line :
        new String[] {
          "lvcreate --type thin-pool -L 32M -n tpool vg0",
          "lvcreate -V 8M --thin -n lv_thin vg0/tpool",
          "ietadm --op new --tid=1 --params Name=" + iqn,
          "ietadm --op new --tid=1 --lun=0 --params Path=/dev/vg0/lv_thin,Type=blockio"
        }) {
      assertEquals(0, cluster.run("san1", line.split(" ")).exitStatus(), line);
    }
    assertEquals(
        0,
        cluster
            .host("san1")
            .run(Command.change(new byte[1 << 20], "dd", "of=/dev/vg0/lv_thin", "status=none"))
            .exitStatus());

    CliRun first =
        CliRun.of(
            "-C",
            config.toString(),
            "backup",
            "run",
            "--sim=" + sim,
            "--now=2026-11-21T10:00:00Z",
            "--json",
            "lv_thin");
    assertEquals(0, first.exitCode(), first.out() + first.err());
    assertTrue(first.out().contains("\"mapState\":\"UNKNOWN\",\"segmentsRead\":512,"), first.out());

    CliRun write =
        CliRun.of(
            "sim",
            "write",
            sim.toString(),
            "san1",
            "--target",
            iqn,
            "--offset",
            "100000",
            "--length",
            "5000");
    assertEquals(0, write.exitCode(), write.err());
    CliRun second =
        CliRun.of(
            "-C",
            config.toString(),
            "backup",
            "run",
            "--sim=" + sim,
            "--now=2026-11-21T22:00:00Z",
            "--json",
            "lv_thin");
    assertEquals(0, second.exitCode(), second.out() + second.err());
    assertTrue(
        second
            .out()
            .startsWith(
                "[\n  {\"job\":\"vg0/lv_thin\",\"source\":\"vg0/lv_thin\","
                    + "\"archiveVolume\":\"archive/lv_thin_bk\",\"snapshot\":\"2026-11-21_22.00.00\","
                    + "\"mapState\":\"ACTIVE\",\"segmentsRead\":4,\"segmentsChanged\":1,"
                    + "\"bytesRead\":65536,\"bytesWritten\":16384,"),
        second.out());
  }
}
