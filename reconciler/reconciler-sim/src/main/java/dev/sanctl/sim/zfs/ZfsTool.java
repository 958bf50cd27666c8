package dev.sanctl.sim.zfs;

import dev.sanctl.sim.SimBlockDevices;
import dev.sanctl.sim.SimNode;
import dev.sanctl.sim.SimTool;
import dev.sanctl.sim.StateFile;
import dev.sanctl.spi.host.CommandResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The simulator's {@code zfs} executable. The datasets of every pool live in one cluster-wide state
 * file ({@code DIR/zfs.state}), so a pool's snapshots follow it when it is imported on another
 * node; a node sees only the pools imported on it (the root dataset of each exists). Node flag
 * {@value #DIALECT} = {@code zfs-fuse} imitates zfs-fuse 0.7 (default OpenZFS).
 */
public final class ZfsTool implements SimTool, SimBlockDevices {
  /** Node flag selecting the zfs flavour: {@code openzfs} (default) or {@code zfs-fuse}. */
  public static final String DIALECT = "zfs.dialect";

  private static final Set<String> MUTATING =
      Set.of("snapshot", "snap", "destroy", "hold", "release", "clone", "set", "create", "inherit");

  @Override
  public Set<String> names() {
    return Set.of("zfs");
  }

  @Override
  public CommandResult run(SimNode node, List<String> argv, byte[] stdin) throws IOException {
    CommandResult[] result = new CommandResult[1];
    boolean mutating = argv.size() > 1 && MUTATING.contains(argv.get(1));
    apply(node, zfs -> result[0] = zfs.run(argv), mutating);
    return result[0];
  }

  /** Runs {@code change} on the model of the pools imported on {@code node} and saves it. */
  public static void edit(SimNode node, Consumer<ZfsSim> change) throws IOException {
    apply(node, change, true);
  }

  /** Runs {@code query} on the model of the pools imported on {@code node}, without saving. */
  public static void read(SimNode node, Consumer<ZfsSim> query) throws IOException {
    apply(node, query, false);
  }

  /**
   * Volumes and their snapshots as block devices ({@link ZvolFiles}) where the pool is imported.
   */
  @Override
  public Optional<Path> blockDevice(SimNode node, String absolutePath) throws IOException {
    Optional<String> ds = ZvolFiles.datasetOfDevice(absolutePath);
    if (ds.isEmpty() || !node.importsPool(pool(ds.get()))) return Optional.empty();
    Path f = ZvolFiles.file(node.cluster().dir(), ds.get());
    return java.nio.file.Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
  }

  private static void apply(SimNode node, Consumer<ZfsSim> op, boolean save) throws IOException {
    Path file = node.cluster().dir().resolve("zfs.state");
    Set<String> visible = new HashSet<>();
    for (String pool : node.topology().pools().keySet()) {
      if (node.importsPool(pool)) visible.add(pool);
    }
    List<List<String>> mine = new ArrayList<>();
    List<List<String>> others = new ArrayList<>();
    for (List<String> r : StateFile.read(file)) {
      if (r.get(0).equals("zfs") || visible.contains(pool(r.get(1)))) mine.add(r);
      else others.add(r);
    }
    ZfsSim.Dialect dialect =
        "zfs-fuse".equals(node.flags().get(DIALECT))
            ? ZfsSim.Dialect.ZFS_FUSE
            : ZfsSim.Dialect.OPENZFS;
    ZfsSim zfs = ZfsSim.fromRecords(mine, dialect, Clock.fixed(node.now(), ZoneOffset.UTC));
    for (String pool : visible) zfs.createFilesystem(pool);
    Path dir = node.cluster().dir();
    zfs.allocation(name -> ZvolFiles.allocated(dir, name));
    op.accept(zfs);
    if (!save) return;
    ZvolFiles.sync(dir, zfs, visible);
    List<List<String>> out = new ArrayList<>(zfs.toRecords());
    out.addAll(others);
    StateFile.write(file, out);
  }

  private static String pool(String dataset) {
    int slash = dataset.indexOf('/');
    return slash < 0 ? dataset : dataset.substring(0, slash);
  }
}
