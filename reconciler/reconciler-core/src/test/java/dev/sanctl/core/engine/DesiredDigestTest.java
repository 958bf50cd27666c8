package dev.sanctl.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.config.SourceFile;
import dev.sanctl.core.plan.Digests;
import dev.sanctl.spi.model.DesiredState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The digest computed in the background is the digest of the desired state it is asked for. */
class DesiredDigestTest {
  private static DesiredState desired(String cluster) {
    String yaml = "cluster: {name: " + cluster + ", iqnPrefix: iqn.2026-01.dev.sanctl:lab}\n";
    return ConfigLoader.loadFiles(List.of(new SourceFile("cluster.yaml", yaml))).state();
  }

  @Test
  void startedOrNotTheDigestIsThatOfTheStateAskedFor() {
    DesiredState a = desired("a");
    DesiredState b = desired("b");
    DesiredDigest digest = new DesiredDigest();
    digest.start(a);
    assertEquals(Digests.desired(a), digest.of(a));
    assertEquals(Digests.desired(b), digest.of(b), "another state than the one started");
    digest.start(a);
    digest.start(a);
    assertEquals(Digests.desired(a), digest.of(a));
    assertEquals(Digests.desired(a), new DesiredDigest().of(a), "never started");
    assertNotEquals(digest.of(a), digest.of(b));
  }
}
