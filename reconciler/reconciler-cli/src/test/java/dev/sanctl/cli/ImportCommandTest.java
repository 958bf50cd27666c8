package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.support.CliRun;
import dev.sanctl.core.provider.ProviderRegistry;
import dev.sanctl.spi.provider.Importer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCommandTest {
  @TempDir Path tmp;

  @Test
  void importedYamlReplansToNoChanges() throws Exception {
    CliRun.assumeProviders();
    ProviderRegistry r = ProviderRegistry.load();
    Assumptions.assumeTrue(
        List.of("lvm", "files", "iet").stream().allMatch(id -> r.get(id) instanceof Importer),
        "the quickstart's providers do not all implement Importer yet");
    CliRun c = CliRun.quickstart(tmp);
    assertEquals(0, c.cluster("apply", "--auto-approve").exit());
    Files.delete(c.config.resolve("lvm.yaml"));
    Files.delete(c.config.resolve("iscsi.yaml"));
    CliRun.Result imported = c.cluster("import");
    assertEquals(ExitCodes.OK, imported.exit(), imported.toString());
    assertTrue(Files.readString(c.config.resolve("imported.yaml")).contains("volumeGroups:"));
    CliRun.Result plan = c.cluster("plan", "--detailed-exitcode");
    assertEquals(ExitCodes.OK, plan.exit(), plan.toString());
  }

  @Test
  void anExistingFileIsNotOverwrittenWithoutForce() throws Exception {
    CliRun c = CliRun.quickstart(tmp);
    c.write("imported.yaml", "# mine\n");
    CliRun.Result r = c.cluster("import");
    assertEquals(ExitCodes.REFUSED, r.exit(), r.toString());
    assertEquals("# mine\n", Files.readString(c.config.resolve("imported.yaml")));
  }

  @Test
  void sectionsFromSeveralProvidersAreMerged() {
    Map<String, Object> doc = new java.util.LinkedHashMap<>(Map.of(
        "volumeGroups", Map.of("vg_a", Map.of("nodes", List.of("n1"))),
        "targets", List.of("t1")));
    ImportCommand.merge(doc, Map.of(
        "volumeGroups", Map.of("vg_b", Map.of("type", "files")),
        "targets", List.of("t2")));
    assertEquals(Map.of("vg_a", Map.of("nodes", List.of("n1")), "vg_b", Map.of("type", "files")),
        doc.get("volumeGroups"));
    assertEquals(List.of("t1", "t2"), doc.get("targets"));
  }
}
