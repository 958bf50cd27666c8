package dev.sanctl.sim;

import dev.sanctl.sim.iet.IetParams;
import dev.sanctl.sim.iet.IetRuntime;
import dev.sanctl.sim.iet.IetState;
import dev.sanctl.sim.lvm.Lvm;
import dev.sanctl.sim.lvm.LvmState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the HA resource agent does when a volume group moves: on the old holder its targets are
 * stopped (IET runtime state removed, sessions dropped) and the group deactivated; on the new node
 * the group is activated, its meta volume mounted, and the targets of the meta volume's {@code
 * iet/ietd.conf} started with ietadm semantics (the kernel picks the tids). Each affected node's
 * {@code /etc/iet/ietd.conf}, {@code initiators.allow} and {@code targets.allow} then carry the
 * meta volume copies of the groups it holds ({@link #rebuildConfig}).
 */
final class Failover {
  static final List<String> CONFIG_FILES =
      List.of("ietd.conf", "initiators.allow", "targets.allow");

  private Failover() {}

  static void apply(SimContext ctx, String vgName, String nodeName) throws IOException {
    Topology.VolumeGroup tv = ctx.topology().volumeGroups().get(vgName);
    LvmState.Vg vg = ctx.lvm().vg(vgName);
    if (tv == null || vg == null || tv.files()) {
      throw new IllegalArgumentException(
          "no LVM volume group " + vgName + " in the simulated cluster");
    }
    if (!tv.nodes().contains(nodeName)) {
      throw new IllegalArgumentException(
          "volume group "
              + vgName
              + " cannot move to "
              + nodeName
              + " (nodes: "
              + String.join(", ", tv.nodes())
              + ")");
    }
    List<String> affected = new ArrayList<>(vg.activeOn);
    for (String old : List.copyOf(vg.activeOn)) {
      if (!old.equals(nodeName)) stopTargets(ctx.node(old), vg);
    }
    vg.activeOn.clear();
    vg.activeOn.add(nodeName);
    if (tv.metaMount() != null) vg.metaMountedOn = nodeName;
    if (!affected.contains(nodeName)) affected.add(nodeName);
    SimNode node = ctx.node(nodeName);
    {
      Path conf = ctx.cluster.layout().metaContent(vgName).resolve("iet/ietd.conf");
      if (tv.metaMount() != null && Files.isRegularFile(conf)) {
        startTargets(node, Files.readString(conf, StandardCharsets.UTF_8));
      }
    }
    for (String n : affected) {
      SimNode sn = ctx.node(n);
      if (sn.topology().nodes().get(n).services().contains("iet")) rebuildConfig(sn);
    }
  }

  /** Removes the runtime targets whose LUNs are backed by LVs of {@code vg}. */
  static void stopTargets(SimNode node, LvmState.Vg vg) throws IOException {
    IetState s = node.iet();
    for (IetState.Target t : List.copyOf(s.targets)) {
      boolean ofVg =
          t.luns.stream()
              .anyMatch(
                  l ->
                      l.path != null
                          && (l.path.startsWith("/dev/" + vg.name + "/")
                              || l.path.startsWith(Lvm.dmPath(vg.name, ""))));
      if (ofVg) {
        t.sessions.clear();
        IetRuntime.deleteTarget(node, t.tid);
      }
    }
  }

  /** Starts the targets of an {@code ietd.conf} text as ietd does at start-up. */
  static void startTargets(SimNode node, String conf) throws IOException {
    IetState s = node.iet();
    IetState.Target current = null;
    for (List<String> line : lines(conf)) {
      String key = line.get(0);
      if (key.equalsIgnoreCase("Target")) {
        if (line.size() < 2) continue;
        current = s.target(line.get(1));
        if (current == null && IetRuntime.addTarget(s, 0, line.get(1)) == 0) {
          current = s.target(line.get(1));
        }
        continue;
      }
      if (current == null) continue;
      if (key.equalsIgnoreCase("Lun") && line.size() >= 3) {
        IetRuntime.addLun(node, current.tid(), (int) IetParams.strtol(line.get(1)), line.get(2));
      } else if ((key.equalsIgnoreCase("IncomingUser") || key.equalsIgnoreCase("OutgoingUser"))
          && line.size() >= 3) {
        boolean in = key.equalsIgnoreCase("IncomingUser");
        if (!in) current.accounts.removeIf(a -> !a.incoming());
        current.accounts.add(new IetState.Account(in, line.get(1), line.get(2)));
      } else if (line.size() >= 2) {
        IetParams.Key k = IetParams.find(IetParams.TARGET_KEYS, key);
        if (k == null) k = IetParams.find(IetParams.SESSION_KEYS, key);
        Integer v = k == null ? null : IetParams.parse(k, line.get(1));
        if (v != null) current.params.put(k.name(), v);
      }
    }
  }

  /** ietd.conf lines as tokens: comments skipped, {@code \} continuations joined. */
  static List<List<String>> lines(String conf) {
    List<List<String>> out = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String raw : conf.split("\n", -1)) {
      String l = raw.strip();
      if (l.endsWith("\\")) {
        pending.append(l, 0, l.length() - 1).append(' ');
        continue;
      }
      pending.append(l);
      String full = pending.toString().strip();
      pending.setLength(0);
      if (full.isEmpty() || full.startsWith("#")) continue;
      out.add(List.of(full.split("\\s+")));
    }
    return out;
  }

  /**
   * Rebuilds the node's {@code /etc/iet} files as the HA agent does: what belongs to no volume
   * group's meta copy stays (the global part, targets on file-backed groups, catch-all lines), and
   * the copies of the groups the node holds are spliced in (allow lines before the first {@code
   * ALL} line, so per-target lines still match first).
   */
  static void rebuildConfig(SimNode node) throws IOException {
    Layout layout = node.context().cluster.layout();
    java.util.Set<String> owned = new java.util.HashSet<>();
    for (String vg : node.topology().volumeGroups().keySet()) {
      Path conf = layout.metaContent(vg).resolve("iet/ietd.conf");
      if (Files.isRegularFile(conf)) owned.addAll(targetNames(Files.readString(conf)));
    }
    for (String file : CONFIG_FILES) {
      StringBuilder held = new StringBuilder();
      for (String vg : node.heldVolumeGroups()) {
        Path copy = layout.metaContent(vg).resolve("iet").resolve(file);
        if (Files.isRegularFile(copy)) held.append(Files.readString(copy, StandardCharsets.UTF_8));
      }
      Path target = node.file("/etc/iet/" + file);
      String current = Files.isRegularFile(target) ? Files.readString(target) : "";
      String merged =
          file.equals("ietd.conf")
              ? spliceConf(current, owned, held.toString())
              : spliceAllow(current, owned, held.toString());
      Files.createDirectories(target.getParent());
      Files.writeString(target, merged, StandardCharsets.UTF_8);
    }
  }

  static List<String> targetNames(String conf) {
    List<String> names = new ArrayList<>();
    for (List<String> l : lines(conf)) {
      if (l.get(0).equalsIgnoreCase("Target") && l.size() > 1) names.add(l.get(1));
    }
    return names;
  }

  /** Keeps the global part and the stanzas of targets no group owns, then appends {@code held}. */
  static String spliceConf(String current, java.util.Set<String> owned, String held) {
    StringBuilder out = new StringBuilder();
    boolean keep = true;
    for (String line : current.split("(?<=\n)")) {
      String[] t = line.strip().split("\\s+");
      if (t.length > 1 && t[0].equalsIgnoreCase("Target")) keep = !owned.contains(t[1]);
      if (keep && !line.isEmpty()) out.append(line);
    }
    if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') out.append('\n');
    return out.append(held).toString();
  }

  /** Drops lines of owned targets and inserts {@code held} before the first {@code ALL} line. */
  static String spliceAllow(String current, java.util.Set<String> owned, String held) {
    StringBuilder before = new StringBuilder();
    StringBuilder after = new StringBuilder();
    boolean catchAll = false;
    for (String line : current.split("(?<=\n)")) {
      if (line.isEmpty()) continue;
      String first = line.strip().split("\\s+")[0];
      if (owned.contains(first)) continue;
      if (first.equals("ALL")) catchAll = true;
      (catchAll ? after : before).append(line.endsWith("\n") ? line : line + "\n");
    }
    return before.toString() + held + after;
  }
}
