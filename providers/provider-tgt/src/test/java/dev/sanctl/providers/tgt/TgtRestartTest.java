package dev.sanctl.providers.tgt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.testkit.Configs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a tgtd restart brings back in the simulator, whose tgt-admin binds {@code ALL} to every
 * stanza without an {@code initiator-address} line as the real one does (the real daemon: {@code
 * e2e TgtRestartIT}).
 */
class TgtRestartTest {
  @TempDir Path dir;

  @Test
  void aRestartRestoresExactlyTheAppliedAcls() throws Exception {
    DesiredState desired = Configs.load(TgtProviderContractTest.CONFIG);
    TgtSim sim = new TgtSim(dir, desired);
    sim.apply(desired);
    Map<String, List<String>> applied = sim.acls();
    assertEquals(2, applied.size(), applied.toString());

    sim.restartAndRestore();

    assertEquals(applied, sim.acls());
    assertFalse(sim.acls().values().stream().anyMatch(acl -> acl.contains("ALL")));
    assertEquals(
        List.of(),
        sim.plan(desired).changes().stream().filter(c -> c.kind().equals("target")).toList(),
        "no target to repair after the restart");
  }
}
