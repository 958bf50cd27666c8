package dev.sanctl.spi.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.VolumeGroup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupPlacementTest {
  private static final VolumeGroup HA =
      new VolumeGroup(
          "vg_ha", VolumeGroup.Type.LVM, null, List.of("n1", "n2"), null, Map.of(), null);
  private static final VolumeGroup SINGLE =
      new VolumeGroup("vg_one", VolumeGroup.Type.LVM, null, List.of("n1"), null, Map.of(), null);
  private static final VolumeGroup FILES =
      new VolumeGroup(
          "images",
          VolumeGroup.Type.FILES,
          "/srv/images",
          List.of("n1", "n2"),
          null,
          Map.of(),
          null);

  /** Volume facts of three nodes: each node lists the groups it sees and whether it holds them. */
  private static PlanContext seen(Map<String, Map<String, Boolean>> heldByNode) {
    Map<String, VolumeFacts> volumes = new LinkedHashMap<>();
    heldByNode.forEach(
        (node, groups) -> {
          Map<String, VolumeFacts.Group> g = new LinkedHashMap<>();
          groups.forEach(
              (name, held) -> g.put(name, new VolumeFacts.Group(name, held, 0, Map.of())));
          volumes.put(node, new VolumeFacts(g));
        });
    DesiredState desired =
        new DesiredState(
            null,
            Map.of(),
            null,
            null,
            null,
            Map.of(HA.name(), HA, SINGLE.name(), SINGLE, FILES.name(), FILES),
            Map.of(),
            Map.of(),
            null,
            null,
            List.of(),
            Map.of(),
            Map.of(),
            null,
            Map.of(),
            null);
    return new PlanContext(desired, Map.of(), volumes, path -> path);
  }

  @Test
  void anExclusiveGroupIsServedByItsOneHolderAndKnownToBeElsewhereOnTheOthers() {
    GroupPlacement p =
        GroupPlacement.of(
            seen(orderedMap("n1", Map.of("vg_ha", false), "n2", Map.of("vg_ha", true))), HA);
    assertEquals(List.of("n2"), p.holders());
    assertEquals(Optional.of("n2"), p.soleHolder());
    assertTrue(p.servedBy("n2"));
    assertFalse(p.servedBy("n1"));
    assertTrue(p.heldElsewhere("n1"));
    assertFalse(p.heldElsewhere("n2"));
    assertFalse(p.splitBrain());
  }

  @Test
  void anExclusiveGroupActiveOnTwoNodesIsASplitBrainServedByNeither() {
    GroupPlacement p =
        GroupPlacement.of(
            seen(orderedMap("n1", Map.of("vg_ha", true), "n2", Map.of("vg_ha", true))), HA);
    assertEquals(List.of("n1", "n2"), p.holders());
    assertTrue(p.splitBrain());
    assertTrue(p.splitBrainOn("n1"));
    assertTrue(p.splitBrainOn("n2"));
    assertFalse(p.splitBrainOn("n3"));
    assertEquals(Optional.empty(), p.soleHolder());
    assertFalse(p.servedBy("n1"));
    assertFalse(p.heldElsewhere("n1"), "nothing is taken away from a node of a split brain");
  }

  @Test
  void anExclusiveGroupHeldNowhereIsNotKnownToBeElsewhere() {
    GroupPlacement p =
        GroupPlacement.of(
            seen(orderedMap("n1", Map.of("vg_ha", false), "n2", Map.of("vg_ha", false))), HA);
    assertEquals(List.of(), p.holders());
    assertFalse(p.servedBy("n1"));
    assertFalse(p.heldElsewhere("n1"));
    assertFalse(p.splitBrain());
  }

  @Test
  void aGroupDeclaredOnOneNodeIsHeldThereBeforeAnyVolumeIsActive() {
    GroupPlacement p =
        GroupPlacement.of(seen(orderedMap("n1", Map.of("vg_one", false), "n2", Map.of())), SINGLE);
    assertEquals(List.of("n1"), p.holders());
    assertTrue(p.servedBy("n1"));
  }

  @Test
  void aFilesGroupIsServedByEveryHolderItListsAndIsNoSplitBrain() {
    GroupPlacement p =
        GroupPlacement.of(
            seen(
                orderedMap(
                    "n1", Map.of("images", true),
                    "n2", Map.of("images", true),
                    "n3", Map.of("images", true))),
            FILES);
    assertFalse(p.splitBrain());
    assertFalse(p.splitBrainOn("n1"));
    assertTrue(p.servedBy("n1"));
    assertTrue(p.servedBy("n2"));
    assertFalse(p.servedBy("n3"), "n3 holds it but the group is not declared there");
    assertFalse(p.heldElsewhere("n3"));
  }

  @Test
  void aFilesGroupNotSeenOnANodeIsElsewhere() {
    GroupPlacement p =
        GroupPlacement.of(seen(orderedMap("n1", Map.of("images", true), "n2", Map.of())), FILES);
    assertTrue(p.heldElsewhere("n2"));
    assertFalse(p.servedBy("n2"));
  }

  @Test
  void aPoolIsPlacedAmongItsNodesInDeclaredOrder() {
    Set<String> importing = Set.of("n3", "n1");
    GroupPlacement p = GroupPlacement.among("tank", List.of("n3", "n2", "n1"), importing::contains);
    assertEquals(List.of("n3", "n1"), p.holders());
    assertTrue(p.splitBrain());
    assertEquals(Optional.empty(), p.soleHolder());
    GroupPlacement one = GroupPlacement.among("tank", List.of("n1", "n2"), "n2"::equals);
    assertEquals(Optional.of("n2"), one.soleHolder());
    assertTrue(one.heldElsewhere("n1"));
  }

  private static <V> Map<String, V> orderedMap(Object... keysAndValues) {
    Map<String, V> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      @SuppressWarnings("unchecked")
      V v = (V) keysAndValues[i + 1];
      out.put((String) keysAndValues[i], v);
    }
    return out;
  }
}
