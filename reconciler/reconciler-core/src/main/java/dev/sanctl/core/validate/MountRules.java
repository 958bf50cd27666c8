package dev.sanctl.core.validate;

import dev.sanctl.core.config.YamlPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Directories sanctl writes to or mounts: a meta volume's {@code mountPoint} (the IET copies go to
 * {@code <mountPoint>/iet/}, backup change maps to {@code <mountPoint>/ddmap/}), a files group's
 * {@code path} and a ZFS filesystem's {@code mountpoint}. Compared after normalisation ({@code //},
 * {@code .}, {@code ..}, a trailing {@code /}), none may be a system directory (or lie in {@code
 * /etc}, {@code /proc}, ...), and no two that can be on the same node may be the same directory,
 * nor one inside the other (except ZFS filesystems, which nest by design): the plan would hold two
 * changes of one file (the engine refuses a plan whose changes share an address), or one mount
 * would hide the other.
 */
final class MountRules {
  /** Directories of the operating system (Linux FHS and illumos) nothing may be mounted over. */
  static final Set<String> SYSTEM =
      Set.of(
          "/",
          "/bin",
          "/boot",
          "/dev",
          "/etc",
          "/export",
          "/home",
          "/kernel",
          "/lib",
          "/lib32",
          "/lib64",
          "/libx32",
          "/media",
          "/mnt",
          "/opt",
          "/platform",
          "/proc",
          "/root",
          "/rpool",
          "/run",
          "/sbin",
          "/srv",
          "/sys",
          "/system",
          "/tmp",
          "/usr",
          "/usr/bin",
          "/usr/lib",
          "/usr/local",
          "/usr/sbin",
          "/usr/share",
          "/var",
          "/var/cache",
          "/var/lib",
          "/var/log",
          "/var/run",
          "/var/spool",
          "/var/tmp");

  /** Directories whose contents belong to the system: nothing of sanctl's may live inside. */
  static final List<String> SYSTEM_TREES =
      List.of("/boot", "/dev", "/etc", "/proc", "/sys", "/system", "/kernel", "/platform");

  private record Dir(String path, String what, YamlPath at, Set<String> nodes) {
    /** ZFS filesystems nest by design: a child is mounted inside its parent. */
    boolean zfs() {
      return what.startsWith("the mountpoint of filesystem ");
    }
  }

  private final RuleContext c;
  private final List<Dir> dirs = new ArrayList<>();

  MountRules(RuleContext c) {
    this.c = c;
  }

  void check() {
    volumeGroups();
    datasets();
    for (int i = 0; i < dirs.size(); i++) {
      Dir d = dirs.get(i);
      if (system(d)) continue;
      for (int j = 0; j < i; j++) {
        Dir first = dirs.get(j);
        if (!shareANode(d, first)) continue;
        if (d.path.equals(first.path)) {
          c.error(
              c.valueOf(d.at),
              d.what + " " + d.path + " is also " + first.what + " (" + c.valueOf(first.at) + ")",
              "give each its own directory");
          break;
        }
        if (d.zfs() && first.zfs()) continue;
        Dir outer = inside(d.path, first.path) ? first : inside(first.path, d.path) ? d : null;
        if (outer != null) {
          Dir inner = outer == d ? first : d;
          c.error(
              c.valueOf(d.at),
              inner.what
                  + " "
                  + inner.path
                  + " lies inside "
                  + outer.what
                  + " "
                  + outer.path
                  + " ("
                  + c.valueOf((d == inner ? first : d).at)
                  + "); one would hide or overwrite the other",
              "give each a directory of its own, outside the other");
          break;
        }
      }
    }
  }

  private void volumeGroups() {
    for (String vg : RuleContext.names(c.root.path("volumeGroups"))) {
      YamlPath p = YamlPath.of("volumeGroups", vg);
      JsonNode g = c.at(p);
      Set<String> nodes = strings(g.path("nodes"));
      boolean files = "files".equals(g.path("type").asString("lvm"));
      if (files && g.path("path").isString()) {
        add(p.key("path"), "the path of files group '" + vg + "'", nodes);
      }
      if (g.path("metaVolume").path("mountPoint").isString()) { // IET copies, backup ddmaps
        add(
            p.key("metaVolume").key("mountPoint"),
            "the mount point of the meta volume of volume group '" + vg + "'",
            nodes);
      }
    }
  }

