package dev.sanctl.providers.iet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link IetRuntime#byName} looks a target up by name; equality is that of the targets. */
class IetRuntimeTest {
  private static IetRuntime.Target target(int tid, String name) {
    return new IetRuntime.Target(tid, name, List.of(), List.of());
  }

  @Test
  void byNameFindsTheFirstTargetOfThatNameInFileOrder() {
    Map<Integer, IetRuntime.Target> m = new LinkedHashMap<>();
    m.put(7, target(7, "iqn.x:b"));
    m.put(2, target(2, "iqn.x:a"));
    m.put(3, target(3, "iqn.x:b")); // a second target of that name (not expected from ietd)
    IetRuntime r = new IetRuntime(m);
    assertSame(m.get(2), r.byName("iqn.x:a"));
    assertSame(m.get(7), r.byName("iqn.x:b"));
    assertNull(r.byName("iqn.x:c"));
    assertEquals(List.of(7, 2, 3), List.copyOf(r.targets().keySet()));
  }

  @Test
  void runtimesAreEqualWhenTheirTargetsAre() {
    IetRuntime a = new IetRuntime(Map.of(1, target(1, "iqn.x:a")));
    assertEquals(a, new IetRuntime(Map.of(1, target(1, "iqn.x:a"))));
    assertEquals(a.hashCode(), new IetRuntime(Map.of(1, target(1, "iqn.x:a"))).hashCode());
    assertNotEquals(a, new IetRuntime(Map.of(1, target(1, "iqn.x:b"))));
    assertEquals("IetRuntime[targets={1=" + target(1, "iqn.x:a") + "}]", a.toString());
  }
}
