package dev.sanctl.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  private static final List<String> KEYS = List.of("size", "state", "nodes", "portalGroup");

  @Test
  void typosSuggestTheKnownWord() {
    assertEquals("size", Suggestions.closest("szie", KEYS));
    assertEquals("nodes", Suggestions.closest("node", KEYS));
    assertEquals("portalGroup", Suggestions.closest("portalgroup", KEYS));
  }

  @Test
  void unrelatedWordsSuggestNothing() {
    assertNull(Suggestions.closest("compression", KEYS));
    assertNull(Suggestions.closest("x", List.of()));
  }
}
