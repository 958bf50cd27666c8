package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.support.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an admin adopting the quickstart estate meets, through the CLI: a {@code type: files} group
 * declared by hand (as the docs ask for groups whose files no target serves) does not conflict with
 * the imported one; a missing portal group is named as missing, not as a conflict; a configuration
 * error is reported with the admin's paths; no scratch directory is ever left behind.
 */
class ImportAdoptionTest {
  static final String VG_LAB =
      """
      volumeGroups:
        vg_lab:
          type: files
          path: /srv/sanctl/vg_lab
          nodes: [san-a]
          volumes:
            lun_lab01: {size: 64M}
      """;

  @TempDir Path tmp;
  List<String> scratchBefore;

  @BeforeEach
  void scratchInTmp() throws IOException {
    scratchBefore = scratch(Path.of(System.getProperty("java.io.tmpdir")));
  }

  /** The quickstart applied; its config then holds the cluster and the portal/initiator groups. */
  private CliRun applied() throws IOException {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    CliRun.Result apply = c.cluster("apply", "--auto-approve");
    assertEquals(ExitCodes.OK, apply.exit(), apply.toString());
    Files.delete(c.config.resolve("lvm.yaml"));
    String iscsi = Files.readString(c.config.resolve("iscsi.yaml"));
    c.write("iscsi.yaml", iscsi.substring(0, iscsi.indexOf("targetDefaults:")));
    return c;
  }

  @Test
  void aFilesGroupDeclaredByHandIsNotImportedAgainAndThePlanIsEmpty() throws Exception {
    CliRun c = applied();
    c.write("lab.yaml", VG_LAB);
    CliRun.Result imported = c.cluster("import");
    assertEquals(ExitCodes.OK, imported.exit(), imported.toString());
    String yaml = Files.readString(c.config.resolve("imported.yaml"));
    assertFalse(yaml.contains("vg_lab:"), yaml);
    assertTrue(yaml.contains("volume: vg_lab/lun_lab01"), yaml);
    assertEquals("", imported.err(), "nothing left out");
    CliRun.Result plan = c.cluster("plan", "--detailed-exitcode");
    assertEquals(ExitCodes.OK, plan.exit(), plan + "\n--- imported.yaml\n" + yaml);
    assertNoScratch(c);
  }

  @Test
  void aFilesGroupDeclaredByHandThatDiffersIsKeptAndTheDifferenceListed() throws Exception {
    CliRun c = applied();
    c.write("lab.yaml", VG_LAB.replace("64M", "128M"));
    CliRun.Result imported = c.cluster("import");
    assertEquals(ExitCodes.OK, imported.exit(), imported.toString());
    assertTrue(
        imported
            .err()
            .contains(
                ImportCommand.NOT_IMPORTED
                    + "san-a/files.volume/vg_lab: volumeGroups.vg_lab is declared in your files"
                    + " and kept as declared"),
        imported.err());
    CliRun.Result plan = c.cluster("plan", "--detailed-exitcode");
    assertEquals(ExitCodes.CHANGES, plan.exit(), plan.toString());
    assertTrue(plan.out().contains("# san-a/files.volume/vg_lab/lun_lab01 will be"), plan.out());
  }

  @Test
  void aMissingPortalGroupIsNamedAsMissing() throws Exception {
    CliRun c = applied();
    String iscsi = Files.readString(c.config.resolve("iscsi.yaml"));
    c.write("iscsi.yaml", iscsi.substring(iscsi.indexOf("initiatorGroups:")));
    CliRun.Result imported = c.cluster("import");
    assertEquals(ExitCodes.OK, imported.exit(), imported.toString());
    assertFalse(imported.err().contains("conflict"), imported.err());
    for (String lv : List.of("web01-data", "db01-data", "vmhost-ds01")) {
      assertTrue(
          imported
              .err()
              .contains(
                  ImportCommand.NOT_IMPORTED
                      + "san-a/iet.target/iqn.2024-01.org.example:san.pg-storage.vg-san.lv-"
                      + lv
                      + ": missing portal group: no portal group of your files has the addresses"
                      + " 10.20.0.11, 10.20.0.12 of its targets.allow line on san-a; declare it"
                      + " in portalGroups, then import again"),
          imported.err());
    }
    assertFalse(Files.readString(c.config.resolve("imported.yaml")).contains("targets:"));
    assertNoScratch(c);
  }

  @Test
  void anInvalidConfigIsReportedWithTheAdminsPathsAndLeavesNoScratch() throws Exception {
    CliRun c = applied();
    c.write("broken.yaml", "portalGroups: [\n");
    CliRun.Result imported = c.cluster("import");
    assertEquals(ExitCodes.ERROR, imported.exit(), imported.toString());
    assertTrue(imported.err().contains("broken.yaml:2:1: YAML syntax error"), imported.err());
    assertFalse(imported.err().contains(".sanctl-import"), imported.err());
    assertNoScratch(c);
  }

  private void assertNoScratch(CliRun c) throws IOException {
    assertEquals(List.of(), scratch(c.config), "scratch directories left in " + c.config);
    assertEquals(
        scratchBefore,
        scratch(Path.of(System.getProperty("java.io.tmpdir"))),
        "scratch directories left in /tmp");
  }

  private static List<String> scratch(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(".sanctl-import") || n.startsWith("sanctl-import"))
          .sorted()
          .toList();
    }
  }
}
