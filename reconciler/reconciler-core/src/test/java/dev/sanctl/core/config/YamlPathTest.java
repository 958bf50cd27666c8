package dev.sanctl.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class YamlPathTest {
  private static final YamlPath TARGET = YamlPath.ROOT.key("targets").index(3).key("volume");

  @Test
  void aPathBuiltStepByStepEqualsThePathOfItsElements() {
    List<Object> elements = List.of("targets", 3, "volume");
    assertEquals(elements, TARGET.elements());
    assertEquals(YamlPath.of("targets", 3, "volume"), TARGET);
    assertEquals(new YamlPath(elements), TARGET);
    assertEquals(elements.hashCode(), TARGET.hashCode());
    assertEquals(List.of().hashCode(), YamlPath.ROOT.hashCode());
    assertEquals(YamlPath.ROOT, new YamlPath(List.of()));
    assertEquals(new YamlPath(List.of()), YamlPath.ROOT);
  }

  @Test
  void keysAndIndexesAreDifferentElements() {
    assertNotEquals(YamlPath.of("a", "3"), YamlPath.of("a", 3));
    assertNotEquals(YamlPath.of("a", "b"), YamlPath.of("b", "a"));
    assertNotEquals(YamlPath.of("a"), YamlPath.of("a", "b"));
    assertNotEquals(YamlPath.of("a/b"), YamlPath.of("a", "b"));
  }

  @Test
  void partsOfAPath() {
    assertEquals(3, TARGET.size());
    assertEquals("targets", TARGET.get(0));
    assertEquals(3, TARGET.get(1));
    assertEquals("volume", TARGET.get(2));
    assertThrows(IndexOutOfBoundsException.class, () -> TARGET.get(3));
    assertEquals("volume", TARGET.last());
    assertEquals(YamlPath.of("targets", 3), TARGET.parent());
    assertSame(YamlPath.ROOT, YamlPath.ROOT.parent());
    assertTrue(YamlPath.ROOT.isEmpty());
    assertEquals(null, YamlPath.ROOT.last());
    assertEquals("targets[3].volume", TARGET.toString());
    assertEquals("", YamlPath.ROOT.toString());
  }

  @Test
  void rebasedReplacesTheFirstElements() {
    assertEquals(YamlPath.of("x", 7, "volume"), TARGET.rebased(2, YamlPath.of("x", 7)));
    assertEquals(YamlPath.of("y", 3, "volume"), TARGET.rebased(1, YamlPath.of("y")));
    assertEquals(YamlPath.of("z"), TARGET.rebased(3, YamlPath.of("z")));
    assertEquals(TARGET, TARGET.rebased(0, YamlPath.ROOT));
  }

  @Test
  void elementsCannotBeChanged() {
    assertThrows(UnsupportedOperationException.class, () -> TARGET.elements().add("x"));
    assertThrows(NullPointerException.class, () -> YamlPath.ROOT.key(null));
  }
}
