package dev.sanctl.cli.sim;

import static dev.sanctl.cli.sim.SimCommandTest.sanctl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimInitCommandTest {
  private static final Path QUICKSTART = Path.of("../../examples/quickstart");
  private static final Path AMHERST = Path.of("../../examples/amherst");

  @TempDir Path tmp;

  /** {@code lvs --noheadings --separator : -o lv_name,lv_attr vg_san} on {@code node}. */
  private static String vgSanNamesAndAttrs(Path dir, String node) {
    return sanctl(
            "",
            "sim",
            "run",
            dir.toString(),
            node,
            "--",
            "lvs",
            "--noheadings",
            "--separator",
            ":",
            "-o",
            "lv_name,lv_attr",
            "vg_san")
        .out();
  }

  @Test
  void initBuildsTheClusterOfTheQuickstartExample() {
    Path dir = tmp.resolve("sim");
    SimCommandTest.Run r =
        sanctl("", "sim", "init", dir.toString(), "-C", QUICKSTART.toString(), "--vg-size", "2T");
    assertEquals(ExitCodes.OK, r.status(), r.err());
    assertEquals(
        "simulated cluster " + dir.toAbsolutePath().normalize() + ": nodes san-a, san-b\n",
        r.out());
    assertEquals("  vg_san:2199023255552:1\n", vgs(dir, "san-a", "vg_name,vg_free,lv_count"));
    assertEquals("  lv_iscsi_meta:-wi-ao----\n", vgSanNamesAndAttrs(dir, "san-a"));
    assertEquals("  lv_iscsi_meta:-wi-------\n", vgSanNamesAndAttrs(dir, "san-b"));
    assertEquals(
        "",
        sanctl("", "sim", "run", dir.toString(), "san-a", "--", "cat", "/proc/net/iet/volume")
            .out());
  }

  @Test
  void initTakesSimDirLikeTheOtherCommands() {
    Path dir = tmp.resolve("sim");
    SimCommandTest.Run r =
        sanctl("", "-C", QUICKSTART.toString(), "sim", "init", "--sim", dir.toString());
    assertEquals(ExitCodes.OK, r.status(), r.err());
    assertEquals(
        "simulated cluster " + dir.toAbsolutePath().normalize() + ": nodes san-a, san-b\n",
        r.out());
    assertEquals("  lv_iscsi_meta:-wi-ao----\n", vgSanNamesAndAttrs(dir, "san-a"));
  }

  @Test
  void withoutVgSizeEachGroupGetsTwiceItsDesiredVolumesAtLeast1T() {
    Path dir = tmp.resolve("amherst");
    SimCommandTest.Run r = sanctl("", "sim", "init", dir.toString(), "-C", AMHERST.toString());
    assertEquals(ExitCodes.OK, r.status(), r.err());
    assertEquals(
        "  vg_dsk_0:" + (6L << 40) + "\n",
        vgFree(dir, "iscsi-target-node1", "vg_dsk_0"),
        "1024G + 2T present (the absent 100G not counted), twice");
    Path quick = tmp.resolve("quick");
    assertEquals(
        ExitCodes.OK,
        sanctl("", "sim", "init", quick.toString(), "-C", QUICKSTART.toString()).status());
    assertEquals("  vg_san:" + (1L << 40) + "\n", vgFree(quick, "san-a", "vg_san"), "at least 1T");
  }

  @Test
  void vgSizeOverridesTheDefaultForEveryGroup() {
    Path dir = tmp.resolve("amherst");
    SimCommandTest.Run r =
        sanctl("", "sim", "init", dir.toString(), "-C", AMHERST.toString(), "--vg-size", "512G");
    assertEquals(ExitCodes.OK, r.status(), r.err());
    assertEquals(
        "  vg_dsk_0:" + (512L << 30) + "\n", vgFree(dir, "iscsi-target-node1", "vg_dsk_0"));
  }

  @Test
  void helpDocumentsTheDefaultFreeSpace() {
    String help = sanctl("", "sim", "init", "--help").out().replaceAll("\\s+", " ");
    assertTrue(help.contains("twice the size of") && help.contains("at least 1T"), help);
  }

  private static String vgFree(Path dir, String node, String vg) {
    return vgs(dir, node, "vg_name,vg_free", vg);
  }

  /** {@code vgs} with {@code fields} in bytes, as a script reads it. */
  private static String vgs(Path dir, String node, String fields, String... vgs) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "sim",
                "run",
                dir.toString(),
                node,
                "--",
                "vgs",
                "--noheadings",
                "--separator",
                ":",
                "--units",
                "b",
                "--nosuffix",
                "-o",
                fields));
    argv.addAll(List.of(vgs));
    return sanctl("", argv.toArray(String[]::new)).out();
  }

  @Test
  void initRefusesInvalidConfigAndUsedDirectories() throws Exception {
    Path bad = tmp.resolve("bad");
    Files.createDirectories(bad);
    Files.writeString(bad.resolve("cluster.yaml"), "apiVersion: sanctl/v1\nnodes: [oops\n");
    SimCommandTest.Run r =
        sanctl("", "sim", "init", tmp.resolve("s1").toString(), "-C", bad.toString());
    assertEquals(ExitCodes.ERROR, r.status());
    assertTrue(r.err().contains("cluster.yaml:"), r.err());
    assertTrue(Files.notExists(tmp.resolve("s1")));

    Path used = tmp.resolve("used");
    Files.createDirectories(used);
    Files.writeString(used.resolve("x"), "x");
    r = sanctl("", "sim", "init", used.toString(), "-C", QUICKSTART.toString());
    assertEquals(ExitCodes.ERROR, r.status());
    assertTrue(r.err().contains("is not empty"), r.err());

    r =
        sanctl(
            "",
            "sim",
            "init",
            tmp.resolve("s2").toString(),
            "-C",
            QUICKSTART.toString(),
            "--vg-size",
            "lots");
    assertEquals(ExitCodes.USAGE, r.status());
    for (String notASize : List.of("8q", " 8G", "0", "8GB", "9999999999P")) {
      r =
          sanctl(
              "",
              "sim",
              "init",
              tmp.resolve("s3").toString(),
              "-C",
              QUICKSTART.toString(),
              "--vg-size",
              notASize);
      assertEquals(ExitCodes.USAGE, r.status(), notASize + " is no size of the desired state");
      assertTrue(r.err().contains("is not a size"), r.err());
    }
  }
}
