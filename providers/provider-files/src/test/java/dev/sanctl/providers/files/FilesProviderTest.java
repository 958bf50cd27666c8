package dev.sanctl.providers.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.config.LoadResult;
import dev.sanctl.core.config.SourceFile;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.NodeState;
import dev.sanctl.spi.provider.ObserveContext;
import dev.sanctl.spi.provider.ObserveException;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.PlanResult;
import dev.sanctl.spi.provider.ResourceAddress;
import dev.sanctl.spi.provider.VolumeFacts;
import dev.sanctl.testkit.FakeHost;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The files provider: one stat per node, grow-only sparse files, removal. */
class FilesProviderTest {
  static final String CLUSTER =
      """
      cluster: {name: t, iqnPrefix: iqn.2024-01.org.example:san, propertyNamespace: org.example}
      nodes:
        n1: {address: 192.0.2.1, os: linux, services: [files]}
      volumeGroups:
        vg_lab:
          type: files
          path: /srv/sanctl/vg_lab
          nodes: [n1]
          volumes:
            lun_a: {size: 64M}
            lun_b: {size: 1G}
            lun_old: {size: 1M, state: absent}
      """;

  static DesiredState state(String text) {
    LoadResult r = ConfigLoader.loadFiles(List.of(new SourceFile("cluster.yaml", text)));
    assertTrue(r.ok(), () -> r.diagnostics().toString());
    return r.state();
  }

  static final String STAT =
      "stat -c '%s|%F|%n' -- /srv/sanctl/vg_lab /srv/sanctl/vg_lab/lun_a.img"
          + " /srv/sanctl/vg_lab/lun_b.img /srv/sanctl/vg_lab/lun_old.img";

  @Test
  void oneStatForTheDirectoryAndEveryExpectedFile() throws IOException {
    DesiredState d = state(CLUSTER);
    FakeHost h =
        FakeHost.named("n1")
            .onPrefix("stat")
            .reply(
                1,
                "4096|directory|/srv/sanctl/vg_lab\n"
                    + "33554432|regular file|/srv/sanctl/vg_lab/lun_a.img\n"
                    + "1048576|regular file|/srv/sanctl/vg_lab/lun_old.img\n",
                "stat: cannot statx '/srv/sanctl/vg_lab/lun_b.img': No such file or directory\n");
    FilesObservation o =
        (FilesObservation)
            new FilesProvider().observe(new ObserveContext(d.nodes().get("n1"), h, d));
    assertEquals(List.of(STAT), h.commands().stream().map(Object::toString).toList());
    FilesObservation.Group g = o.groups().get("vg_lab");
    assertTrue(g.directoryExists());
    assertEquals(Map.of("lun_a", 33554432L, "lun_old", 1048576L), g.files());
    VolumeFacts.Group facts = o.volumeFacts().groups().get("vg_lab");
    assertTrue(facts.held());
    assertEquals("/srv/sanctl/vg_lab/lun_a.img", facts.volumes().get("lun_a").devicePath());

    PlanResult r =
        new FilesProvider()
            .plan(
                new PlanContext(d, Map.of("n1", NodeState.observed("n1", o)), Map.of(), p -> "x"));
    assertEquals(
        List.of(
            "n1/files.volume/vg_lab/lun_a UPDATE NONE: truncate -s 67108864 --"
                + " /srv/sanctl/vg_lab/lun_a.img",
            "n1/files.volume/vg_lab/lun_b CREATE NONE: truncate -s 1073741824 --"
                + " /srv/sanctl/vg_lab/lun_b.img",
            "n1/files.volume/vg_lab/lun_old DELETE DESTRUCTIVE: rm -f --"
                + " /srv/sanctl/vg_lab/lun_old.img"),
        r.changes().stream().map(FilesProviderTest::line).toList());
  }

  @Test
  void otherStatErrorsMakeTheNodeUnknown() {
    DesiredState d = state(CLUSTER);
    FakeHost h =
        FakeHost.named("n1")
            .onPrefix("stat")
            .reply(1, "", "stat: cannot statx '/srv/sanctl/vg_lab': Permission denied\n");
    assertThrows(
        ObserveException.class,
        () -> new FilesProvider().observe(new ObserveContext(d.nodes().get("n1"), h, d)));
  }

  @Test
  void missingDirectoryIsCreatedFirstAndShrinkingIsRefused() {
    DesiredState d = state(CLUSTER);
    FilesObservation missing =
        new FilesObservation(
            Map.of(
                "vg_lab",
                new FilesObservation.Group("vg_lab", "/srv/sanctl/vg_lab", false, Map.of())));
    PlanResult r =
        new FilesProvider()
            .plan(
                new PlanContext(
                    d, Map.of("n1", NodeState.observed("n1", missing)), Map.of(), p -> "x"));
    Change dir = r.changes().get(0);
    assertEquals("mkdir -p -- /srv/sanctl/vg_lab", dir.commands().get(0).toString());
    assertEquals(List.of(dir.address()), r.changes().get(1).dependsOnAddresses());

    FilesObservation big =
        new FilesObservation(
            Map.of(
                "vg_lab",
                new FilesObservation.Group(
                    "vg_lab",
                    "/srv/sanctl/vg_lab",
                    true,
                    Map.of("lun_a", 128L << 20, "lun_b", 1L << 30))));
    PlanResult shrink =
        new FilesProvider()
            .plan(
                new PlanContext(
                    d, Map.of("n1", NodeState.observed("n1", big)), Map.of(), p -> "x"));
    assertEquals(List.of(), shrink.changes());
    assertEquals(Finding.Kind.ERROR, shrink.findings().get(0).kind());
    assertEquals(
        "volumes never shrink: vg_lab/lun_a current 134217728 bytes, desired 67108864"
            + " bytes; grow-only",
        shrink.findings().get(0).message());
  }

  private static String line(Change c) {
    return c.address() + " " + c.action() + " " + c.impact() + ": " + c.commands().get(0);
  }

  @Test
  void importRestatesDeclaredGroupsWithObservedSizes() {
    DesiredState d = state(CLUSTER);
    FilesObservation o =
        new FilesObservation(
            Map.of(
                "vg_lab",
                new FilesObservation.Group(
                    "vg_lab", "/srv/sanctl/vg_lab", true, Map.of("lun_a", 96L << 20))));
    Map<String, Object> imported =
        new FilesProvider()
            .importState(
                new PlanContext(d, Map.of("n1", NodeState.observed("n1", o)), Map.of(), p -> "x"));
    assertEquals(
        Map.of(
            "volumeGroups",
            Map.of(
                "vg_lab",
                Map.of(
                    "type",
                    "files",
                    "path",
                    "/srv/sanctl/vg_lab",
                    "nodes",
                    List.of("n1"),
                    "volumes",
                    Map.of("lun_a", Map.of("size", "96M"))))),
        imported);
  }

  @Test
  void theVolumesOfFilesGroupsAreAddressedAsThisProvidersOwn() {
    // a target provider names the volume it waits for with ResourceAddress.volume
    assertEquals(new FilesProvider().id(), ResourceAddress.volumeProvider(VolumeGroup.Type.FILES));
    assertTrue(ResourceAddress.volumeProviders().contains(new FilesProvider().id()));
  }
}
