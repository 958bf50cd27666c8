package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.config.LoadResult;
import dev.sanctl.sim.SimCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: for random valid desired states (HA LVM group with a meta volume, a files group,
 * targets with random initiators) and random pre-existing live state (volumes created by hand, some
 * smaller than desired, unmanaged volumes, targets started by hand with other tids and serials,
 * live sessions, a failover), one apply converges and the next plan is empty.
 */
class ConvergencePropertyTest {
  static final int CASES = Integer.getInteger("sanctl.convergence.cases", 12);

  @TempDir Path tmp;

  static Stream<Long> seeds() {
    return IntStream.range(0, CASES).mapToObj(i -> 0x5A4C0000L + i * 7919L);
  }

  record Vol(String vg, String name, int sizeMib, boolean target, String serial) {}

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void oneApplyConvergesAndTheSecondPlanIsEmpty(long seed) throws Exception {
    Random rnd = new Random(seed);
    List<Vol> vols = new ArrayList<>();
    int n = 1 + rnd.nextInt(6);
    for (int i = 0; i < n; i++) {
      boolean files = rnd.nextInt(4) == 0;
      vols.add(
          new Vol(
              files ? "vg_f" : "vg_r",
              "lv_" + i,
              4 * (1 + rnd.nextInt(64)),
              rnd.nextInt(3) > 0,
              String.format("PROP-%04d-%02d", seed % 10000, i)));
    }
    Path cfg = Files.createDirectories(tmp.resolve("cfg"));
    Files.writeString(cfg.resolve("cluster.yaml"), yaml(vols, rnd));
    LoadResult loaded = ConfigLoader.loadDirectory(cfg);
    assertEquals(List.of(), loaded.errors(), "generated config is valid");

    Path simDir = tmp.resolve("sim");
    SimCluster sim = SimCluster.init(simDir, loaded.state(), 8L << 30);
    seedLiveState(sim, vols, rnd, loaded.state());

    CliRun apply =
        CliRun.of(
            "-C",
            cfg.toString(),
            "--no-color",
            "apply",
            "--sim",
            simDir.toString(),
            "--auto-approve",
            "--allow-disruptive",
            "--state-dir",
            tmp.resolve("state").toString());
    assertEquals(0, apply.exitCode(), "seed " + seed + ":\n" + apply.out() + apply.err());
    CliRun plan =
        CliRun.of(
            "-C",
            cfg.toString(),
            "--no-color",
            "plan",
            "--sim",
            simDir.toString(),
            "--detailed-exitcode",
            "--state-dir",
            tmp.resolve("state").toString());
    assertEquals(0, plan.exitCode(), "seed " + seed + " re-plan:\n" + plan.out() + plan.err());
  }

  private static String yaml(List<Vol> vols, Random rnd) {
    StringBuilder sb = new StringBuilder();
    sb.append("cluster: {name: prop, iqnPrefix: iqn.2026-01.dev.sanctl:prop}\n");
    sb.append("nodes:\n");
    sb.append("  san-a: {address: 192.0.2.11, os: linux, services: [lvm, files, iet]}\n");
    sb.append("  san-b: {address: 192.0.2.12, os: linux, services: [lvm, iet]}\n");
    sb.append("volumeGroups:\n");
    sb.append("  vg_r:\n    nodes: [san-a, san-b]\n");
    sb.append("    metaVolume: {name: lv_meta, size: 64M, mountPoint: /mnt/iscsi-target/vg_r}\n");
    sb.append("    volumes:\n");
    appendVolumes(sb, vols, "vg_r");
    sb.append("  vg_f:\n    type: files\n    path: /srv/sanctl/vg_f\n    nodes: [san-a]\n");
    sb.append("    volumes:\n");
    appendVolumes(sb, vols, "vg_f");
    sb.append(
        "portalGroups:\n  pg:\n    port: 3260\n    portals: {san-a: [10.0.0.1], san-b: [10.0.0.2]}\n");
    sb.append("initiatorGroups:\n  ig_a: [iqn.1994-05.com.redhat:a1, iqn.1994-05.com.redhat:a2]\n");
    sb.append("  ig_b: [iqn.1994-05.com.redhat:b1]\n");
    if (rnd.nextBoolean())
      sb.append("targetDefaults: {io: blockio, options: {InitialR2T: \"No\"}}\n");
    List<Vol> targets = vols.stream().filter(Vol::target).toList();
    if (!targets.isEmpty()) sb.append("targets:\n");
    for (Vol v : targets) {
      String initiators =
          switch (rnd.nextInt(3)) {
            case 0 -> "[ig_a]";
            case 1 -> "[ig_b, iqn.1994-05.com.redhat:c1]";
            default -> "[ig_a, ig_b]";
          };
      sb.append("  - {volume: ")
          .append(v.vg())
          .append('/')
          .append(v.name())
          .append(", serial: ")
          .append(v.serial())
          .append(", portalGroup: pg, initiators: ")
          .append(initiators)
          .append("}\n");
    }
    return sb.toString();
  }

  private static void appendVolumes(StringBuilder sb, List<Vol> vols, String vg) {
    List<Vol> in = vols.stream().filter(v -> v.vg().equals(vg)).toList();
    if (in.isEmpty()) {
      sb.setLength(sb.length() - "    volumes:\n".length());
      sb.append("    volumes: {}\n");
      return;
    }
    for (Vol v : in) {
      sb.append("      ").append(v.name()).append(": {size: ").append(v.sizeMib()).append("M}\n");
    }
  }

  private static String iqn(Vol v) {
    return ("iqn.2026-01.dev.sanctl:prop.pg." + v.vg() + "." + v.name()).replace('_', '-');
  }

  private static void run(SimCluster sim, String node, String... argv) throws Exception {
    sim.run(node, argv);
  }

  /** Random live state an operator could have left; every step is something real tools allow. */
  private static void seedLiveState(
      SimCluster sim, List<Vol> vols, Random rnd, dev.sanctl.spi.model.DesiredState d)
      throws Exception {
    int tid = 10 + rnd.nextInt(5);
    for (Vol v : vols) {
      if (!v.vg().equals("vg_r") || rnd.nextInt(3) == 0) continue;
      int size = 4 * (1 + rnd.nextInt(v.sizeMib() / 4));
      run(sim, "san-a", "lvcreate", "-L", size + "m", "-n", v.name(), "vg_r");
      if (v.target() && rnd.nextBoolean()) {
        String serial = rnd.nextBoolean() ? v.serial() : "HAND-" + tid;
        run(sim, "san-a", "ietadm", "--op", "new", "--tid=" + tid, "--params", "Name=" + iqn(v));
        run(
            sim,
            "san-a",
            "ietadm",
            "--op",
            "new",
            "--tid=" + tid,
            "--lun=0",
            "--params",
            "Path=/dev/vg_r/" + v.name() + ",Type=blockio,ScsiId=" + serial + ",ScsiSN=" + serial);
        if (rnd.nextBoolean()) {
          sim.addSession("san-a", iqn(v), "iqn.1994-05.com.redhat:a1", "10.9.0.1");
        }
        tid += 1 + rnd.nextInt(3);
      }
    }
    if (rnd.nextInt(4) == 0)
      run(sim, "san-a", "lvcreate", "-L", "8m", "-n", "lv_unmanaged", "vg_r");
    if (rnd.nextInt(4) == 0) sim.failover("vg_r", "san-b");
  }
}
