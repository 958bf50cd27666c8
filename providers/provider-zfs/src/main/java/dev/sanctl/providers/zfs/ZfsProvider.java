package dev.sanctl.providers.zfs;

import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.NodeSpec;
import dev.sanctl.spi.model.Pool;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.ImportContext;
import dev.sanctl.spi.provider.Imported;
import dev.sanctl.spi.provider.Importer;
import dev.sanctl.spi.provider.LiveObject;
import dev.sanctl.spi.provider.ObserveContext;
import dev.sanctl.spi.provider.ObserveException;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.PlanResult;
import dev.sanctl.spi.provider.Provider;
import dev.sanctl.spi.provider.VolumeFacts;
import dev.sanctl.spi.zfs.ZfsCommands;
import dev.sanctl.spi.zfs.ZfsOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * ZFS pools, filesystems and volumes, through the {@link ZfsCommands} client (OpenZFS, illumos, and
 * the legacy dialect of OpenSolaris and zfs-fuse). Observation is three commands whatever the
 * number of datasets, none needing {@code zfs list -p} (which the legacy dialect lacks): {@code
 * zpool list -H -o name,health}, {@code zfs list -H -t filesystem,volume -o name,type -r <pools>}
 * (names and types only), and one {@code zfs get -H -p} of the managed properties of the declared
 * datasets that exist plus the pools' {@code available} (exact bytes in every dialect: {@code get
 * -p} predates {@code list -p}). Plans are made by {@link ZfsPlanner}. On a node with the {@code
 * zfs} service {@code zpool list} runs even when no pool is declared there, and the datasets of a
 * declared pool that declares none get a fourth command ({@link ZfsImport}), for {@code sanctl
 * import}.
 */
public final class ZfsProvider implements Provider, Importer {
  static final String ID = "zfs";

  /** Properties read for every volume besides the declared ones. */
  static final List<String> VOLUME_PROPERTIES =
      List.of("volsize", "volblocksize", "refreservation");

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> executables() {
    return Set.of("zpool", "zfs");
  }

  /** Every node listed by a pool, whatever its services say. */
  @Override
  public boolean servesNode(DesiredState desired, NodeSpec node) {
    return node.hasService(ID) || !poolsOn(desired, node.name()).isEmpty();
  }

  static List<Pool> poolsOn(DesiredState desired, String node) {
    return desired.pools().values().stream().filter(p -> p.nodes().contains(node)).toList();
  }

  /** The user property mirroring a volume's snapshot schedule. */
  static String scheduleProperty(DesiredState desired) {
    String ns = desired.cluster() == null ? null : desired.cluster().propertyNamespace();
    return ZfsOutput.scheduleProperty(ns == null ? "edu.amherst" : ns);
  }

  /** The block device of a zvol on a node of {@code os}. */
  static String devicePath(String os, String dataset) {
    return ZfsOutput.devicePath(os, dataset);
  }

