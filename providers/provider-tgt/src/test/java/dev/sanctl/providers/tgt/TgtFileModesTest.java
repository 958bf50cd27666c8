package dev.sanctl.providers.tgt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.testkit.Configs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The persisted tgt config holds CHAP secrets: it is written owner-only (0600) and no temporary
 * file of the writer stays behind (a loosened file is tightened: FileWriteTest in the simulator).
 */
class TgtFileModesTest {
  @TempDir Path dir;

  @Test
  void thePersistedConfigIsWrittenOwnerOnlyWithoutATemporaryFileLeft() throws Exception {
    DesiredState desired = Configs.load(TgtProviderContractTest.CONFIG);
    TgtSim sim = new TgtSim(dir, desired);
    sim.apply(desired);
    String file = TgtPersistedConfig.CONFIG_FILE;
    assertEquals("600\n", sim.run("stat", "-c", "%a", file).out());
    assertEquals("", sim.run("find", "/etc/tgt", "-name", ".sanctl-write.*").out());
  }
}
