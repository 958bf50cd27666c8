package dev.sanctl.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a simulated cluster is made of, fixed by {@code sim init}: its nodes, its volume groups
 * (with the nodes that see them and the meta volume), and its ZFS pools with the node each is
 * imported on (the only mutable part). Stored in {@code DIR/cluster.state}.
 */
public final class Topology {
  /** A simulated node. */
  public record Node(String name, String os, List<String> services) {}

  /**
   * A volume group as the simulator knows it.
   *
   * @param path the directory of a {@code type: files} group, else null
   * @param metaLv the meta volume's LV name, or null
   * @param metaMount where the meta volume is mounted on the holding node, or null
   */
  public record VolumeGroup(
      String name,
      boolean files,
      String path,
      List<String> nodes,
      String metaLv,
      String metaMount) {}

  final Map<String, Node> nodes = new LinkedHashMap<>();
  final Map<String, VolumeGroup> volumeGroups = new LinkedHashMap<>();
  final Map<String, List<String>> poolNodes = new LinkedHashMap<>();
  final Map<String, String> poolImportedOn = new LinkedHashMap<>();

  public Map<String, Node> nodes() {
    return nodes;
  }

  public Map<String, VolumeGroup> volumeGroups() {
    return volumeGroups;
  }

  /** Pools and the nodes that can import them. */
  public Map<String, List<String>> pools() {
    return poolNodes;
  }

  /** The node the pool is imported on, or null. */
  public String poolImportedOn(String pool) {
    return poolImportedOn.get(pool);
  }

  static Topology load(Path file) throws IOException {
    Topology t = new Topology();
    for (List<String> r : StateFile.read(file)) {
      switch (r.get(0)) {
        case "node" -> t.nodes.put(r.get(1), new Node(r.get(1), r.get(2), split(r.get(3))));
        case "vg" ->
            t.volumeGroups.put(
                r.get(1),
                new VolumeGroup(
                    r.get(1),
                    "files".equals(r.get(2)),
                    emptyToNull(r.get(3)),
                    split(r.get(4)),
                    emptyToNull(r.get(5)),
                    emptyToNull(r.get(6))));
        case "pool" -> {
          t.poolNodes.put(r.get(1), split(r.get(2)));
          if (!r.get(3).isEmpty()) t.poolImportedOn.put(r.get(1), r.get(3));
        }
        default -> throw new IOException(file + ": unknown record " + r.get(0));
      }
    }
    return t;
  }

  void save(Path file) throws IOException {
    List<List<String>> out = new ArrayList<>();
    for (Node n : nodes.values()) {
      out.add(StateFile.record("node", n.name(), n.os(), String.join(",", n.services())));
    }
    for (VolumeGroup v : volumeGroups.values()) {
      out.add(
          StateFile.record(
              "vg",
              v.name(),
              v.files() ? "files" : "lvm",
              v.path(),
              String.join(",", v.nodes()),
              v.metaLv(),
              v.metaMount()));
    }
    for (var p : poolNodes.entrySet()) {
      out.add(
          StateFile.record(
              "pool", p.getKey(), String.join(",", p.getValue()), poolImportedOn.get(p.getKey())));
    }
    StateFile.write(file, out);
  }

  private static List<String> split(String s) {
    return s.isEmpty() ? List.of() : Arrays.asList(s.split(","));
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }
}
