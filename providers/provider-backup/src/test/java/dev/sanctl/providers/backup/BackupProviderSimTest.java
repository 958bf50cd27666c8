package dev.sanctl.providers.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.backup.BackupRunner;
import dev.sanctl.backup.JobResult;
import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.config.LoadResult;
import dev.sanctl.sim.SimCluster;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.model.Backups;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.NodeState;
import dev.sanctl.spi.provider.ObserveContext;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.PlanResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive side planned, applied and converged on the simulated archive host. */
class BackupProviderSimTest {
  @TempDir Path dir;
  DesiredState desired;
  SimCluster sim;
  Host arch1;
  final BackupProvider provider = new BackupProvider();

  @BeforeEach
  void init() throws Exception {
    desired =
        load(Path.of(getClass().getResource("/backup-cluster/cluster.yaml").toURI()).getParent());
    sim =
        SimCluster.init(
            dir,
            desired,
            1L << 30,
            Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC));
    arch1 = sim.host("arch1");
  }

  static DesiredState load(Path config) {
    LoadResult r = ConfigLoader.loadDirectory(config);
    assertTrue(r.ok(), r.diagnostics().toString());
    return r.state();
  }

  private PlanResult plan() throws Exception {
    var obs = provider.observe(new ObserveContext(desired.nodes().get("arch1"), arch1, desired));
    return provider.plan(
        new PlanContext(
            desired, Map.of("arch1", NodeState.observed("arch1", obs)), Map.of(), path -> ""));
  }

  private void apply(PlanResult plan) throws Exception {
    for (Change c : plan.changes()) {
      for (Command cmd : c.commands()) {
        CommandResult res = arch1.run(cmd);
        assertEquals(0, res.exitStatus(), cmd + ": " + res.err());
      }
    }
  }

  @Test
  void createsTheChecksumFilesystemAndArchiveVolumesThenConverges() throws Exception {
    assertTrue(provider.servesNode(desired, desired.nodes().get("arch1")));
    PlanResult first = plan();
    assertEquals(
        List.of(
            "arch1/backup.checksums/archive/ddless: zfs create archive/ddless",
            "arch1/backup.volume/archive/lv_data_bk: zfs create -V 8388608 -s -o compression=on"
                + " -o dev.sanctl:snaprotate_schedule=ROT archive/lv_data_bk",
            "arch1/backup.volume/archive/lv_plain_bk: zfs create -V 4194304 -s -o compression=on"
                + " -o dev.sanctl:snaprotate_schedule=ROT archive/lv_plain_bk"),
        first.changes().stream().map(c -> c.address() + ": " + c.commands().get(0)).toList());
    apply(first);
    assertEquals(List.of(), plan().changes());
  }

  @Test
  void repairsTheScheduleAndGrowsATooSmallVolume() throws Exception {
    apply(plan());
    arch1.run(
        Command.change("zfs", "set", "dev.sanctl:snaprotate_schedule=OTHER", "archive/lv_data_bk"));
    CommandResult shrink = sim.run("arch1", "zfs", "destroy", "archive/lv_plain_bk");
    assertEquals(0, shrink.exitStatus(), shrink.err());
    sim.run("arch1", "zfs", "create", "-V", "1048576", "archive/lv_plain_bk");
    PlanResult drift = plan();
    assertEquals(
        List.of(
            "zfs set dev.sanctl:snaprotate_schedule=ROT archive/lv_data_bk",
            "zfs set dev.sanctl:snaprotate_schedule=ROT archive/lv_plain_bk",
            "zfs set volsize=4194304 archive/lv_plain_bk"),
        drift.changes().stream()
            .flatMap(c -> c.commands().stream())
            .map(Command::toString)
            .toList());
    apply(drift);
    assertEquals(List.of(), plan().changes());
  }

  @Test
  void theChecksumFilesystemGetsAMountPointWhereThePoolHasNone() throws Exception {
    assertEquals(0, sim.run("arch1", "zfs", "set", "mountpoint=none", "archive").exitStatus());
    PlanResult first = plan();
    assertEquals(
        "zfs create -o mountpoint=/archive/ddless archive/ddless",
        first.changes().get(0).commands().get(0).toString());
    apply(first);
    assertEquals(List.of(), plan().changes());

    sim.run("arch1", "zfs", "set", "mountpoint=legacy", "archive/ddless");
    PlanResult repair = plan();
    assertEquals(
        List.of(
            "arch1/backup.checksums/archive/ddless: zfs set"
                + " mountpoint=/archive/ddless archive/ddless"),
        repair.changes().stream().map(c -> c.address() + ": " + c.commands().get(0)).toList());
    apply(repair);
    assertEquals(List.of(), plan().changes());
  }

  @Test
  void aBackupRunLeavesNothingToPlanAndLostChecksumFilesAreWarnings() throws Exception {
    apply(plan());
    Host san1 = sim.host("san1");
    assertEquals(
        0, san1.run(Command.change("lvcreate", "-L", "4M", "-n", "lv_plain", "vg0")).exitStatus());
    Backups.Job job = BackupRunner.find(desired, "lv_plain").orElseThrow();
    JobResult r = new BackupRunner(desired, sim::host, sim.clock()).run(job);
    assertTrue(r.ok(), r.line());
    PlanResult after = plan();
    assertEquals(List.of(), after.changes());
    assertEquals(List.of(), after.findings());

    String dir = "/archive/ddless/";
    sim.run(
        "arch1", "rm", dir + "lv_plain_bk.cksum", dir + "lv_plain_bk@" + r.snapshot() + ".cksum");
    PlanResult lost = plan();
    assertEquals(List.of(), lost.changes());
    assertEquals(
        List.of(
            "WARNING arch1/backup.volume/archive/lv_plain_bk: archive volume archive/lv_plain_bk has"
                + " snapshots but no checksum file /archive/ddless/lv_plain_bk.cksum",
            "WARNING arch1/backup.volume/archive/lv_plain_bk: 1 of 1 snapshots of"
                + " archive/lv_plain_bk have no checksum file (first: archive/lv_plain_bk@"
                + r.snapshot()
                + ")"),
        lost.findings().stream()
            .map(f -> f.kind() + " " + f.address() + ": " + f.message())
            .toList());
  }
}
