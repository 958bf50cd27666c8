package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.config.LoadResult;
import dev.sanctl.core.engine.Engine;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.provider.ProviderRegistry;
import dev.sanctl.sim.SimCluster;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.Pool;
import dev.sanctl.spi.model.ResourceState;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.Finding;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's half of "one owner per live object", with the real zfs and backup providers: a
 * desired state that declares what backups derive (validation refuses it; built here by hand) plans
 * neither change and says why, instead of failing at apply with "dataset already exists".
 */
class OneOwnerPlanTest {
  static final Path BASE =
      Path.of("../../fixtures/invalid-configs/00-valid-base").toAbsolutePath().normalize();

  @TempDir Path tmp;

  private Plan plan(DesiredState d) throws Exception {
    SimCluster sim = SimCluster.init(tmp.resolve("sim"), d, 1L << 40);
    try (Engine e =
        new Engine(ProviderRegistry.load(), (node, desired) -> sim.host(node.name()), p -> "x")) {
      return e.plan(d, List.of(), List.of());
    }
  }

  private static DesiredState withPool(DesiredState d, Pool p) {
    Map<String, Pool> pools = new LinkedHashMap<>(d.pools());
    pools.put(p.name(), p);
    return new DesiredState(
        d.cluster(),
        d.nodes(),
        d.transport(),
        d.policy(),
        d.alerts(),
        d.volumeGroups(),
        d.portalGroups(),
        d.initiatorGroups(),
        d.iet(),
        d.targetDefaults(),
        d.targets(),
        pools,
        d.snapshotSchedules(),
        d.backups(),
        d.cron(),
        d.revision());
  }

  private static DesiredState base() {
    LoadResult r = ConfigLoader.loadDirectory(BASE);
    assertTrue(r.ok(), r.diagnostics().toString());
    return r.state();
  }

  private static void assertRefused(Plan plan, String object, String... addresses) {
    assertTrue(
        plan.changes().stream().noneMatch(c -> c.name().equals(object)),
        plan.changes().stream().map(Change::address).toList().toString());
    List<String> errors =
        plan.findings().stream()
            .filter(f -> f.kind() == Finding.Kind.ERROR)
            .map(Finding::message)
            .toList();
    assertEquals(1, errors.size(), errors.toString());
    for (String a : addresses) assertTrue(errors.get(0).contains(a), errors.get(0));
    assertTrue(errors.get(0).contains("zfs dataset " + object), errors.get(0));
    assertTrue(plan.errored());
  }

  @Test
  void aDeclaredChecksumFilesystemIsPlannedByNeitherProvider() throws Exception {
    DesiredState d = base();
    Pool p = d.pools().get("archive_pool");
    Map<String, Pool.Dataset> datasets = new LinkedHashMap<>(p.datasets());
    datasets.put(
        "archive_pool/ddless", new Pool.Dataset("archive_pool/ddless", Map.of(), p.source()));
    Plan plan =
        plan(
            withPool(
                d,
                new Pool(
                    p.name(),
                    p.nodes(),
                    datasets,
                    p.volumes(),
                    p.volumeDefaults(),
                    p.stmfHa(),
                    p.comstar(),
                    p.source())));
    assertRefused(
        plan,
        "archive_pool/ddless",
        "archive/zfs.filesystem/archive_pool/ddless",
        "archive/backup.checksums/archive_pool/ddless");
  }

  @Test
  void aDeclaredArchiveVolumeIsPlannedByNeitherProvider() throws Exception {
    DesiredState d = base();
    Pool p = d.pools().get("archive_pool");
    Map<String, Pool.Zvol> volumes = new LinkedHashMap<>(p.volumes());
    volumes.put(
        "archive_pool/lv_db_bk",
        new Pool.Zvol(
            "archive_pool/lv_db_bk",
            50L << 30,
            true,
            null,
            Map.of(),
            null,
            ResourceState.PRESENT,
            p.source()));
    Plan plan =
        plan(
            withPool(
                d,
                new Pool(
                    p.name(),
                    p.nodes(),
                    p.datasets(),
                    volumes,
                    p.volumeDefaults(),
                    p.stmfHa(),
                    p.comstar(),
                    p.source())));
    assertRefused(
        plan,
        "archive_pool/lv_db_bk",
        "archive/zfs.volume/archive_pool/lv_db_bk",
        "archive/backup.volume/archive_pool/lv_db_bk");
  }
}
