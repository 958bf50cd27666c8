package dev.sanctl.providers.lvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.ImportContext;
import dev.sanctl.spi.provider.Imported;
import dev.sanctl.spi.provider.NodeState;
import dev.sanctl.spi.provider.PlanContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code sanctl import} for LVM: sizes in the largest unit that is exact (never rounded, so the
 * plan right after is empty), snapshots and thin pools are no volumes, a group not held by exactly
 * one node is left out with its reason.
 */
class LvmImportTest {
  static final long M = 1L << 20;

  private static LvmObservation.Lv lv(String name, long bytes, String attr) {
    return new LvmObservation.Lv(
        name, bytes, attr, "", attr.startsWith("t") ? "" : "/dev/vg0/" + name);
  }

  private static LvmObservation observation(boolean held, LvmObservation.Lv... lvs) {
    Map<String, LvmObservation.Lv> m = new LinkedHashMap<>();
    for (LvmObservation.Lv l : lvs) {
      String attr = held ? l.attr() : l.attr().substring(0, 4) + "-" + l.attr().substring(5);
      m.put(l.name(), new LvmObservation.Lv(l.name(), l.sizeBytes(), attr, "", l.path()));
    }
    return new LvmObservation(Map.of("vg0", new LvmObservation.Vg("vg0", 1L << 42, 0, 4 * M, m)));
  }

  private static Imported importOf(LvmObservation n1, LvmObservation n2) {
    DesiredState d = LvmStates.load("volumeGroups: {}\n");
    Map<String, NodeState> nodes = new LinkedHashMap<>();
    nodes.put("n1", NodeState.observed("n1", n1));
    nodes.put("n2", NodeState.observed("n2", n2));
    return new LvmProvider()
        .importLive(new ImportContext(new PlanContext(d, nodes, Map.of(), p -> "x"), "/etc/x"));
  }

  @Test
  void sizesAreExactInTheLargestUnitAndOnlyVolumesAreImported() {
    LvmObservation.Lv[] lvs = {
      lv("lv_a", 50L << 30, "-wi-ao----"),
      lv("lv_b", 1536L << 30, "-wi-a-----"),
      lv("lv_c", 1536 * M, "-wi-a-----"),
      lv("lv_d", 1028 * M, "-wi-a-----"),
      new LvmObservation.Lv("lv_a_snap", 8 * M, "swi-a-s---", "lv_a", "/dev/vg0/lv_a_snap"),
      lv("pool0", 100L << 30, "twi-aotz--"),
      lv("thin1", 10L << 30, "Vwi-a-tz--"),
    };
    Imported i = importOf(observation(true, lvs), observation(false, lvs));
    Map<String, Object> sizes = new LinkedHashMap<>();
    sizes.put("lv_a", Map.of("size", "50G"));
    sizes.put("lv_b", Map.of("size", "1536G"));
    sizes.put("lv_c", Map.of("size", "1536M"));
    sizes.put("lv_d", Map.of("size", "1028M"));
    sizes.put("thin1", Map.of("size", "10G"));
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("nodes", List.of("n1", "n2"));
    g.put("volumes", sizes);
    assertEquals(Map.of("volumeGroups", Map.of("vg0", g)), i.sections());
    assertEquals(
        List.of(
            new Imported.LeftOut(
                "n1/lvm.volume/vg0/pool0",
                "thin pool: sanctl does not model thin pools; its thin volumes are imported as"
                    + " volumes of vg0")),
        i.leftOut());
    assertEquals(List.of("n1: vgs, lvs (vg0, held here)"), i.sources().get("volumeGroups"));
  }

  @Test
  void aGroupActiveOnTwoNodesOrNoneIsLeftOut() {
    LvmObservation.Lv a = lv("lv_a", 64 * M, "-wi-a-----");
    Imported both = importOf(observation(true, a), observation(true, a));
    assertEquals(Map.of(), both.sections());
    assertEquals(
        List.of(
            new Imported.LeftOut(
                "lvm.volume/vg0",
                "volume group vg0 is active on n1 and n2 (split brain): import again when one"
                    + " node holds it")),
        both.leftOut());
    Imported none = importOf(observation(false, a), observation(false, a));
    assertEquals(Map.of(), none.sections());
    assertEquals(
        "volume group vg0 is active on no node: import again while the HA manager holds it",
        none.leftOut().get(0).reason());
  }
}
