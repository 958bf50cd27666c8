package dev.sanctl.core.engine;

import static dev.sanctl.core.engine.testing.TestStates.node;
import static dev.sanctl.core.engine.testing.TestStates.state;
import static dev.sanctl.core.engine.testing.TestStates.vg;
import static dev.sanctl.core.engine.testing.TestStates.vol;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sanctl.core.engine.testing.KvHost;
import dev.sanctl.core.engine.testing.KvLinkProvider;
import dev.sanctl.core.engine.testing.KvProvider;
import dev.sanctl.core.engine.testing.TestStates;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.plan.PlanJson;
import dev.sanctl.core.provider.ProviderRegistry;
import dev.sanctl.core.render.MarkdownRenderer;
import dev.sanctl.core.render.TextRenderer;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.NodeSpec;
import dev.sanctl.spi.model.VolumeGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Engine overhead without real providers: 5,000 volumes and 5,000 dependent links on 8 in-memory
 * nodes (10,000 changes): observe, plan (ordering, digests), and rendering in three formats.
 * Opt-in: {@code mvn -pl reconciler/reconciler-core test -Dtest=EngineBenchmark
 * -Dsanctl.bench=true}.
 */
@EnabledIfSystemProperty(named = "sanctl.bench", matches = "true")
class EngineBenchmark {
  @Test
  void engineOverheadFor10000Changes() {
    List<NodeSpec> nodes = new ArrayList<>();
    List<VolumeGroup> vgs = new ArrayList<>();
    Map<String, KvHost> hosts = new HashMap<>();
    for (int n = 0; n < 8; n++) {
      nodes.add(node("node" + n, "kv", "kvlink"));
      hosts.put("node" + n, new KvHost("node" + n));
      List<VolumeGroup.Volume> vols = new ArrayList<>();
      for (int i = n; i < 5000; i += 8) vols.add(vol(String.format("lv_%05d", i), 1L << 30));
      vgs.add(vg("vg" + n, "node" + n, vols.toArray(VolumeGroup.Volume[]::new)));
    }
    DesiredState d = state(nodes, vgs);
    Engine e =
        new Engine(
            ProviderRegistry.of(List.of(new KvProvider(), new KvLinkProvider())),
            TestStates.hosts(hosts),
            p -> "x");
    for (int round = 0; round <= 5; round++) {
      long a = System.nanoTime();
      ClusterObservation obs = e.observe(d, List.of());
      long b = System.nanoTime();
      Plan plan = e.plan(d, obs, List.of());
      long c = System.nanoTime();
      int text = new TextRenderer(false).render(plan).length();
      long t = System.nanoTime();
      int md = new MarkdownRenderer().render(plan).length();
      long m = System.nanoTime();
      int json = PlanJson.write(plan).length();
      long j = System.nanoTime();
      assertEquals(10000, plan.changes().size());
      System.out.printf(
          "%s %d: observe %d ms, plan %d ms, text %d ms (%d chars), markdown %d ms, json %d ms"
              + " (%d chars)%n",
          round == 0 ? "warm-up" : "round",
          round,
          (b - a) / 1_000_000,
          (c - b) / 1_000_000,
          (t - c) / 1_000_000,
          text,
          (m - t) / 1_000_000,
          (j - m) / 1_000_000,
          json);
    }
  }
}
