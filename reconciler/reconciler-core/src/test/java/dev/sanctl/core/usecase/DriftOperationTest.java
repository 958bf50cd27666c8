package dev.sanctl.core.usecase;

import static dev.sanctl.core.engine.testing.TestStates.node;
import static dev.sanctl.core.engine.testing.TestStates.state;
import static dev.sanctl.core.engine.testing.TestStates.vg;
import static dev.sanctl.core.engine.testing.TestStates.vol;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.apply.StateFile;
import dev.sanctl.core.engine.Engine;
import dev.sanctl.core.engine.testing.KvHost;
import dev.sanctl.core.engine.testing.KvProvider;
import dev.sanctl.core.engine.testing.TestStates;
import dev.sanctl.core.provider.ProviderRegistry;
import dev.sanctl.spi.model.DesiredState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftOperationTest {
  static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
  @TempDir Path stateDir;

  static DesiredState twoNodes() {
    return state(
        List.of(node("n1", "kv"), node("n2", "kv")),
        List.of(vg("vg1", "n1", vol("a", 100)), vg("vg2", "n2", vol("c", 300))));
  }

  static DriftOperation drift(Map<String, KvHost> hosts) {
    return new DriftOperation(
        new Engine(
            ProviderRegistry.of(List.of(new KvProvider())), TestStates.hosts(hosts), p -> p));
  }

  @Test
  void matchingLiveStateIsClean() {
    Map<String, KvHost> hosts =
        Map.of(
            "n1", new KvHost("n1").put("vg1/a", "100"), "n2", new KvHost("n2").put("vg2/c", "300"));
    DriftOperation.DriftReport r = drift(hosts).run(twoNodes(), List.of(), List.of());
    assertFalse(r.drift());
    assertEquals("clean", r.status());
  }

  @Test
  void aGrownVolumeIsDriftThatNoChangeCorrects() {
    Map<String, KvHost> hosts =
        Map.of(
            "n1", new KvHost("n1").put("vg1/a", "500"), "n2", new KvHost("n2").put("vg2/c", "300"));
    DriftOperation.DriftReport r = drift(hosts).run(twoNodes(), List.of(), List.of());
    assertFalse(r.plan().hasChanges());
    assertEquals(1, r.driftFindings());
    assertTrue(r.drift());
    assertEquals("drift", r.status());
  }

  @Test
  void anUnobservedNodeMakesTheReportIncompleteEvenWithDrift() {
    Map<String, KvHost> hosts = Map.of("n1", new KvHost("n1")); // n2 unreachable, n1 drifted
    DriftOperation.DriftReport r = drift(hosts).run(twoNodes(), List.of(), List.of());
    assertTrue(r.drift());
    assertEquals("incomplete", r.status(), "incomplete wins over drift, never clean");

    r.write(stateDir, "rev1", NOW);
    Map<String, String> m = StateFile.read(stateDir, StateFile.LAST_DRIFT).orElseThrow();
    assertEquals(
        Map.of(
            "time", NOW.toString(),
            "revision", "rev1",
            "status", "incomplete",
            "drift", "true",
            "changes", "1",
            "driftFindings", "0",
            "unknownNodes", "1"),
        m);
  }
}
