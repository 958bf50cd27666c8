package dev.sanctl.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.model.Backups;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.Pool;
import dev.sanctl.spi.model.ResourceState;
import dev.sanctl.spi.model.SourceRef;
import dev.sanctl.spi.model.Target;
import dev.sanctl.spi.model.TargetState;
import dev.sanctl.spi.model.Transport;
import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.model.VolumeRef;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  static final Path EXAMPLES = Path.of("../../examples").toAbsolutePath().normalize();

  static final String CLUSTER = "cluster: {name: c, iqnPrefix: iqn.2024-01.org.example}\n";

  static LoadResult loadOne(String yaml) {
    return ConfigLoader.loadFiles(List.of(new SourceFile("c.yaml", yaml)));
  }

  static DesiredState load(String example) {
    LoadResult r = ConfigLoader.loadDirectory(EXAMPLES.resolve(example));
    assertTrue(r.ok(), r.diagnostics().toString());
    return r.state();
  }

  /**
   * Preparing the schema in the background (the command line does, before its own start-up) is
   * optional and changes no load: a load while it may still run gives the same result.
   */
  @Test
  void preparingTheSchemaInTheBackgroundChangesNoLoad() {
    ConfigLoader.prepareSchemaInBackground();
    LoadResult during = loadOne(CLUSTER + "nodes: {n1: {adress: x}}\n");
    ConfigLoader.prepareSchemaInBackground();
    assertEquals(
        loadOne(CLUSTER + "nodes: {n1: {adress: x}}\n").diagnostics(), during.diagnostics());
    assertFalse(during.diagnostics().isEmpty());
    assertTrue(ConfigLoader.loadDirectory(EXAMPLES.resolve("quickstart")).ok());
  }

  @Test
  void quickstartBuildsTheTypedModelWithDefaults() {
    DesiredState s = load("quickstart");
    assertEquals("quickstart", s.cluster().name());
    assertEquals(List.of("san-a", "san-b"), List.copyOf(s.nodes().keySet()));
    assertEquals("ssh", s.nodes().get("san-a").connection());
    assertNull(s.nodes().get("san-a").user());
    assertEquals(Transport.DEFAULTS.maxParallelNodes(), s.transport().maxParallelNodes());
    assertEquals(Duration.ofMinutes(10), s.transport().commandTimeout());
    VolumeGroup vg = s.volumeGroups().get("vg_san");
    assertEquals(VolumeGroup.Type.LVM, vg.type());
    assertEquals(1L << 30, vg.metaVolume().sizeBytes());
    assertEquals(20L << 30, vg.volumes().get("lv_web01_data").sizeBytes());
    assertEquals(ResourceState.PRESENT, vg.volumes().get("lv_web01_data").state());
    assertEquals(new SourceRef("lvm.yaml", 7, 7), vg.volumes().get("lv_web01_data").source());
    assertEquals(VolumeGroup.Type.FILES, s.volumeGroups().get("vg_lab").type());
    assertEquals(64L << 20, s.volumeGroups().get("vg_lab").volumes().get("lun_lab01").sizeBytes());
    Target t = s.targets().get(0);
    assertEquals(TargetState.ONLINE, t.state());
    assertEquals(
        List.of(
            new Target.Lun(
                0, VolumeRef.parse("vg_san/lv_web01_data"), "QSDSK-0001", "blockio", t.source())),
        t.luns());
    assertEquals(Target.Chap.NONE, t.chap());
    assertEquals("iqn.2024-01.org.example:san.pg-storage.vg-san.lv-web01-data", s.iqnOf(t));
    assertEquals(Integer.valueOf(2), s.targets().get(2).expectedSessions());
    assertEquals("blockio", s.targetDefaults().io());
    assertEquals("262144", s.targetDefaults().options().get("MaxRecvDataSegmentLength"));
    assertEquals(3260, s.portalGroups().get("pg_storage").port());
    // the example lives in sanctl's own repository: its commit id in a clean checkout, else none
    assertTrue(s.revision() == null || s.revision().matches("[0-9a-f]{40}"), s.revision());
  }

  @Test
  void amherstMatchesTheSpecExample() {
    DesiredState s = load("amherst");
    Target apps = s.targets().get(0);
    assertEquals(
        "iqn.1990-01.edu.amherst:iet.iscsi-target4.pg-vlan10-fabric.vg-dsk-0.lv-server01-apps-vol00",
        s.iqnOf(apps));
    assertEquals(
        "/etc/sanctl/secrets/vmc02.chap", s.targets().get(1).chap().incoming().get(0).secretFile());
    assertEquals(
        ResourceState.ABSENT,
        s.volumeGroups().get("vg_dsk_0").volumes().get("lv_old_scratch_vol00").state());
    assertEquals(
        2L << 40,
        s.volumeGroups().get("vg_dsk_0").volumes().get("lv_vmc02_vmfs_vm_iet_vol00").sizeBytes());
    assertEquals(
        Map.of("ImmediateData", "Yes", "TgtNotFoundRespondServiceUnavailable", "Yes"),
        s.iet().global());
    assertEquals(587, s.alerts().email().smtp().port());
    assertTrue(s.alerts().email().smtp().starttls());
    assertTrue(s.policy().autoApply());

    Pool tank = s.pools().get("tank");
    Pool.Zvol b = tank.volumes().get("tank/vm/VM_B_lun:01");
    assertEquals(Long.valueOf(64 * 1024), b.blockSize());
    assertEquals("SNAP_ROTATE_A", b.snapshotSchedule());
    assertEquals("iscsi", tank.stmfHa().targets().get("target02").type());
    assertEquals(List.of("192.168.2.1:5000"), tank.stmfHa().targetPortalGroups().get("tpg02"));
    Pool archive = s.pools().get("vg_satabeast7_vol1");
    assertEquals("SNAP_ROTATE_A", archive.volumeDefaults().snapshotSchedule());
    assertEquals("none", archive.volumeDefaults().properties().get("refreservation"));

    assertEquals(ZoneId.of("America/New_York"), s.snapshotSchedules().get("SNAP_ROTATE_A").zone());
    assertEquals(3, s.snapshotSchedules().get("SNAP_ROTATE_A").rules().size());

    Backups.Job first = s.backups().jobs().get(0);
    assertEquals("lv_server01_apps_vol00_bk", first.volume());
    assertEquals("vg_satabeast7_vol1/lv_server01_apps_vol00_bk", first.archiveVolume());
    assertEquals(4, first.workers());
    assertFalse(first.integrity());
    assertTrue(s.backups().jobs().get(1).integrity());

    assertEquals(3, s.cron().get("zfs-archive1").size());
    assertEquals("0 22 * * *", s.cron().get("zfs-archive1").get(0).schedule());
  }

  @Test
  void defaultsOfAMinimalConfig() {
    LoadResult r =
        loadOne(
            CLUSTER + "snapshotSchedules:\n" + "  S: {rules: [{name: D, freq: daily, n: 7}]}\n");
    assertTrue(r.ok(), r.diagnostics().toString());
    DesiredState s = r.state();
    assertEquals(Transport.DEFAULTS, s.transport());
    assertEquals(dev.sanctl.spi.model.Policy.DEFAULTS, s.policy());
    assertEquals(dev.sanctl.spi.model.Alerts.NONE, s.alerts());
    assertEquals("sanctl", s.cluster().propertyNamespace());
    assertEquals(ZoneId.of("UTC"), s.snapshotSchedules().get("S").zone());
    assertEquals(1, s.snapshotSchedules().get("S").keepLast());
    assertTrue(s.targets().isEmpty() && s.pools().isEmpty() && s.cron().isEmpty());
  }

  @Test
  void loadingADirectoryHandsBackEachFileItReadOnce() {
    List<ParsedFile> parsed = new java.util.ArrayList<>();
    LoadResult r = ConfigLoader.loadDirectory(EXAMPLES.resolve("amherst"), parsed);
    assertTrue(r.ok(), r.diagnostics().toString());
    assertEquals(
        List.of(
            "backups.yaml",
            "cluster.yaml",
            "cron.yaml",
            "iscsi.yaml",
            "lvm.yaml",
            "schedules.yaml",
            "zfs.yaml"),
        parsed.stream().map(ParsedFile::file).toList());
    assertTrue(parsed.get(1).root().has("cluster"));
  }

  @Test
  void listSectionsConcatenateAcrossFilesKeepingEachFilesPositions() {
    String cluster =
        "cluster: {name: c, iqnPrefix: iqn.2024-01.org.example}\n"
            + "nodes: {n1: {address: 10.0.0.1}}\n"
            + "volumeGroups: {vg: {nodes: [n1], volumes: {a: {size: 1G}, b: {size: 1G}}}}\n"
            + "portalGroups: {pg: {portals: {n1: [10.0.0.1]}}}\n";
    LoadResult r =
        ConfigLoader.loadFiles(
            List.of(
                new SourceFile(
                    "a.yaml", cluster + "targets:\n  - {volume: vg/a, portalGroup: pg}\n"),
                new SourceFile("b.yaml", "\ntargets:\n  - {volume: vg/b, portalGroup: pg}\n")));
    assertTrue(r.ok(), r.diagnostics().toString());
    assertEquals(new SourceRef("a.yaml", 6, 5), r.state().targets().get(0).source());
    assertEquals(new SourceRef("b.yaml", 3, 5), r.state().targets().get(1).source());
  }

  @Test
  void theSameKeyInTwoFilesNamesBothLocations() {
    LoadResult r =
        ConfigLoader.loadFiles(
            List.of(
                new SourceFile(
                    "a.yaml",
                    "cluster: {name: c, iqnPrefix: iqn.2024-01.org.example}\n"
                        + "nodes: {n1: {address: 10.0.0.1}}\n"),
                new SourceFile("b/c.yaml", "nodes:\n  n1: {address: 10.0.0.2}\n")));
    assertFalse(r.ok());
    assertNull(r.state());
    Diagnostic d = r.diagnostics().get(0);
    assertEquals(new SourceRef("b/c.yaml", 2, 3), d.source());
    assertEquals("node 'n1' is defined twice (also at a.yaml:2:9)", d.message());
  }

  @Test
  void diagnosticsAreSortedByFileAndPosition() {
    LoadResult r =
        ConfigLoader.loadFiles(
            List.of(
                new SourceFile("b.yaml", "nodes: {x: {adress: 1}}\n"),
                new SourceFile("a.yaml", "cluster: {nme: c}\nnodes: {y: {}}\n")));
    List<SourceRef> refs = r.diagnostics().stream().map(Diagnostic::source).toList();
    assertEquals(refs.stream().sorted().toList(), refs);
    assertEquals("a.yaml", refs.get(0).file());
  }

  @Test
  void tgtNodesGetAWarningButTheStateIsBuilt() {
    LoadResult r =
        loadOne(
            CLUSTER
                + "nodes:\n  t1: {address: 10.0.0.1, services: [lvm, tgt]}\n"
                + "portalGroups: {pg: {portals: {t1: [10.0.0.1]}}}\n");
    assertTrue(r.ok());
    assertEquals(1, r.diagnostics().size());
    assertEquals(
        "c.yaml:3:3: warning: node 't1' serves targets with tgt, which has no per-target portal"
            + " binding: every target is reachable on every portal of the daemon (restrict access"
            + " with initiators (ACLs); portal groups only choose tgt's portals)",
        r.diagnostics().get(0).render());
  }

  @Test
  void aTargetWithLunsTakesItsVolumeAndIqnFromLunZero() {
    String cfg =
        CLUSTER
            + "nodes: {n1: {address: 10.0.0.1}}\n"
            + "volumeGroups: {vg: {nodes: [n1], volumes: {a: {size: 1G}, b: {size: 1G}}}}\n"
            + "portalGroups: {pg: {portals: {n1: [10.0.0.1]}}}\n"
            + "targets:\n"
            + "  - portalGroup: pg\n"
            + "    luns: [{lun: 1, volume: vg/b}, {lun: 0, volume: vg/a, serial: S0}]\n";
    LoadResult r = loadOne(cfg);
    assertTrue(r.ok(), r.diagnostics().toString());
    Target t = r.state().targets().get(0);
    assertEquals(VolumeRef.parse("vg/a"), t.volume());
    assertEquals(2, t.luns().size());
    assertEquals("iqn.2024-01.org.example.pg.vg.a", r.state().iqnOf(t));
  }

  @Test
  void aLocalNodeNeedsNoAddressButAnSshNodeDoes() {
    LoadResult local = loadOne(CLUSTER + "nodes: {me: {connection: local}}\n");
    assertTrue(local.ok(), local.diagnostics().toString());
    assertEquals("localhost", local.state().nodes().get("me").address());
    assertTrue(local.state().nodes().get("me").isLocal());

    LoadResult ssh = loadOne(CLUSTER + "nodes: {far: {connection: ssh}}\n");
    assertEquals(
        List.of("node 'far' is missing 'address'"),
        ssh.diagnostics().stream().map(Diagnostic::message).toList());
  }
}