  @Override
  public ZfsObservation observe(ObserveContext context) throws IOException {
    List<Pool> pools = poolsOn(context.desired(), context.node().name());
    Set<String> imported = new TreeSet<>();
    Map<String, Long> free = new LinkedHashMap<>();
    Map<String, ZfsDataset> datasets = new LinkedHashMap<>();
    if (pools.isEmpty() && !context.node().hasService(ID)) {
      return new ZfsObservation(imported, Set.of(), free, datasets, new VolumeFacts(Map.of()));
    }
    CommandResult zpools = context.host().run(ZfsCommands.poolList("name,health"));
    if (zpools.exitStatus() != 0) {
      throw new ObserveException("zpool list failed: " + firstLine(zpools.err()));
    }
    Set<String> live = new LinkedHashSet<>();
    for (String[] row : ZfsOutput.rows(zpools.out())) live.add(row[0]);
    for (Pool p : pools) if (live.contains(p.name())) imported.add(p.name());
    if (imported.isEmpty()) {
      return new ZfsObservation(imported, live, free, datasets, new VolumeFacts(Map.of()));
    }
    CommandResult listed =
        context
            .host()
            .run(
                ZfsCommands.list(
                    false,
                    "filesystem,volume",
                    null,
                    null,
                    "name,type",
                    true,
                    List.copyOf(imported)));
    if (listed.exitStatus() != 0) {
      throw new ObserveException("zfs list failed: " + firstLine(listed.err()));
    }
    Map<String, Boolean> kinds = new LinkedHashMap<>();
    for (String[] f : ZfsOutput.rows(listed.out())) {
      if (f.length != 2) {
        throw new ObserveException("unexpected zfs list output: " + String.join("\t", f));
      }
      kinds.put(f[0], f[1].equals("volume"));
    }
    Set<String> props = new LinkedHashSet<>(List.of("available"));
    List<String> operands = new ArrayList<>(imported);
    for (Pool p : pools) {
      if (!imported.contains(p.name())) continue;
      for (Pool.Dataset d : p.datasets().values()) {
        props.addAll(d.properties().keySet());
        if (kinds.containsKey(d.name()) && !operands.contains(d.name())) operands.add(d.name());
      }
      for (Pool.Zvol z : p.volumes().values()) {
        props.addAll(z.properties().keySet());
        props.addAll(VOLUME_PROPERTIES);
        props.add(scheduleProperty(context.desired()));
        if (kinds.containsKey(z.name()) && !operands.contains(z.name())) operands.add(z.name());
      }
    }
    CommandResult got =
        context
            .host()
            .run(ZfsCommands.get("name,property,value,source", String.join(",", props), operands));
    if (got.exitStatus() != 0) {
      throw new ObserveException("zfs get failed: " + firstLine(got.err()));
    }
    Map<String, Map<String, ZfsDataset.Property>> values = new LinkedHashMap<>();
    for (String[] f : ZfsOutput.rows(got.out())) {
      if (f.length != 4) {
        throw new ObserveException("unexpected zfs get output: " + String.join("\t", f));
      }
      values
          .computeIfAbsent(f[0], k -> new LinkedHashMap<>())
          .put(f[1], new ZfsDataset.Property(f[2], f[3].equals("local")));
    }
    for (var e : kinds.entrySet()) {
      if (!operands.contains(e.getKey())) {
        datasets.put(e.getKey(), new ZfsDataset(e.getKey(), e.getValue(), Map.of()));
        continue;
      }
      datasets.put(
          e.getKey(),
          new ZfsDataset(e.getKey(), e.getValue(), values.getOrDefault(e.getKey(), Map.of())));
    }
    datasets.putAll(
        ZfsImport.observeUndeclared(context.host(), context.desired(), pools, imported, kinds));
    for (String pool : imported) {
      ZfsDataset root = datasets.get(pool);
      long avail = root == null ? -1 : root.bytes("available");
      free.put(pool, avail < 0 ? 0 : avail);
    }
    return new ZfsObservation(
        imported, live, free, datasets, facts(context.node().os(), imported, free, datasets));
  }

  private static VolumeFacts facts(
      String os, Set<String> imported, Map<String, Long> free, Map<String, ZfsDataset> datasets) {
    Map<String, VolumeFacts.Group> groups = new LinkedHashMap<>();
    for (String pool : imported) {
      Map<String, VolumeFacts.Volume> vols = new LinkedHashMap<>();
      for (ZfsDataset d : datasets.values()) {
        if (!d.volume() || !d.name().startsWith(pool + "/")) continue;
        String rel = d.name().substring(pool.length() + 1);
        vols.put(
            rel,
            new VolumeFacts.Volume(
                rel, Math.max(0, d.bytes("volsize")), devicePath(os, d.name()), false));
      }
      groups.put(pool, new VolumeFacts.Group(pool, true, free.get(pool), vols));
    }
    return new VolumeFacts(groups);
  }

  private static String firstLine(String s) {
    return ZfsOutput.firstLine(s, "");
  }

  /** Its filesystem and volume changes touch the ZFS dataset they name. */
  @Override
  public Optional<LiveObject> liveObject(Change change) {
    return switch (change.kind()) {
      case "filesystem", "volume" -> Optional.of(LiveObject.zfsDataset(change.name()));
      default -> Optional.empty();
    };
  }

  @Override
  public PlanResult plan(PlanContext context) {
    return new ZfsPlanner(context).plan();
  }

  @Override
  public Map<String, Object> importState(PlanContext context) {
    return ZfsImport.imported(context).sections();
  }

  @Override
  public Imported importLive(ImportContext context) {
    return ZfsImport.imported(context.plan());
  }
}
