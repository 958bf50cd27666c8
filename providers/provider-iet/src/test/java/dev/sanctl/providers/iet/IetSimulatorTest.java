package dev.sanctl.providers.iet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.render.TextRenderer;
import dev.sanctl.spi.model.DesiredState;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The iet provider with lvm on the simulated cluster, through the real engine. */
class IetSimulatorTest {
  @TempDir Path dir;

  @Test
  void firstApplyThenAnEmptyPlan() throws Exception {
    DesiredState d = Amherst.state();
    try (SimSan san = new SimSan(dir, d)) {
      Plan first = san.apply(d);
      System.out.println(new TextRenderer(false).render(first));
      Plan again = san.plan(d);
      assertTrue(again.changes().isEmpty(), new TextRenderer(false).render(again));
      System.out.println(san.run("node1", "cat", "/proc/net/iet/volume"));
      System.out.println(san.run("node1", "cat", "/etc/iet/ietd.conf"));
    }
  }
}
