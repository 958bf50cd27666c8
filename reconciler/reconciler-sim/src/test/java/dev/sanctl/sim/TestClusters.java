package dev.sanctl.sim;

import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.NodeSpec;
import dev.sanctl.spi.model.Pool;
import dev.sanctl.spi.model.VolumeGroup;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Desired states and simulated clusters for tests. */
public final class TestClusters {
  static final long GIB = 1L << 30;
  static final long MIB = 1L << 20;
  public static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T11:38:18Z"), ZoneOffset.UTC);

  private TestClusters() {}

  static NodeSpec node(String name, String... services) {
    return nodeOn(name, name + ".example.edu", "linux", services);
  }

  /** A node at {@code address} running {@code os}, with {@code services} and nothing else set. */
  public static NodeSpec nodeOn(String name, String address, String os, String... services) {
    return new NodeSpec(
        name, address, os, List.of(services), null, null, null, null, null, null, null);
  }

  /** Pool {@code name} on {@code node}: no properties, no volume defaults. */
  public static Pool pool(String name, String node) {
    return new Pool(
        name, List.of(node), Map.of(), Map.of(), Pool.VolumeDefaults.NONE, null, null, null);
  }

  /** A desired state of only {@code nodes}, {@code vgs} and {@code pools}. */
  public static DesiredState state(
      Map<String, NodeSpec> nodes, Map<String, VolumeGroup> vgs, Map<String, Pool> pools) {
    return new DesiredState(
        null, nodes, null, null, null, vgs, Map.of(), Map.of(), null, null, List.of(), pools,
        Map.of(), null, Map.of(), null);
  }

  /**
   * An Amherst-style HA pair {@code san1} (also running tgt)/{@code san2} holding {@code vg0} (meta
   * volume {@code lv_meta}, 8 MiB, mounted at {@code /mnt/iscsi-target/vg0}), a file-backed group
   * on {@code san1}, and an archive host {@code arch1} with pool {@code tank}.
   */
  public static DesiredState amherst() {
    Map<String, NodeSpec> nodes = new LinkedHashMap<>();
    nodes.put("san1", node("san1", "lvm", "iet", "tgt")); // tgt too, for TgtadmToolTest
    nodes.put("san2", node("san2", "lvm", "iet"));
    nodes.put("arch1", node("arch1", "zfs"));
    Map<String, VolumeGroup> vgs = new LinkedHashMap<>();
    vgs.put(
        "vg0",
        new VolumeGroup(
            "vg0",
            VolumeGroup.Type.LVM,
            null,
            List.of("san1", "san2"),
            new VolumeGroup.MetaVolume("lv_meta", 8 * MIB, "/mnt/iscsi-target/vg0", null),
            Map.of(),
            null));
    vgs.put(
        "vg_files",
        new VolumeGroup(
            "vg_files",
            VolumeGroup.Type.FILES,
            "/srv/sanctl/vg_files",
            List.of("san1"),
            null,
            Map.of(),
            null));
    Map<String, Pool> pools = new LinkedHashMap<>();
    pools.put("tank", pool("tank", "arch1"));
    return state(nodes, vgs, pools);
  }

  public static SimCluster amherst(Path dir) throws IOException {
    return SimCluster.init(dir, amherst(), 100 * GIB, CLOCK);
  }

  /** The amherst cluster in {@code dir} with san1 running lvm and tgt only (no iet). */
  static SimCluster amherstWithTgtOnSan1(Path dir) throws IOException {
    DesiredState base = amherst();
    Map<String, NodeSpec> nodes = new LinkedHashMap<>(base.nodes());
    nodes.put("san1", node("san1", "lvm", "tgt"));
    return SimCluster.init(dir, base.withNodes(nodes), 100 * GIB, CLOCK);
  }

  /** The words of a test command line (test arguments contain no spaces). */
  static String[] argv(String line) {
    return line.split(" ");
  }

  /** Runs a command line on a node. */
  public static dev.sanctl.spi.host.CommandResult sh(SimCluster c, String node, String line)
      throws IOException {
    return c.run(node, argv(line));
  }

  /** Creates target {@code tid} named {@code iqn} with LUN 0 from {@code lunParams}. */
  public static void serve(SimCluster c, String node, int tid, String iqn, String lunParams)
      throws IOException {
    for (String line :
        List.of(
            "ietadm --op new --tid=" + tid + " --params Name=" + iqn,
            "ietadm --op new --tid=" + tid + " --lun=0 --params " + lunParams)) {
      var r = sh(c, node, line);
      if (r.exitStatus() != 0) throw new AssertionError(line + ": " + r.err());
    }
  }

  /** {@code lvs} or {@code vgs} in bytes, one {@code :}-separated row per line. */
  public static String report(
      SimCluster c, String node, String tool, String fields, String... names) throws IOException {
    String line = tool + " --noheadings --separator : --units b --nosuffix -o " + fields;
    for (String n : names) line += " " + n;
    return sh(c, node, line).out();
  }
}
