package dev.sanctl.providers.lvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.spi.provider.NodeState;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.PlanResult;
import dev.sanctl.spi.provider.ResourceAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.approvaltests.reporters.QuietReporter;
import org.junit.jupiter.api.Test;

/** Planning from observations built in the test: HA holder, grow-only, capacity, destroy. */
class LvmPlannerTest {
  static final long M = 1L << 20;
  static final String ACTIVE = "-wi-a-----";
  static final String OPEN = "-wi-ao----";
  static final String INACTIVE = "-wi-------";

  static LvmObservation.Lv lv(String name, long size, String attr) {
    return new LvmObservation.Lv(name, size, attr, "", "/dev/vg0/" + name);
  }

  static LvmObservation node(long free, LvmObservation.Lv... lvs) {
    Map<String, LvmObservation.Lv> m = new LinkedHashMap<>();
    for (LvmObservation.Lv l : lvs) m.put(l.name(), l);
    return new LvmObservation(
        Map.of("vg0", new LvmObservation.Vg("vg0", 1024 * M, free, 4 * M, m)));
  }

  static PlanResult plan(DesiredState d, LvmObservation n1, LvmObservation n2) {
    Map<String, NodeState> nodes = new LinkedHashMap<>();
    nodes.put(
        "n1", n1 == null ? NodeState.unknown("n1", "unreachable") : NodeState.observed("n1", n1));
    nodes.put("n2", NodeState.observed("n2", n2));
    return new LvmProvider().plan(new PlanContext(d, nodes, Map.of(), p -> "x"));
  }

  static String render(PlanResult r) {
    StringBuilder sb = new StringBuilder();
    for (Change c : r.changes()) {
      sb.append(c.address())
          .append(' ')
          .append(c.action())
          .append(' ')
          .append(c.impact())
          .append(" (")
          .append(c.reason())
          .append(")\n");
      c.commands().forEach(cmd -> sb.append("  $ ").append(cmd).append('\n'));
    }
    for (Finding f : r.findings()) {
      sb.append(f.kind())
          .append(' ')
          .append(f.address())
          .append(": ")
          .append(f.message())
          .append('\n');
    }
    return sb.toString();
  }

  @Test
  void createsGrowsRemovesAndReportsUnmanagedVolumes() {
    PlanResult r =
        plan(
            LvmStates.state(),
            node(
                512 * M,
                lv("lv_a", 32 * M, ACTIVE),
                lv("lv_old", 8 * M, ACTIVE),
                lv("lv_x", 4 * M, ACTIVE)),
            node(
                512 * M,
                lv("lv_a", 32 * M, INACTIVE),
                lv("lv_old", 8 * M, INACTIVE),
                lv("lv_x", 4 * M, INACTIVE)));
    Approvals.verify(
        render(r), new Options().withReporter(new QuietReporter()).forFile().withExtension(".txt"));
    Change old =
        r.changes().stream().filter(c -> c.name().equals("vg0/lv_old")).findFirst().orElseThrow();
    assertEquals(Action.DELETE, old.action());
    assertEquals(Impact.DESTRUCTIVE, old.impact());
  }

  @Test
  void splitBrainRefusesEveryChangeToTheGroup() {
    PlanResult r =
        plan(
            LvmStates.state(),
            node(512 * M, lv("lv_a", 32 * M, ACTIVE)),
            node(512 * M, lv("lv_a", 32 * M, ACTIVE)));
    assertEquals(List.of(), r.changes());
    assertEquals(1, r.findings().size());
    Finding f = r.findings().get(0);
    assertEquals(Finding.Kind.ERROR, f.kind());
    assertEquals(
        "volume group vg0 is active on n1 and n2 (split brain): no change is planned for" + " it",
        f.message());
  }

  @Test
  void heldByNoNodeIsAWarningAndNothingIsPlanned() {
    PlanResult r = plan(LvmStates.state(), null, node(512 * M, lv("lv_a", 32 * M, INACTIVE)));
    assertEquals(List.of(), r.changes());
    assertEquals(Finding.Kind.WARNING, r.findings().get(0).kind());
    assertEquals(
        "volume group vg0 is active on no known node (unknown: n1); its volumes are"
            + " unknown and nothing is planned for it",
        r.findings().get(0).message());
  }

  @Test
  void aNewSingleNodeGroupWithNoVolumesGetsItsFirstVolumes() {
    DesiredState d =
        LvmStates.load(
            """
            volumeGroups:
              vg0:
                nodes: [n2]
                volumes:
                  lv_a: {size: 64M}
            """);
    PlanResult r = plan(d, node(512 * M), node(512 * M));
    assertEquals(List.of(), r.findings());
    assertEquals(1, r.changes().size());
    Change c = r.changes().get(0);
    assertEquals("n2", c.node());
    assertEquals(Action.CREATE, c.action());
    assertEquals("vg0/lv_a", c.name());
  }

  @Test
  void aSingleNodeGroupOnAnUnknownNodeIsStillAWarning() {
    DesiredState d =
        LvmStates.load(
            """
            volumeGroups:
              vg0:
                nodes: [n1]
                volumes:
                  lv_a: {size: 64M}
            """);
    PlanResult r = plan(d, null, node(512 * M));
    assertEquals(List.of(), r.changes());
    assertEquals(Finding.Kind.WARNING, r.findings().get(0).kind());
  }

