package dev.sanctl.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sanctl.spi.model.SourceRef;
import org.junit.jupiter.api.Test;

/** Positions of a merged document are those of its files, mounted at the merged paths. */
class PositionsTest {
  private static SourceRef at(String file, int line) {
    return new SourceRef(file, line, 1);
  }

  /** File a: targets with two items; file b: one target and a node. */
  private final Positions a = new Positions();

  private final Positions b = new Positions();

  PositionsTest() {
    a.putKey(YamlPath.of("targets"), at("a", 1));
    a.putValue(YamlPath.of("targets"), at("a", 2));
    a.putValue(YamlPath.of("targets", 0), at("a", 3));
    a.putKey(YamlPath.of("targets", 0, "volume"), at("a", 4));
    a.putValue(YamlPath.of("targets", 0, "volume"), at("a", 5));
    a.putValue(YamlPath.of("targets", 1), at("a", 6));
    a.putKey(YamlPath.of("nodes"), at("a", 7));
    a.putValue(YamlPath.of("nodes"), at("a", 8));
    a.putKey(YamlPath.of("nodes", "n1"), at("a", 9));
    a.putValue(YamlPath.of("nodes", "n1"), at("a", 10));
    b.putValue(YamlPath.of("targets"), at("b", 1));
    b.putValue(YamlPath.of("targets", 0), at("b", 2));
    b.putKey(YamlPath.of("targets", 0, "volume"), at("b", 3));
    b.putValue(YamlPath.of("targets", 0, "volume"), at("b", 4));
    b.putKey(YamlPath.of("nodes", "n2"), at("b", 5));
    b.putValue(YamlPath.of("nodes", "n2"), at("b", 6));
  }

  private Positions merged() {
    Positions m = new Positions();
    m.copyFrom(a, YamlPath.of("targets"), YamlPath.of("targets"));
    m.copyFrom(a, YamlPath.of("nodes"), YamlPath.of("nodes"));
    m.copyFrom(b, YamlPath.of("targets", 0), YamlPath.of("targets", 2));
    m.copyFrom(b, YamlPath.of("nodes", "n2"), YamlPath.of("nodes", "n2"));
    return m;
  }

  @Test
  void aMountedSectionAnswersWithItsFilesPositions() {
    Positions m = merged();
    assertEquals(at("a", 2), m.value(YamlPath.of("targets")));
    assertEquals(at("a", 1), m.key(YamlPath.of("targets")));
    assertEquals(at("a", 5), m.value(YamlPath.of("targets", 0, "volume")));
    assertEquals(at("a", 4), m.key(YamlPath.of("targets", 0, "volume")));
    assertEquals(at("a", 9), m.key(YamlPath.of("nodes", "n1")));
  }

  @Test
  void anAppendedListItemIsLookedUpAtItsIndexInItsOwnFile() {
    Positions m = merged();
    assertEquals(at("b", 2), m.value(YamlPath.of("targets", 2)));
    assertEquals(at("b", 4), m.value(YamlPath.of("targets", 2, "volume")));
    assertEquals(at("b", 3), m.key(YamlPath.of("targets", 2, "volume")));
    assertEquals(at("a", 6), m.value(YamlPath.of("targets", 1)));
  }

  @Test
  void theDeepestMountWinsForAMapEntryFromAnotherFile() {
    Positions m = merged();
    assertEquals(at("b", 6), m.value(YamlPath.of("nodes", "n2")));
    assertEquals(at("b", 5), m.key(YamlPath.of("nodes", "n2")));
    assertEquals(at("a", 7), m.key(YamlPath.of("nodes")));
  }

  @Test
  void anUnwrittenPathFallsBackToItsClosestWrittenAncestor() {
    Positions m = merged();
    assertEquals(at("b", 6), m.value(YamlPath.of("nodes", "n2", "address")));
    assertEquals(at("b", 6), m.key(YamlPath.of("nodes", "n2", "address")));
    assertEquals(at("a", 3), m.key(YamlPath.of("targets", 0)));
    assertEquals(at("b", 2), m.value(YamlPath.of("targets", 2, "serial")));
    assertEquals(at("a", 2), m.value(YamlPath.of("targets", 7)));
  }

  @Test
  void aPathOutsideEveryMountHasNoPosition() {
    Positions m = merged();
    assertEquals(SourceRef.NONE, m.value(YamlPath.of("portalGroups", "pg")));
    assertEquals(SourceRef.NONE, m.key(YamlPath.ROOT));
  }

  @Test
  void aFilesOwnPositionsAreLookedUpDirectly() {
    assertEquals(at("a", 10), a.value(YamlPath.of("nodes", "n1", "address")));
    assertEquals(at("a", 3), a.key(YamlPath.of("targets", 0)));
    assertEquals(SourceRef.NONE, a.value(YamlPath.of("cluster")));
  }
}
