package dev.sanctl.providers.lvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.spi.provider.ObserveContext;
import dev.sanctl.spi.provider.ObserveException;
import dev.sanctl.spi.provider.VolumeFacts;
import dev.sanctl.testkit.FakeHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** lvm2 JSON reports (fixtures/lvm, captured from lvm2 2.03.16) into observations. */
class LvmReportTest {
  static String fixture(String name) throws IOException {
    return Files.readString(
        Path.of("../../fixtures/lvm/2.03.16").resolve(name), StandardCharsets.UTF_8);
  }

  static LvmObservation captured() throws IOException {
    return LvmProvider.fromReports(
        LvmJsonReport.parse(fixture("vgs-json-report.stdout"), "vg"),
        LvmJsonReport.parse(fixture("lvs-json-report.stdout"), "lv"));
  }

  @Test
  void capturedReportsOf2_03_16() throws IOException {
    LvmObservation.Vg vg0 = captured().vgs().get("vg0");
    assertEquals(205520896L, vg0.sizeBytes());
    assertEquals(113246208L, vg0.freeBytes());
    assertEquals(4194304L, vg0.extentBytes());
    assertEquals(
        List.of("thinsnap", "thinvol", "tpool", "vol1", "vol1_snap1", "vol2"),
        List.copyOf(vg0.lvs().keySet()));
    LvmObservation.Lv vol1 = vg0.lvs().get("vol1");
    assertEquals(20971520L, vol1.sizeBytes());
    assertFalse(vol1.active(), "X (activation disabled) is unknown, never active");
    assertFalse(vg0.held());
    assertTrue(vg0.lvs().get("vol1_snap1").snapshot());
    assertTrue(vg0.lvs().get("thinsnap").snapshot(), "thin snapshot: V with an origin");
    assertFalse(vg0.lvs().get("thinvol").snapshot());
    assertTrue(vg0.lvs().get("tpool").hidden());
  }

  /** The same group captured in a guest with the real kernel: activation enabled (#16). */
  @Test
  void capturedReportsOfActiveVolumes() throws IOException {
    LvmObservation.Vg vg0 =
        LvmProvider.fromReports(
                LvmJsonReport.parse(fixture("vgs-json-report-active.stdout"), "vg"),
                LvmJsonReport.parse(fixture("lvs-json-report-active.stdout"), "lv"))
            .vgs()
            .get("vg0");
    assertEquals(205520896L, vg0.sizeBytes());
    assertEquals(113246208L, vg0.freeBytes());
    assertTrue(vg0.held(), "active LVs: this node holds the group");
    assertTrue(vg0.lvs().get("vol1").active());
    assertFalse(vg0.lvs().get("thinsnap").active(), "a thin snapshot skips activation (k)");
    assertTrue(vg0.lvs().get("thinsnap").snapshot());
    assertTrue(vg0.lvs().get("vol1_snap1").snapshot());
    assertTrue(vg0.lvs().get("tpool").hidden());
  }

  @Test
  void volumeFactsCarryDevicePathsAndOpenState() {
    LvmObservation o =
        new LvmObservation(
            java.util.Map.of(
                "vg0",
                new LvmObservation.Vg(
                    "vg0",
                    100,
                    50,
                    4,
                    java.util.Map.of(
                        "a", new LvmObservation.Lv("a", 8, "-wi-ao----", "", "/dev/vg0/a"),
                        "b", new LvmObservation.Lv("b", 8, "-wi-a-----", "", "/dev/vg0/b")))));
    VolumeFacts.Group g = o.volumeFacts().groups().get("vg0");
    assertTrue(g.held());
    assertEquals(new VolumeFacts.Volume("a", 8, "/dev/vg0/a", true), g.volumes().get("a"));
    assertFalse(g.volumes().get("b").open());
    assertEquals(8, o.vgs().get("vg0").roundUp(5));
  }

  @Test
  void theLogArrayOf2_03_26IsAcceptedAndItsErrorsReported() throws IOException {
    LvmJsonReport r = LvmJsonReport.parse(fixture("missing-vg-log-2.03.26.stdout"), "lv");
    assertEquals(List.of(), r.rows());
    assertEquals(
        List.of("Volume group \"nosuchvg\" not found", "Cannot process volume group nosuchvg"),
        r.errors());
    FakeHost h =
        FakeHost.named("n1")
            .on(LvmProvider.VGS.argv().toArray(String[]::new))
            .reply(0, fixture("vgs-json-report.stdout"))
            .on(LvmProvider.LVS.argv().toArray(String[]::new))
            .reply(5, fixture("missing-vg-log-2.03.26.stdout"));
    ObserveException e = assertThrows(ObserveException.class, () -> observe(h));
    assertEquals(
        "lvs failed (exit 5): Volume group \"nosuchvg\" not found; Cannot process volume"
            + " group nosuchvg",
        e.getMessage());
  }

  @Test
  void errorsOnStderrOfOlderVersionsAndMissingCommands() throws IOException {
    FakeHost h =
        FakeHost.named("n1")
            .on(LvmProvider.VGS.argv().toArray(String[]::new))
            .reply(5, fixture("missing-vg.stdout"), fixture("missing-vg.stderr"));
    ObserveException e = assertThrows(ObserveException.class, () -> observe(h));
    assertTrue(
        e.getMessage().startsWith("vgs failed (exit 5): Volume group \"nosuchvg\" not found"),
        e.getMessage());
    FakeHost none = FakeHost.named("n1").onPrefix("vgs").reply(127, "", "sh: 1: vgs: not found\n");
    assertEquals(
        "vgs: command not found (is lvm2 installed?)",
        assertThrows(ObserveException.class, () -> observe(none)).getMessage());
  }

  @Test
  void observationIsTwoCommandsWithExplicitColumns() throws IOException {
    FakeHost h =
        FakeHost.named("n1")
            .on(LvmProvider.VGS.argv().toArray(String[]::new))
            .reply(0, fixture("vgs-json-report.stdout"))
            .on(LvmProvider.LVS.argv().toArray(String[]::new))
            .reply(0, fixture("lvs-json-report.stdout"));
    observe(h);
    assertEquals(
        List.of(
            "vgs --reportformat json --units b --nosuffix -o"
                + " vg_name,vg_size,vg_free,vg_extent_size",
            "lvs --reportformat json --units b --nosuffix -o"
                + " vg_name,lv_name,lv_size,lv_attr,origin,lv_path"),
        h.commands().stream().map(Object::toString).toList());
    assertTrue(h.commands().stream().noneMatch(c -> c.mutating()));
  }

  private static void observe(FakeHost h) throws IOException {
    var d = LvmStates.state();
    new LvmProvider().observe(new ObserveContext(d.nodes().get("n1"), h, d));
  }
}
