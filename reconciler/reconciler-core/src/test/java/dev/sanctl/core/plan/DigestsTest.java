package dev.sanctl.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.config.SourceFile;
import dev.sanctl.spi.model.DesiredState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The desired state's digest is that of its text, made piece by piece or as one string. */
class DigestsTest {
  private static final Path EXAMPLES = Path.of("../../examples").toAbsolutePath().normalize();

  @ParameterizedTest
  @ValueSource(strings = {"amherst", "quickstart", "stmf-ha"})
  void theDigestOfAnExampleIsThatOfItsWholeText(String example) {
    DesiredState d = ConfigLoader.loadDirectory(EXAMPLES.resolve(example)).state();
    assertNotNull(d, example);
    assertEquals(wholeText(d), Digests.desired(d));
    assertEquals(wholeText(d), Digests.desired(d.withRevision("0123abcd")), "without revision");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cluster: {name: lab, iqnPrefix: 'iqn.2026-01.dev.sanctl:lab'}\n",
        "cluster: {name: lab, iqnPrefix: 'iqn.2026-01.dev.sanctl:lab'}\n"
            + "nodes:\n  san-a: {address: 192.0.2.1, services: [lvm, iet]}\n"
            + "volumeGroups:\n  vg0: {nodes: [san-a], volumes: {v1: {size: 1G}, v2: {size: 2G}}}\n"
      })
  void theDigestOfASmallStateIsThatOfItsWholeText(String yaml) {
    DesiredState d = ConfigLoader.loadFiles(List.of(new SourceFile("cluster.yaml", yaml))).state();
    assertNotNull(d, yaml);
    assertEquals(wholeText(d), Digests.desired(d));
  }

  /** The digest as it was first defined: of the whole text as one string. */
  private static String wholeText(DesiredState d) {
    return Digests.of(d.withRevision(null).toString().getBytes(StandardCharsets.UTF_8));
  }
}