  /** Mount points of declared filesystems: explicit, inherited from a declared parent, or /name. */
  private void datasets() {
    for (String pool : RuleContext.names(c.root.path("pools"))) {
      YamlPath p = YamlPath.of("pools", pool);
      Set<String> nodes = strings(c.at(p).path("nodes"));
      JsonNode declared = c.at(p.key("datasets"));
      for (String ds : RuleContext.names(declared)) {
        JsonNode mp = declared.path(ds).path("properties").path("mountpoint");
        if (!mp.isString()) continue;
        String v = mp.stringValue();
        if (v.equals("none") || v.equals("legacy") || !v.startsWith("/")) continue;
        add(
            p.key("datasets").key(ds).key("properties").key("mountpoint"),
            "the mountpoint of filesystem " + ds,
            nodes);
        String base = normalize(v);
        for (String child : RuleContext.names(declared)) {
          if (!child.startsWith(ds + "/")) continue;
          if (declared.path(child).path("properties").has("mountpoint")) continue;
          if (hasDeclaredMountBetween(declared, ds, child)) continue;
          // a child inherits <parent mountpoint>/<rest of its name>: compared as the parent's
          String inherited = (base.equals("/") ? "" : base) + child.substring(ds.length());
          dirs.add(
              new Dir(
                  inherited,
                  "the mountpoint of filesystem " + child + " (inherited from " + ds + ")",
                  p.key("datasets").key(ds).key("properties").key("mountpoint"),
                  nodes));
        }
      }
    }
  }

  private static boolean hasDeclaredMountBetween(JsonNode declared, String ds, String child) {
    for (String mid : RuleContext.names(declared)) {
      if (mid.startsWith(ds + "/")
          && child.startsWith(mid + "/")
          && declared.path(mid).path("properties").has("mountpoint")) {
        return true;
      }
    }
    return false;
  }

  private void add(YamlPath at, String what, Set<String> nodes) {
    dirs.add(new Dir(normalize(c.at(at).stringValue()), what, at, nodes));
  }

  private boolean system(Dir d) {
    if (d.what.contains("(inherited from ")) return false;
    String tree = SYSTEM_TREES.stream().filter(t -> inside(d.path, t)).findFirst().orElse(null);
    if (!SYSTEM.contains(d.path) && tree == null) return false;
    c.error(
        c.valueOf(d.at),
        d.what
            + " is "
            + (tree == null ? "the system directory " + d.path : d.path + ", inside " + tree)
            + ", which belongs to the operating system",
        "use a directory of its own, e.g. /srv/sanctl/<name> or /mnt/<name>");
    return true;
  }

  private static boolean shareANode(Dir a, Dir b) {
    Set<String> both = new HashSet<>(a.nodes);
    both.retainAll(b.nodes);
    return !both.isEmpty();
  }

  /** Whether {@code path} lies strictly inside directory {@code dir}. */
  static boolean inside(String path, String dir) {
    return !path.equals(dir) && path.startsWith(dir.equals("/") ? "/" : dir + "/");
  }

  /** An absolute path without empty, {@code .} and {@code ..} components or a trailing slash. */
  static String normalize(String path) {
    List<String> parts = new ArrayList<>();
    for (String s : path.split("/")) {
      if (s.isEmpty() || s.equals(".")) continue;
      if (s.equals("..")) {
        if (!parts.isEmpty()) parts.remove(parts.size() - 1);
      } else {
        parts.add(s);
      }
    }
    return "/" + String.join("/", parts);
  }

  private static Set<String> strings(JsonNode list) {
    Map<String, Boolean> out = new LinkedHashMap<>();
    for (JsonNode n : list) if (n.isString()) out.put(n.stringValue(), true);
    return out.keySet();
  }
}
