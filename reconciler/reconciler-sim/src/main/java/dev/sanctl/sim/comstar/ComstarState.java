package dev.sanctl.sim.comstar;

import dev.sanctl.sim.SimNode;
import dev.sanctl.sim.StateFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The COMSTAR runtime state of one simulated illumos node (kernel state, so per node): sbd logical
 * units with their view entries, host and target groups, iSCSI targets and target portal groups.
 * Stored in the node's {@code tools/comstar/state}.
 */
public final class ComstarState {
  /** A logical unit; {@code guid} is 32 uppercase hex digits. */
  public static final class Lu {
    final String guid;
    final String dataFile;
    long size;
    int blockSize = 512;
    String serial;
    String alias;
    final TreeMap<Integer, View> views = new TreeMap<>();

    Lu(String guid, String dataFile) {
      this.guid = guid;
      this.dataFile = dataFile;
    }
  }

  /** A view entry: host group and target group ({@code null}: All) and LUN. */
  public record View(String hostGroup, String targetGroup, int lun) {}

  /** An iSCSI target with its TPG names and operational state. */
  public static final class Target {
    final String iqn;
    String alias;
    List<String> tpgs = new ArrayList<>();
    boolean online = true;

    Target(String iqn) {
      this.iqn = iqn;
    }
  }

  final Map<String, Lu> lus = new LinkedHashMap<>();
  final Map<String, List<String>> hostGroups = new LinkedHashMap<>();
  final Map<String, List<String>> targetGroups = new LinkedHashMap<>();
  final Map<String, Target> targets = new LinkedHashMap<>();
  final Map<String, List<String>> tpgs = new LinkedHashMap<>();
  final Map<String, Integer> tpgTags = new LinkedHashMap<>();

  private static Path file(SimNode node) throws IOException {
    return node.toolState("comstar").resolve("state");
  }

  /** Loads the node's state. */
  public static ComstarState load(SimNode node) throws IOException {
    ComstarState s = new ComstarState();
    for (List<String> r : StateFile.read(file(node))) {
      switch (r.get(0)) {
        case "lu" -> {
          Lu lu = new Lu(r.get(1), r.get(2));
          lu.size = Long.parseLong(r.get(3));
          lu.blockSize = Integer.parseInt(r.get(4));
          lu.serial = r.get(5).isEmpty() ? null : r.get(5);
          lu.alias = r.get(6).isEmpty() ? null : r.get(6);
          s.lus.put(lu.guid, lu);
        }
        case "view" ->
            s.lus
                .get(r.get(1))
                .views
                .put(
                    Integer.parseInt(r.get(2)),
                    new View(
                        nullIfEmpty(r.get(3)), nullIfEmpty(r.get(4)), Integer.parseInt(r.get(5))));
        case "hg" -> s.hostGroups.put(r.get(1), split(r.get(2)));
        case "tg" -> s.targetGroups.put(r.get(1), split(r.get(2)));
        case "target" -> {
          Target t = new Target(r.get(1));
          t.alias = nullIfEmpty(r.get(2));
          t.tpgs = split(r.get(3));
          t.online = Boolean.parseBoolean(r.get(4));
          s.targets.put(t.iqn, t);
        }
        case "tpg" -> {
          s.tpgs.put(r.get(1), split(r.get(2)));
          s.tpgTags.put(r.get(1), Integer.parseInt(r.get(3)));
        }
        default -> throw new IOException("unknown comstar state record " + r.get(0));
      }
    }
    return s;
  }

  /** Saves the node's state. */
  public void save(SimNode node) throws IOException {
    List<List<String>> out = new ArrayList<>();
    for (Lu lu : lus.values()) {
      out.add(
          StateFile.record("lu", lu.guid, lu.dataFile, lu.size, lu.blockSize, lu.serial, lu.alias));
      lu.views.forEach(
          (ve, v) ->
              out.add(
                  StateFile.record("view", lu.guid, ve, v.hostGroup(), v.targetGroup(), v.lun())));
    }
    hostGroups.forEach((n, m) -> out.add(StateFile.record("hg", n, String.join(",", m))));
    targetGroups.forEach((n, m) -> out.add(StateFile.record("tg", n, String.join(",", m))));
    for (Target t : targets.values()) {
      out.add(StateFile.record("target", t.iqn, t.alias, String.join(",", t.tpgs), t.online));
    }
    tpgs.forEach(
        (n, p) -> out.add(StateFile.record("tpg", n, String.join(",", p), tpgTags.get(n))));
    StateFile.write(file(node), out);
  }

  /** The view entries of the LU with {@code guid} (any case), for tests. */
  public Map<Integer, View> views(String guid) {
    Lu lu = lus.get(guid.toUpperCase(java.util.Locale.ROOT));
    return lu == null ? Map.of() : lu.views;
  }

  /** Whether a LU with {@code guid} (any case) exists. */
  public boolean hasLu(String guid) {
    return lus.containsKey(guid.toUpperCase(java.util.Locale.ROOT));
  }

  /** The next TPG tag: the lowest free tag from 2. */
  int nextTag() {
    int tag = 2;
    while (tpgTags.containsValue(tag)) tag++;
    return tag;
  }

  private static String nullIfEmpty(String s) {
    return s.isEmpty() ? null : s;
  }

  private static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    if (!s.isEmpty()) for (String x : s.split(",")) out.add(x);
    return out;
  }
}