  @Test
  void aHolderOtherThanThePreferredNodeIsWarnedAboutAndUsed() {
    PlanResult r =
        plan(
            LvmStates.state(),
            node(512 * M, lv("lv_a", 32 * M, INACTIVE)),
            node(512 * M, lv("lv_a", 32 * M, ACTIVE)));
    assertTrue(r.changes().stream().allMatch(c -> c.node().equals("n2")));
    assertEquals(
        "volume group vg0 is held by n2, not by its preferred node n1; sanctl never"
            + " moves volume groups",
        r.findings().get(0).message());
  }

  @Test
  void createsAndGrowsBeyondTheFreeSpaceAreRefused() {
    PlanResult r =
        plan(
            LvmStates.state(),
            node(100 * M, lv("lv_a", 32 * M, ACTIVE), lv("lv_old", 8 * M, ACTIVE)),
            node(100 * M));
    assertEquals(
        List.of("n1/lvm.volume/vg0/lv_old"),
        r.changes().stream().map(Change::address).toList(),
        "only the removal remains");
    Finding f =
        r.findings().stream().filter(x -> x.kind() == Finding.Kind.ERROR).findFirst().orElseThrow();
    assertEquals(
        "not enough space in volume group vg0: creating and growing 3 volume(s) needs"
            + " 140M, 100M is free; none of them is planned",
        f.message());
  }

  @Test
  void shrinkingIsAPlanErrorWithTheSizes() {
    PlanResult r =
        plan(
            LvmStates.state(),
            node(
                512 * M,
                lv("lv_meta", 8 * M, ACTIVE),
                lv("lv_a", 128 * M, ACTIVE),
                lv("lv_b", 100 * M, ACTIVE)),
            node(512 * M));
    assertEquals(List.of(), r.changes());
    Finding f = r.findings().get(0);
    assertEquals(Finding.Kind.ERROR, f.kind());
    assertEquals(
        "volumes never shrink: vg0/lv_a current 128M, desired 64M; grow-only", f.message());
    assertEquals("lvm.yaml:6:7", f.source().toString());
  }

  /**
   * Real lvm2 2.03.16 refuses {@code lvextend} of an active classic-snapshot origin ("Snapshot
   * origin volumes can be resized only while inactive: try lvchange -an.", exit 5), found by the
   * real-kernel tier (NodeStorageKernelTest): the grow used to be planned and failed in apply.
   */
  @Test
  void growingAnActiveClassicSnapshotOriginIsAPlanErrorNamingTheSnapshot() {
    PlanResult r =
        plan(
            LvmStates.state(),
            node(
                512 * M,
                lv("lv_meta", 8 * M, ACTIVE),
                lv("lv_a", 32 * M, "owi-a-s---"),
                new LvmObservation.Lv("lv_a_snap", 16 * M, "swi-a-s---", "lv_a", "/dev/vg0/x"),
                lv("lv_b", 100 * M, ACTIVE)),
            node(512 * M));
    assertEquals(List.of(), r.changes());
    Finding f = r.findings().get(0);
    assertEquals(Finding.Kind.ERROR, f.kind());
    assertEquals(
        "cannot grow vg0/lv_a to 64M: it is the origin of classic snapshot(s) lv_a_snap, and lvm2"
            + " resizes a snapshot origin only while it is inactive",
        f.message());
    assertEquals("lvm.yaml:6:7", f.source().toString());
  }

  @Test
  void sizesRoundedUpToWholeExtentsAreNoChange() {
    DesiredState d =
        LvmStates.load(LvmStates.VGS.replace("lv_b: {size: 100M}", "lv_b: {size: 10M}"));
    PlanResult r =
        plan(
            d,
            node(
                512 * M,
                lv("lv_meta", 8 * M, ACTIVE),
                lv("lv_a", 64 * M, ACTIVE),
                lv("lv_b", 12 * M, ACTIVE)),
            node(512 * M));
    assertEquals(List.of(), r.changes());
    assertEquals(List.of(), r.findings());
  }

  @Test
  void removalIsRefusedWhileOpenOrServedByATarget() {
    PlanResult open =
        plan(
            LvmStates.state(),
            node(
                512 * M,
                lv("lv_meta", 8 * M, ACTIVE),
                lv("lv_a", 64 * M, ACTIVE),
                lv("lv_b", 100 * M, ACTIVE),
                lv("lv_old", 8 * M, OPEN)),
            node(512 * M));
    assertEquals(List.of(), open.changes());
    assertEquals(
        "refusing to remove vg0/lv_old: it is open on n1", open.findings().get(0).message());
    DesiredState served =
        LvmStates.load(
            LvmStates.VGS,
            """
            portalGroups:
              pg: {port: 3260, portals: {n1: [10.0.0.1], n2: [10.0.0.2]}}
            targets:
              - {volume: vg0/lv_old, serial: S1, portalGroup: pg, initiators: []}
            """);
    PlanResult r =
        plan(
            served,
            node(
                512 * M,
                lv("lv_meta", 8 * M, ACTIVE),
                lv("lv_a", 64 * M, ACTIVE),
                lv("lv_b", 100 * M, ACTIVE),
                lv("lv_old", 8 * M, ACTIVE)),
            node(512 * M));
    assertEquals(List.of(), r.changes());
    assertEquals(
        "refusing to remove vg0/lv_old: it is still served by target"
            + " iqn.2024-01.org.example:san.pg.vg0.lv-old",
        r.findings().get(0).message());
  }

  @Test
  void theVolumesOfLvmGroupsAreAddressedAsThisProvidersOwn() {
    // a target provider names the volume it waits for with ResourceAddress.volume
    assertEquals(new LvmProvider().id(), ResourceAddress.volumeProvider(VolumeGroup.Type.LVM));
    assertTrue(ResourceAddress.volumeProviders().contains(new LvmProvider().id()));
  }
}
