package dev.sanctl.sim;

import dev.sanctl.sim.iet.IetState;
import dev.sanctl.sim.lvm.LvDevicePath;
import dev.sanctl.sim.lvm.LvmState;
import dev.sanctl.sim.lvm.ThinMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One simulated node as a {@link SimTool} sees it while its command runs. Every command runs under
 * the cluster lock ({@link SimCluster#locked}), so a tool reads and changes state without further
 * locking; state changes are written back when the command ends.
 *
 * <p>Filesystem: {@link #file} maps an absolute path of the node to the real file that backs it
 * ({@code DIR/<node>/fs/...}, or the meta volume's contents under its mount point on the node where
 * it is mounted: the group's holder, set by init and failover); {@link #blockDevice} maps {@code
 * /dev/<vg>/<lv>} to the LV's sparse file on the holding node. Pluggable tools keep their own state
 * in {@link #toolState}.
 */
public final class SimNode {
  /** The directory relative paths are resolved against (the login shell's home). */
  public static final String HOME = "/root";

  private final SimContext ctx;
  private final String name;

  SimNode(SimContext ctx, String name) {
    this.ctx = ctx;
    this.name = name;
  }

  /** The node name from the desired state. */
  public String name() {
    return name;
  }

  public SimCluster cluster() {
    return ctx.cluster;
  }

  /** The simulated wall clock. */
  public Instant now() {
    return ctx.cluster.clock().instant();
  }

  /** {@code path} made absolute (against {@link #HOME}) and normalized, as a string. */
  public static String absolute(String path) {
    return Path.of(HOME).resolve(path).normalize().toString();
  }

  /** The real file backing the absolute (or home-relative) {@code path} of this node. */
  public Path file(String path) throws IOException {
    String abs = absolute(path);
    for (LvmState.Vg vg : ctx.lvm().vgs.values()) {
      if (!name.equals(vg.metaMountedOn)) continue;
      String mount = ctx.topology().volumeGroups().get(vg.name).metaMount();
      if (mount == null) continue;
      if (abs.equals(mount) || abs.startsWith(mount + "/")) {
        Path content = ctx.cluster.layout().metaContent(vg.name);
        return abs.equals(mount) ? content : content.resolve(abs.substring(mount.length() + 1));
      }
    }
    for (Map.Entry<String, String> p : ctx.topology().poolImportedOn.entrySet()) {
      if (!name.equals(p.getValue())) continue;
      String mount = "/" + p.getKey();
      if (abs.equals(mount) || abs.startsWith(mount + "/")) {
        Path content = ctx.cluster.layout().poolContent(p.getKey());
        return abs.equals(mount) ? content : content.resolve(abs.substring(mount.length() + 1));
      }
    }
    Path root = ctx.cluster.layout().fs(name);
    return abs.equals("/") ? root : root.resolve(abs.substring(1));
  }

  /**
   * The sparse file behind a block device path of this node: {@code /dev/<vg>/<lv>} or {@code
   * /dev/mapper/<vg>-<lv>} of an LV whose group is active here, or a device of a registered {@link
   * SimBlockDevices} tool.
   */
  public Optional<Path> blockDevice(String path) throws IOException {
    String abs = absolute(path);
    Optional<VgLv> found = logicalVolume(abs);
    if (found.isPresent()) {
      return Optional.of(ctx.cluster.layout().lvData(found.get().vg().name, found.get().lv().name));
    }
    for (SimBlockDevices d : ctx.cluster.devices()) {
      Optional<Path> p = d.blockDevice(this, abs);
      if (p.isPresent()) return p;
    }
    return Optional.empty();
  }

  /** A logical volume with its group. */
  private record VgLv(LvmState.Vg vg, LvmState.Lv lv) {}

  /** The active LV behind {@code /dev/<vg>/<lv>} or {@code /dev/mapper/<vg>-<lv>} here. */
  private Optional<VgLv> logicalVolume(String abs) throws IOException {
    LvDevicePath p = LvDevicePath.parse(abs);
    if (p == null) return Optional.empty();
    LvmState.Vg vg = ctx.lvm().vg(p.vg());
    if (vg == null || !vg.activeOn.contains(name)) return Optional.empty();
    LvmState.Lv lv = vg.lvs.get(p.lv());
    if (lv == null || lv.inactive || lv.isThinPool()) return Optional.empty();
    return Optional.of(new VgLv(vg, lv));
  }

  /**
   * Bytes {@code [offset, offset+length)} of the block device {@code path} were written: a thin
   * volume maps the blocks it had shared with a snapshot (or never had) to new pool blocks.
   */
  public void written(String path, long offset, long length) throws IOException {
    Optional<VgLv> found = logicalVolume(absolute(path));
    if (found.isEmpty() || !found.get().lv().isThin()) return;
    LvmState.Lv lv = found.get().lv();
    ThinMetadata md = ThinMetadata.load(ctx, found.get().vg().name, lv.pool);
    md.written(lv.thinId, offset, length);
    md.save();
  }

  /** A private directory (created) where the named pluggable tool keeps this node's state. */
  public Path toolState(String tool) throws IOException {
    Path p = ctx.cluster.layout().toolState(name, tool);
    Files.createDirectories(p);
    return p;
  }

  /** The node's operating system from the desired state ({@code linux}, {@code illumos}). */
  public String os() throws IOException {
    return ctx.topology().nodes().get(name).os();
  }

  /** True when the desired state runs the service (provider id) on this node. */
  public boolean hasService(String service) throws IOException {
    return ctx.topology().nodes().get(name).services().contains(service);
  }

  /** True when the volume group is active (held) on this node. */
  public boolean holds(String vg) throws IOException {
    LvmState.Vg v = ctx.lvm().vg(vg);
    return v != null && v.activeOn.contains(name);
  }

  /** The LVM volume groups this node holds, by name. */
  public List<String> heldVolumeGroups() throws IOException {
    List<String> held = new ArrayList<>();
    for (LvmState.Vg v : ctx.lvm().vgs.values()) if (v.activeOn.contains(name)) held.add(v.name);
    return held;
  }

  /** True when the ZFS pool is imported on this node. */
  public boolean importsPool(String pool) throws IOException {
    return name.equals(ctx.topology().poolImportedOn(pool));
  }

  /** Records that the pool is imported here ({@code true}) or exported from here. */
  public void setPoolImported(String pool, boolean imported) throws IOException {
    Topology t = ctx.topology();
    if (imported) t.poolImportedOn.put(pool, name);
    else if (name.equals(t.poolImportedOn.get(pool))) t.poolImportedOn.remove(pool);
  }

  /** The cluster's topology (nodes, volume groups, pools). */
  public Topology topology() throws IOException {
    return ctx.topology();
  }

  /** This node's version switches ({@link NodeFlags}). */
  public NodeFlags flags() throws IOException {
    return ctx.flags(name);
  }

  public SimContext context() {
    return ctx;
  }

  public LvmState lvm() throws IOException {
    return ctx.lvm();
  }

  public IetState iet() throws IOException {
    return ctx.iet(name);
  }
}
