package dev.sanctl.providers.iet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.engine.ClusterObservation;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.render.TextRenderer;
import dev.sanctl.providers.lvm.LvmProvider;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Importer;
import dev.sanctl.spi.provider.Provider;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;

/** {@code sanctl import}: the lvm and iet sections of a live cluster re-plan to no changes. */
class ImportRoundTripTest {
  @TempDir Path dir;

  @Test
  void importedSectionsReplanToNoChanges() throws Exception {
    DesiredState d = Amherst.state();
    try (SimSan san = SimSan.applied(dir, d)) {
      ClusterObservation obs = san.engine.observe(d, List.of());
      Map<String, Object> imported = new LinkedHashMap<>();
      for (Provider p : List.of(new LvmProvider(), new IetProvider())) {
        imported.putAll(((Importer) p).importState(san.engine.context(p, d, obs)));
      }
      String yaml = new Dump(DumpSettings.builder().build()).dumpToString(imported);
      assertTrue(yaml.contains("serial: AMHDSK-100415-01"), yaml);
      // the ACL equal to a group's members is the group; CHAP, options and globals come along
      assertTrue(yaml.contains("initiators: [ig_vmc02]"), yaml);
      assertTrue(yaml.contains("{user: vmc02, secretFile: /etc/sanctl/vmc02.chap}"), yaml);
      assertTrue(yaml.contains("targetDefaults:\n  options: {InitialR2T: No"), yaml);
      assertTrue(yaml.contains("TgtNotFoundRespondServiceUnavailable: Yes"), yaml);
      String rest = Amherst.iscsi(Amherst.GLOBALS, "online");
      rest = rest.substring(0, rest.indexOf("iet:")); // portal and initiator groups only
      DesiredState reimported =
          SimSan.load("cluster.yaml", Amherst.CLUSTER, "rest.yaml", rest, "imported.yaml", yaml);
      assertEquals(2, reimported.targets().size());
      Plan plan = san.plan(reimported);
      assertTrue(plan.changes().isEmpty(), () -> yaml + new TextRenderer(false).render(plan));
    }
  }
}
