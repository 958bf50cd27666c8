package dev.sanctl.providers.iet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineDiffTest {
  @Test
  void keepsTheLinesTheOtherVersionLacksInTheirOrder() {
    assertEquals(
        List.of("Target b", "  Lun 0 b"),
        LineDiff.minus(
            List.of("Target a", "  Lun 0 a", "Target b", "  Lun 0 b"),
            List.of("Target a", "  Lun 0 a", "Target c")));
  }

  @Test
  void aRepeatedLineIsRemovedAsOftenAsTheOtherVersionHasIt() {
    List<String> from = List.of("x", "  MaxConnections 1", "y", "  MaxConnections 1", "z");
    assertEquals(
        List.of("x", "y", "  MaxConnections 1", "z"),
        LineDiff.minus(from, List.of("  MaxConnections 1")));
    assertEquals(
        List.of("x", "y", "z"),
        LineDiff.minus(
            from, List.of("  MaxConnections 1", "  MaxConnections 1", "  MaxConnections 1")));
  }

  @Test
  void isWhatRemovingEachOtherLineOnceFromACopyLeaves() {
    List<String> from = new ArrayList<>();
    List<String> other = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      from.add("line " + (i % 7));
      if (i % 3 == 0) other.add("line " + (i % 11));
    }
    List<String> expected = new ArrayList<>(from);
    other.forEach(expected::remove);
    assertEquals(expected, LineDiff.minus(from, other));
  }

  @Test
  void anEmptyVersionLeavesEverythingOrNothing() {
    assertEquals(List.of("a", "b"), LineDiff.minus(List.of("a", "b"), List.of()));
    assertEquals(List.of(), LineDiff.minus(List.of(), List.of("a")));
  }
}
