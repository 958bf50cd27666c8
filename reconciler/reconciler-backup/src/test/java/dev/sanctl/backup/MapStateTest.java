package dev.sanctl.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MapStateTest {
  @Test
  void transitionsOfTheOriginalStateDiagram() {
    assertEquals(MapState.CLEAN, MapState.ACTIVE.onShutdown());
    assertEquals(MapState.DIRTY, MapState.ACTIVE.onStartup());
    assertEquals(MapState.DIRTY, MapState.UNKNOWN.onShutdown());
    assertEquals(MapState.DIRTY, MapState.UNKNOWN.onStartup());
    assertEquals(MapState.CLEAN, MapState.CLEAN.onShutdown());
    assertEquals(MapState.ACTIVE, MapState.CLEAN.onStartup());
    assertEquals(MapState.DIRTY, MapState.DIRTY.onShutdown());
    assertEquals(MapState.DIRTY, MapState.DIRTY.onStartup());
  }

  @Test
  void onlyUnknownAndDirtyForceAFullRead() {
    assertTrue(MapState.UNKNOWN.requiresFullRead());
    assertTrue(MapState.DIRTY.requiresFullRead());
    assertFalse(MapState.ACTIVE.requiresFullRead());
    assertFalse(MapState.CLEAN.requiresFullRead());
  }

  @Test
  void stateFileNamesRoundTrip() {
    for (MapState s : MapState.values()) assertEquals(s, MapState.parse(s.fileName() + "\n"));
    assertEquals("DDMAP_DIRTY", MapState.DIRTY.fileName());
    assertThrows(IllegalArgumentException.class, () -> MapState.parse("ACTIVE"));
  }
}
