package dev.sanctl.providers.comstar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sanctl.spi.model.Pool;
import java.util.List;
import java.util.Map;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.approvaltests.reporters.QuietReporter;
import org.junit.jupiter.api.Test;

/** The rendered stmf-ha.conf, approved. */
class StmfHaConfTest {
  private static Options conf() {
    return new Options().withReporter(new QuietReporter()).forFile().withExtension(".conf");
  }

  @Test
  void theStmfHaExample() {
    Pool tank = StmfHaExampleTest.example().pools().get("tank");
    Approvals.verify(StmfHaConf.render(tank), conf());
  }

  @Test
  void defaultsOnlyIsAnAlmostEmptyFile() {
    Pool p =
        new Pool(
            "vmpool01",
            List.of("san1"),
            Map.of(),
            Map.of(),
            Pool.VolumeDefaults.NONE,
            new Pool.StmfHa(Map.of(), null, Map.of(), null, Map.of(), Map.of(), Map.of(), null),
            null,
            null);
    assertEquals(
        "# stmf-ha.conf of pool vmpool01 -- managed by sanctl, do not edit\n",
        StmfHaConf.render(p));
  }

  @Test
  void quotesSurviveBash() {
    assertEquals("'it'\\''s'", StmfHaConf.quote("it's"));
  }
}
