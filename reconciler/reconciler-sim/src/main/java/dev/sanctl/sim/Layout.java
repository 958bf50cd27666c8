package dev.sanctl.sim;

import java.nio.file.Path;

/**
 * Where a simulated cluster keeps its state under {@code DIR}: {@code cluster.state}; the shared
 * storage in {@code _san/} (LVM metadata, sparse LV files, meta volume contents); and per node
 * {@code <node>/fs/} (its filesystem), {@code iet.state}, {@code ddmap/}, {@code faults.state} and
 * {@code tools/<tool>/} for pluggable tools.
 */
public record Layout(Path dir) {
  Path topology() {
    return dir.resolve("cluster.state");
  }

  Path lock() {
    return dir.resolve(".lock");
  }

  Path lvm() {
    return dir.resolve("_san/lvm.state");
  }

  public Path lvData(String vg, String lv) {
    return dir.resolve("_san/lv").resolve(vg).resolve(lv + ".img");
  }

  Path metaContent(String vg) {
    return dir.resolve("_san/meta").resolve(vg);
  }

  /** The files of a ZFS pool's filesystems (mounted under {@code /<pool>} where it is imported). */
  Path poolContent(String pool) {
    return dir.resolve("_san/zpool").resolve(pool);
  }

  Path node(String node) {
    return dir.resolve(node);
  }

  Path fs(String node) {
    return node(node).resolve("fs");
  }

  Path iet(String node) {
    return node(node).resolve("iet.state");
  }

  public Path ddmap(String node, String name) {
    return node(node).resolve("ddmap").resolve(name);
  }

  Path faults(String node) {
    return node(node).resolve("faults.state");
  }

  Path flags(String node) {
    return node(node).resolve("flags.state");
  }

  Path toolState(String node, String tool) {
    return node(node).resolve("tools").resolve(tool);
  }
}
