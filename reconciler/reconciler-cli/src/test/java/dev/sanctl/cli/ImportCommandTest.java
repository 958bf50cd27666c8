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

  static final String MANAGED =
      """
      apiVersion: sanctl/v1
      volumeGroups:
        vg_san:
          nodes: [san-a, san-b]
          metaVolume: {name: lv_iscsi_meta, size: 1G, mountPoint: /mnt/iscsi-target/vg_san}
          volumes:
            lv_web: {size: 1G}
            lv_db: {size: 2G}
      targets:
        - {volume: vg_san/lv_web, serial: WEB0001, portalGroup: pg_storage, initiators: [ig_web01]}
        - {volume: vg_san/lv_db, serial: DB00001, portalGroup: pg_storage,
           initiators: [iqn.1994-05.com.redhat:db01]}
      """;

  @Test
  void importAdoptsVolumesAndTheTargetsOnThemSoThatThePlanIsEmpty() throws Exception {
    CliRun.assumeProviders();
    ProviderRegistry r = ProviderRegistry.load();
    Assumptions.assumeTrue(
        List.of("lvm", "iet").stream().allMatch(id -> r.get(id) instanceof Importer),
        "the lvm and iet providers do not implement Importer yet");
    CliRun c = CliRun.quickstart(tmp);
    Files.delete(c.config.resolve("lvm.yaml"));
    String iscsi = Files.readString(c.config.resolve("iscsi.yaml"));
    c.write("iscsi.yaml", iscsi.substring(0, iscsi.indexOf("targetDefaults:")));
    c.write(
        "cluster.yaml",
        Files.readString(c.config.resolve("cluster.yaml")).replace("lvm, files, iet", "lvm, iet"));
    c.write("managed.yaml", MANAGED);
    assertEquals(0, c.cluster("apply", "--auto-approve").exit());
    Files.delete(c.config.resolve("managed.yaml"));

    CliRun.Result imported = c.cluster("import");
    assertEquals(ExitCodes.OK, imported.exit(), imported.toString());
    String yaml = Files.readString(c.config.resolve("imported.yaml"));
    assertTrue(yaml.contains("lv_web") && yaml.contains("serial: WEB0001"), yaml);
    // the meta volume is recognised as such (open, served by no target), not a data volume
    assertTrue(yaml.contains("metaVolume:\n      name: lv_iscsi_meta\n      size: 1G\n"), yaml);
    assertEquals(1, yaml.split("lv_iscsi_meta", -1).length - 1, yaml);
    assertTrue(yaml.contains("# imported by the lvm provider from:\n#   san-a: vgs, lvs"), yaml);
    assertEquals("", imported.err(), "nothing left out");
    CliRun.Result plan = c.cluster("plan", "--detailed-exitcode");
    assertEquals(ExitCodes.OK, plan.exit(), plan + "\n--- imported.yaml\n" + yaml);
  }

  @Test
  void aMetaVolumeWithoutIetCopiesIsRecognisedAndTheCopiesTheyGetAreListed() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    Files.delete(c.config.resolve("lvm.yaml"));
    String iscsi = Files.readString(c.config.resolve("iscsi.yaml"));
    c.write("iscsi.yaml", iscsi.substring(0, iscsi.indexOf("targetDefaults:")));
    c.write(
        "cluster.yaml",
        Files.readString(c.config.resolve("cluster.yaml")).replace("lvm, files, iet", "lvm, iet"));
    // applied without the meta volume: the mounted LV holds no copies of the IET files
    c.write("managed.yaml", MANAGED.replaceFirst("(?m)^ +metaVolume: .*\n", ""));
    assertEquals(0, c.cluster("apply", "--auto-approve").exit());
    Files.delete(c.config.resolve("managed.yaml"));

    CliRun.Result imported = c.cluster("import");
    assertEquals(ExitCodes.OK, imported.exit(), imported.toString());
    assertTrue(Files.readString(c.config.resolve("imported.yaml")).contains("name: lv_iscsi_meta"));
    assertTrue(
        imported
            .err()
            .contains(
                ImportCommand.NOT_IMPORTED
                    + "san-a/iet.file//mnt/iscsi-target/vg_san/iet/: no IET copies in"
                    + " /mnt/iscsi-target/vg_san/iet on san-a: the plan writes them"),
        imported.err());
    CliRun.Result plan = c.cluster("plan", "--detailed-exitcode");
    assertEquals(ExitCodes.CHANGES, plan.exit(), plan.toString());
    assertTrue(
        plan.out().contains("san-a/iet.file//mnt/iscsi-target/vg_san/iet/ietd.conf will be"));
  }

  @Test
  void anUnreachableNodeMakesTheImportIncompleteExit4() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    Files.delete(c.config.resolve("lvm.yaml"));
    String iscsi = Files.readString(c.config.resolve("iscsi.yaml"));
    c.write("iscsi.yaml", iscsi.substring(0, iscsi.indexOf("targetDefaults:")));
    c.write(
        "cluster.yaml",
        Files.readString(c.config.resolve("cluster.yaml")).replace("lvm, files, iet", "lvm, iet"));
    c.sim.setUnreachable("san-b");
    CliRun.Result r = c.cluster("import", "--out", "-");
    assertEquals(ExitCodes.INCOMPLETE, r.exit(), r.toString());
    assertTrue(r.err().contains("warning: node san-b is unknown ("), r.err());
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
    Map<String, Object> doc =
        new java.util.LinkedHashMap<>(
            Map.of(
                "volumeGroups", Map.of("vg_a", Map.of("nodes", List.of("n1"))),
                "targets", List.of("t1")));
    dev.sanctl.core.usecase.ImportOperation.merge(
        doc,
        Map.of(
            "volumeGroups", Map.of("vg_b", Map.of("type", "files")),
            "targets", List.of("t2")));
    assertEquals(
        Map.of("vg_a", Map.of("nodes", List.of("n1")), "vg_b", Map.of("type", "files")),
        doc.get("volumeGroups"));
    assertEquals(List.of("t1", "t2"), doc.get("targets"));
  }
}
