package dev.sanctl.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.plan.Plan;
import dev.sanctl.spi.model.SourceRef;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.ResourceAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftFingerprintTest {
  private static Plan plan(Map<String, String> digests, Map<String, String> unknown, Finding... f) {
    return new Plan(
        "rev", "d", List.of("san-a", "san-b"), digests, unknown, List.of(), List.of(f), List.of());
  }

  private static Finding finding(Finding.Kind kind, String message) {
    return new Finding(
        kind,
        "san-a",
        ResourceAddress.of("san-a", "iet", "target", "t1"),
        message,
        null,
        SourceRef.NONE);
  }

  @Test
  void noDriftHasNoFingerprint() {
    Plan clean = plan(Map.of("san-a", "1"), Map.of(), finding(Finding.Kind.WARNING, "preferred"));
    assertNull(DriftFingerprint.of(clean));
    assertFalse(DriftFingerprint.drifted(clean));
  }

  @Test
  void theSameDriftKeepsItsFingerprintWhenObservationDigestsChange() {
    Finding f = finding(Finding.Kind.DRIFT, "0 session(s), 2 expected");
    String first = DriftFingerprint.of(plan(Map.of("san-a", "1"), Map.of(), f));
    String again = DriftFingerprint.of(plan(Map.of("san-a", "2"), Map.of(), f));
    assertEquals(first, again);
    String other =
        DriftFingerprint.of(
            plan(Map.of("san-a", "2"), Map.of(), finding(Finding.Kind.DRIFT, "1 session(s)")));
    assertNotEquals(first, other);
  }

  @Test
  void anUnobservableNodeIsDriftWhateverTheReasonSays() {
    Plan a = plan(Map.of("san-a", "1"), Map.of("san-b", "connection timed out after 10s"));
    Plan b = plan(Map.of("san-a", "1"), Map.of("san-b", "connection timed out after 11s"));
    assertTrue(DriftFingerprint.drifted(a));
    assertEquals(DriftFingerprint.of(a), DriftFingerprint.of(b));
  }
}
