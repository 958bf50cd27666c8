package dev.sanctl.providers.zfs;

import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.Pool;
import dev.sanctl.spi.provider.Imported;
import dev.sanctl.spi.provider.NodeState;
import dev.sanctl.spi.provider.ObserveException;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.ResourceAddress;
import dev.sanctl.spi.values.ExactSize;
import dev.sanctl.spi.zfs.ZfsCommands;
import dev.sanctl.spi.zfs.ZfsOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code sanctl import} for ZFS, in two passes. First every pool {@code zpool list} shows on
 * exactly one node with the {@code zfs} service becomes a {@code pools} entry listing that node
 * (pools are only ever observed: the other nodes of an HA pair cannot be seen and are added by the
 * admin). Once the pool is declared, its filesystems and volumes are observed with {@link
 * #PROPERTIES} and imported: volumes at their exact {@code volsize} ({@link ExactSize}), {@code
 * sparse} when they reserve nothing, their {@code volblocksize}, the snapshot schedule of the
 * schedule user property (when that schedule is declared; else listed as left out); and every
 * property set locally (inherited and default values are not), the create-time ones ({@code
 * casesensitivity}, {@code normalization}, {@code utf8only}) when they differ from the default. A
 * pool's root dataset is not imported.
 */
final class ZfsImport {
  /**
   * Settable properties read for import, in every dialect (zfs-fuse has neither {@code sync} nor
   * {@code logbias}): a local value of another property is not imported.
   */
  static final List<String> PROPERTIES =
      List.of(
          "compression",
          "checksum",
          "copies",
          "dedup",
          "readonly",
          "atime",
          "recordsize",
          "primarycache",
          "secondarycache",
          "quota",
          "refquota",
          "reservation",
          "mountpoint",
          "sharenfs",
          "casesensitivity",
          "normalization",
          "utf8only");

  /** Create-time properties (source {@code -}) with their defaults. */
  private static final Map<String, String> SET_ONCE =
      Map.of("casesensitivity", "sensitive", "normalization", "none", "utf8only", "off");

  private ZfsImport() {}

  /**
   * The datasets of the declared pools imported here that declare no dataset and no volume, with
   * the import properties: one {@code zfs get} when there are any, else nothing run.
   */
  static Map<String, ZfsDataset> observeUndeclared(
      Host host,
      DesiredState desired,
      List<Pool> pools,
      Set<String> imported,
      Map<String, Boolean> kinds)
      throws IOException {
    List<String> operands = new ArrayList<>();
    for (Pool p : pools) {
      if (!imported.contains(p.name()) || !p.datasets().isEmpty() || !p.volumes().isEmpty()) {
        continue;
      }
      for (String name : kinds.keySet()) {
        if (name.startsWith(p.name() + "/")) operands.add(name);
      }
    }
    Map<String, ZfsDataset> out = new LinkedHashMap<>();
    if (operands.isEmpty()) return out;
    Set<String> props = new LinkedHashSet<>(PROPERTIES);
    props.addAll(ZfsProvider.VOLUME_PROPERTIES);
    props.add(ZfsProvider.scheduleProperty(desired));
    CommandResult got =
        host.run(ZfsCommands.get("name,property,value,source", String.join(",", props), operands));
    if (got.exitStatus() != 0) {
      throw new ObserveException("zfs get failed: " + ZfsOutput.firstLine(got.err(), ""));
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
    for (String name : operands) {
      out.put(name, new ZfsDataset(name, kinds.get(name), values.getOrDefault(name, Map.of())));
    }
    return out;
  }

  static Imported imported(PlanContext ctx) {
    List<Imported.LeftOut> leftOut = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    DesiredState desired = ctx.desired();
    Map<String, List<String>> liveOn = new LinkedHashMap<>();
    for (NodeState s : ctx.nodes().values()) {
      if (!s.known()) continue;
      for (String pool : ((ZfsObservation) s.observation()).livePools()) {
        liveOn.computeIfAbsent(pool, k -> new ArrayList<>()).add(s.node());
      }
    }
    Map<String, Object> pools = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : liveOn.entrySet()) {
      if (e.getValue().size() != 1) continue;
      String node = e.getValue().get(0);
      Pool declared = desired.pools().get(e.getKey());
      Map<String, Object> pool = new LinkedHashMap<>();
      pool.put("nodes", declared == null ? List.of(node) : declared.nodes());
      if (declared != null) {
        ZfsObservation o = (ZfsObservation) ctx.nodes().get(node).observation();
        datasets(desired, node, e.getKey(), o, pool, leftOut);
        sources.add(node + ": zfs list, zfs get of pool " + e.getKey());
      } else {
        sources.add(node + ": zpool list (pool " + e.getKey() + ")");
      }
      pools.put(e.getKey(), pool);
    }
    if (pools.isEmpty()) return Imported.of(Map.of());
    return new Imported(
        Map.of("pools", pools),
        Map.of("pools", sources),
        Map.of(
            "pools",
            List.of(
                "a pool lists the node it is imported on: add the other nodes that can import it")),
        leftOut);
  }

  private static void datasets(
      DesiredState desired,
      String node,
      String pool,
      ZfsObservation o,
      Map<String, Object> out,
      List<Imported.LeftOut> leftOut) {
    String schedule = ZfsProvider.scheduleProperty(desired);
    Map<String, Object> filesystems = new LinkedHashMap<>();
    Map<String, Object> volumes = new LinkedHashMap<>();
    for (ZfsDataset d : o.datasets().values()) {
      if (!d.name().startsWith(pool + "/")) continue;
      Map<String, Object> props = new LinkedHashMap<>();
      d.properties()
          .forEach(
              (k, p) -> {
                if (imported(k, p, d.volume(), schedule)) props.put(k, p.value());
              });
      if (!d.volume()) {
        filesystems.put(d.name(), props.isEmpty() ? Map.of() : Map.of("properties", props));
        continue;
      }
      long size = d.bytes("volsize");
      if (size <= 0) continue;
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("size", ExactSize.text(size));
      if (d.bytes("refreservation") <= 0) v.put("sparse", true);
      long bs = d.bytes("volblocksize");
      if (bs > 0) v.put("blockSize", ExactSize.text(bs));
      if (!props.isEmpty()) v.put("properties", props);
      ZfsDataset.Property s = d.properties().get(schedule);
      if (s != null && s.local()) {
        if (desired.snapshotSchedules().containsKey(s.value())) {
          v.put("snapshotSchedule", s.value());
        } else {
          leftOut.add(
              new Imported.LeftOut(
                  ResourceAddress.zfsVolume(node, d.name()).toString(),
                  "snapshot schedule "
                      + s.value()
                      + " of "
                      + d.name()
                      + " is not declared (schedules are not imported): declare"
                      + " snapshotSchedules."
                      + s.value()
                      + " and add snapshotSchedule: "
                      + s.value()
                      + " to the volume, or the plan removes its "
                      + schedule
                      + " property"));
        }
      }
      volumes.put(d.name(), v);
    }
    if (!filesystems.isEmpty()) out.put("datasets", filesystems);
    if (!volumes.isEmpty()) out.put("volumes", volumes);
  }

  private static boolean imported(String k, ZfsDataset.Property p, boolean volume, String sched) {
    if (k.equals(sched) || k.equals("available") || ZfsProvider.VOLUME_PROPERTIES.contains(k)) {
      return k.equals("refreservation") && !volume && p.local();
    }
    if (SET_ONCE.containsKey(k))
      return !volume && !"-".equals(p.value()) && !SET_ONCE.get(k).equals(p.value());
    return p.local();
  }
}
