package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.support.Session;
import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.config.LoadResult;
import dev.sanctl.core.engine.ClusterObservation;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.sim.SimCluster;
import dev.sanctl.spi.provider.Provider;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine benchmark: plan 5,000 targets (and their 5,000 volumes) on 8 simulated nodes. Opt-in:
 * {@code mvn -pl reconciler/reconciler-cli test -Dtest=PlanBenchmark -Dsanctl.bench=true}. Prints
 * wall times (config load, observation, engine planning) and heap after the plan; results are
 * recorded in docs/benchmarks-engine.md.
 */
@EnabledIfSystemProperty(named = "sanctl.bench", matches = "true")
class PlanBenchmark {
  static final int NODES = 8;
  static final int TARGETS = 5000;
  static final int ROUNDS = 5;
  @TempDir Path tmp;

  @Test
  void plan5000TargetsOn8SimulatedNodes() throws Exception {
    Path config = tmp.resolve("config");
    writeConfig(config);
    long t0 = System.nanoTime();
    LoadResult loaded = ConfigLoader.loadDirectory(config);
    long loadNanos = System.nanoTime() - t0;
    loaded.diagnostics().forEach(d -> System.out.println(d.render()));
    Path simDir = tmp.resolve("sim");
    SimCluster.init(simDir, loaded.state(), 64L << 40);
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    StringBuilder report = new StringBuilder();
    report.append(String.format("config load: %d ms%n", loadNanos / 1_000_000));
    try (Session s = Session.of(config, loaded.state(), loaded.diagnostics(), simDir)) {
      for (int round = 0; round <= ROUNDS; round++) {
        long a = System.nanoTime();
        ClusterObservation obs = s.engine().observe(s.desired(), List.of());
        long b = System.nanoTime();
        Plan plan = s.engine().plan(s.desired(), obs, List.of());
        long c = System.nanoTime();
        assertTrue(plan.changes().size() >= 2 * TARGETS, "every volume and target is created");
        StringBuilder providers = new StringBuilder();
        long providerNanos = 0;
        for (Provider p : s.engine().providers().all()) {
          long x = System.nanoTime();
          s.engine().planProvider(p, s.desired(), obs);
          long y = System.nanoTime();
          providerNanos += y - x;
          providers.append(String.format(" %s %d ms,", p.id(), (y - x) / 1_000_000));
        }
        System.gc();
        long heap = mem.getHeapMemoryUsage().getUsed();
        String line =
            String.format(
                "%s %d: observe %d ms, plan %d ms (providers alone:%s engine share about %d ms),"
                    + " total %d ms, heap after GC %d MiB (%d changes)%n",
                round == 0 ? "warm-up" : "round",
                round,
                (b - a) / 1_000_000,
                (c - b) / 1_000_000,
                providers,
                Math.max(0, (c - b) - providerNanos) / 1_000_000,
                (c - a) / 1_000_000,
                heap >> 20,
                plan.changes().size());
        report.append(line);
      }
    }
    System.out.print(report);
    Path out = Path.of("target", "benchmark-engine.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report.toString());
  }

  static void writeConfig(Path dir) throws Exception {
    Files.createDirectories(dir);
    StringBuilder cluster =
        new StringBuilder(
            """
apiVersion: sanctl/v1
cluster: {name: bench, iqnPrefix: iqn.2026-01.dev.sanctl:bench, propertyNamespace: dev.sanctl}
nodes:
""");
    for (int n = 0; n < NODES; n++) {
      cluster.append(
          String.format(
              "  node%d: {address: 192.0.2.%d, os: linux, services: [lvm, iet]}%n", n, 10 + n));
    }
    Files.writeString(dir.resolve("cluster.yaml"), cluster);
    StringBuilder lvm = new StringBuilder("apiVersion: sanctl/v1\nvolumeGroups:\n");
    StringBuilder iscsi =
        new StringBuilder(
            """
            apiVersion: sanctl/v1
            portalGroups:
              pg:
                port: 3260
                portals:
            """);
    for (int n = 0; n < NODES; n++) {
      iscsi.append(String.format("      node%d: [10.0.0.%d]%n", n, 10 + n));
    }
    iscsi.append("initiatorGroups:\n  ig: [iqn.1994-05.com.redhat:client]\ntargets:\n");
    for (int n = 0; n < NODES; n++) {
      lvm.append(
          String.format(
              "  vg_n%d:%n    nodes: [node%d]%n    metaVolume: {name: lv_meta, size: 64M,"
                  + " mountPoint: /mnt/iscsi-target/vg_n%d}%n    volumes:%n",
              n, n, n));
      for (int i = n; i < TARGETS; i += NODES) {
        lvm.append(String.format("      lv_%05d: {size: 1G}%n", i));
        iscsi.append(
            String.format(
                "  - {volume: vg_n%d/lv_%05d, serial: BENCH%05d, portalGroup: pg, initiators:"
                    + " [ig]}%n",
                n, i, i));
      }
    }
    Files.writeString(dir.resolve("lvm.yaml"), lvm);
    Files.writeString(dir.resolve("iscsi.yaml"), iscsi);
  }
}
