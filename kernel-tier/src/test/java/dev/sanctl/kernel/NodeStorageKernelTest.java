package dev.sanctl.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code lvm} and {@code files} providers against the real kernel and tools: one guest ({@code
 * san1}, one 1 GiB virtio disk holding the volume group {@code vg_k}) is a node of a config
 * repository, reached over SSH with its pinned host key, and driven only through the CLI ({@code
 * validate}, {@code plan}, {@code apply}, {@code drift}); what happened is read back with the real
 * {@code lvs}/{@code stat} in the guest. The lvm methods depend on each other's order (create,
 * grow, refused shrink, snapshot, drift); the files methods have their own config repository.
 */
@ExtendWith(GuestLogsExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeStorageKernelTest {
  static final Path WORK =
      Path.of("target", "kernel-tier", "NodeStorageKernelTest").toAbsolutePath();
  static final long MIB = 1L << 20;
  static Guest san1;

  @BeforeAll
  static void boot() throws Exception {
    DebianKernel.deleteTree(WORK);
    san1 =
        Guest.boot(
            GuestSpec.builder("san1").disk(GuestDisk.of(WORK.resolve("vda.img"), 1L << 30)).build(),
            WORK.resolve("san1"));
    san1.check("pvcreate", "-y", "/dev/vda");
    san1.check("vgcreate", "vg_k", "/dev/vda");
  }

  @AfterAll
  static void close() {
    if (san1 != null) san1.close();
  }

  // ------------------------------------------------------------------------------------- lvm

  static final Map<String, String> LVS = new TreeMap<>();

  static Path lvmConfig() throws Exception {
    String volumes =
        LVS.entrySet().stream()
            .map(e -> e.getKey() + ": {size: " + e.getValue() + "}")
            .collect(Collectors.joining(", "));
    return config("lvm", "lvm", "  vg_k:\n    nodes: [san1]\n    volumes: {" + volumes + "}\n");
  }

  @Test
  @Order(1)
  @Tag("lvm")
  void volumesAreCreatedWithLvm2sExtentRoundingAndTheNextPlanIsEmpty() throws Exception {
    LVS.put("lv_a", "64M");
    LVS.put("lv_b", "10M"); // lvm2 rounds up to 12M (4 MiB extents)
    Path cfg = lvmConfig();
    SanctlCli validate = SanctlCli.run(cfg, "validate");
    assertEquals(0, validate.exitCode(), validate::toString);
    SanctlCli plan = SanctlCli.run(cfg, "plan", "--detailed-exitcode");
    assertEquals(2, plan.exitCode(), plan::toString);
    assertTrue(plan.out().contains("lvcreate -L 67108864b -n lv_a vg_k"), plan::toString);
    applyConverges(cfg);
    assertEquals(Map.of("lv_a", 64 * MIB, "lv_b", 12 * MIB), lvSizes());
  }

  @Test
  @Order(2)
  @Tag("lvm")
  void aVolumeGrows() throws Exception {
    LVS.put("lv_a", "96M");
    Path cfg = lvmConfig();
    SanctlCli plan = SanctlCli.run(cfg, "plan", "--detailed-exitcode");
    assertEquals(2, plan.exitCode(), plan::toString);
    assertTrue(plan.out().contains("lvextend -L 100663296b vg_k/lv_a"), plan::toString);
    applyConverges(cfg);
    assertEquals(Map.of("lv_a", 96 * MIB, "lv_b", 12 * MIB), lvSizes());
  }

  @Test
  @Order(3)
  @Tag("lvm")
  void aShrinkIsAPlanErrorAndApplyChangesNothing() throws Exception {
    LVS.put("lv_a", "32M");
    Path cfg = lvmConfig();
    SanctlCli plan = SanctlCli.run(cfg, "plan", "--detailed-exitcode");
    assertEquals(1, plan.exitCode(), plan::toString);
    assertTrue(plan.toString().contains("volumes never shrink: vg_k/lv_a"), plan::toString);
    SanctlCli apply = SanctlCli.run(cfg, "apply", "--auto-approve");
    assertEquals(1, apply.exitCode(), apply::toString);
    assertEquals(Map.of("lv_a", 96 * MIB, "lv_b", 12 * MIB), lvSizes());
    LVS.put("lv_a", "96M");
  }

  @Test
  @Order(4)
  @Tag("lvm")
  void aClassicSnapshotIsLeftAloneAndItsActiveOriginIsNotGrownUntilItIsGone() throws Exception {
    Path cfg = lvmConfig();
    san1.check("lvcreate", "-y", "-s", "-L", "16M", "-n", "lv_a_snap", "vg_k/lv_a");
    SanctlCli plan = SanctlCli.run(cfg, "plan", "--detailed-exitcode");
    assertEquals(0, plan.exitCode(), plan::toString);
    assertFalse(plan.out().contains("lv_a_snap"), plan::toString);
    // lvm2 resizes a snapshot origin only while inactive: a plan error, not a failed apply
    LVS.put("lv_a", "128M");
    cfg = lvmConfig();
    SanctlCli grow = SanctlCli.run(cfg, "plan", "--detailed-exitcode");
    assertEquals(1, grow.exitCode(), grow::toString);
    assertTrue(
        grow.toString()
            .contains(
                "cannot grow vg_k/lv_a to 128M: it is the origin of classic"
                    + " snapshot(s) lv_a_snap"),
        grow::toString);
    assertEquals(1, SanctlCli.run(cfg, "apply", "--auto-approve").exitCode());
    assertEquals(Map.of("lv_a", 96 * MIB, "lv_a_snap", 16 * MIB, "lv_b", 12 * MIB), lvSizes());
    san1.check("lvremove", "-y", "vg_k/lv_a_snap");
    applyConverges(cfg);
    assertEquals(Map.of("lv_a", 128 * MIB, "lv_b", 12 * MIB), lvSizes());
  }

  @Test
  @Order(5)
  @Tag("lvm")
  void aVolumeGrownByHandIsDriftAndAnUndeclaredOneIsUnmanagedNeverRemoved() throws Exception {
    Path cfg = lvmConfig();
    san1.check("lvextend", "-L", "+8M", "vg_k/lv_b");
    san1.check("lvcreate", "-y", "-L", "8M", "-n", "lv_manual", "vg_k");
    SanctlCli drift = SanctlCli.run(cfg, "drift");
    assertEquals(2, drift.exitCode(), drift::toString);
    assertTrue(drift.toString().contains("lv_b"), drift::toString);
    SanctlCli plan = SanctlCli.run(cfg, "plan", "--detailed-exitcode");
    assertTrue(plan.toString().contains("lv_manual"), plan::toString);
    // the desired state catches up with the hand-grown volume: no drift, nothing destroyed
    LVS.put("lv_b", "20M");
    cfg = lvmConfig();
    SanctlCli apply = SanctlCli.run(cfg, "apply", "--auto-approve");
    assertEquals(0, apply.exitCode(), apply::toString);
    SanctlCli clean = SanctlCli.run(cfg, "drift");
    assertFalse(clean.toString().contains("lv_b"), clean::toString);
    assertEquals(Map.of("lv_a", 128 * MIB, "lv_b", 20 * MIB, "lv_manual", 8 * MIB), lvSizes());
  }

  static Map<String, Long> lvSizes() {
    String out =
        san1.check(
            "lvs", "--noheadings", "--units", "b", "--nosuffix", "-o", "lv_name,lv_size", "vg_k");
    return out.lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .map(l -> l.split("\\s+"))
        .collect(Collectors.toMap(w -> w[0], w -> Long.parseLong(w[1]), (a, b) -> a, TreeMap::new));
  }

  // ----------------------------------------------------------------------------------- files

  static final String FILES_DIR = "/srv/sanctl/vg_files";

  static Path filesConfig(String f1, String f2) throws Exception {
    return config(
        "files",
        "files",
        "  vg_files:\n    type: files\n    path: "
            + FILES_DIR
            + "\n    nodes: [san1]\n    volumes: {f1: {size: "
            + f1
            + "}, f2: {size: "
            + f2
            + "}}\n");
  }

  @Test
  @Order(10)
  @Tag("files")
  void sparseFilesAreCreatedGrownNeverShrunkAndHandGrowthIsDrift() throws Exception {
    Path cfg = filesConfig("16M", "1G");
    SanctlCli plan = SanctlCli.run(cfg, "plan", "--detailed-exitcode");
    assertEquals(2, plan.exitCode(), plan::toString);
    assertTrue(plan.out().contains("mkdir -p -- " + FILES_DIR), plan::toString);
    applyConverges(cfg);
    assertEquals("16777216 regular file\n1073741824 regular file\n", fileSizes());
    assertEquals(
        "0",
        san1.check("du", "-s", "--block-size=1", FILES_DIR + "/f2.img").split("\\s")[0],
        "the file is sparse");

    cfg = filesConfig("32M", "1G");
    applyConverges(cfg);
    assertEquals("33554432 regular file\n1073741824 regular file\n", fileSizes());

    cfg = filesConfig("8M", "1G");
    SanctlCli shrink = SanctlCli.run(cfg, "plan", "--detailed-exitcode");
    assertEquals(1, shrink.exitCode(), shrink::toString);
    assertEquals(1, SanctlCli.run(cfg, "apply", "--auto-approve").exitCode());
    assertEquals("33554432 regular file\n1073741824 regular file\n", fileSizes());

    cfg = filesConfig("32M", "1G");
    san1.check("truncate", "-s", "48M", FILES_DIR + "/f1.img");
    SanctlCli drift = SanctlCli.run(cfg, "drift");
    assertEquals(2, drift.exitCode(), drift::toString);
    assertTrue(drift.toString().contains("f1"), drift::toString);
  }

  static String fileSizes() {
    return san1.check("stat", "-c", "%s %F", FILES_DIR + "/f1.img", FILES_DIR + "/f2.img");
  }

  // ---------------------------------------------------------------------------------- shared

  /** Plans, applies and checks that the plan after the apply is empty. */
  static void applyConverges(Path cfg) {
    SanctlCli apply = SanctlCli.run(cfg, "apply", "--auto-approve");
    assertEquals(0, apply.exitCode(), apply::toString);
    SanctlCli after = SanctlCli.run(cfg, "plan", "--detailed-exitcode");
    assertEquals(0, after.exitCode(), after::toString);
  }

  static Path config(String name, String services, String volumeGroups) throws Exception {
    Path dir = Files.createDirectories(WORK.resolve("config-" + name));
    Files.writeString(
        dir.resolve("cluster.yaml"),
        String.join(
            "\n",
            "apiVersion: sanctl/v1",
            "cluster: {name: kernel-tier, iqnPrefix: iqn.2026-12.dev.sanctl:kt}",
            // an SSH handshake with a TCG guest on a busy machine takes longer than the default 10s
            "transport: {connectTimeout: 180s, commandTimeout: 10m}",
            "nodes:",
            "  san1: " + san1.nodeYaml(Arrays.stream(services.split(",")).toArray(String[]::new)),
            "volumeGroups:",
            volumeGroups));
    return dir;
  }
}
