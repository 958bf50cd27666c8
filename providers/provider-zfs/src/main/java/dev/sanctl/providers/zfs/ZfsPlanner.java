package dev.sanctl.providers.zfs;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.Pool;
import dev.sanctl.spi.model.ResourceState;
import dev.sanctl.spi.model.SourceRef;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.PlanResult;
import dev.sanctl.spi.provider.ResourceAddress;
import dev.sanctl.spi.rules.ZfsProperties;
import dev.sanctl.spi.zfs.ZfsCommands;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Plans one pool at a time on the node where it is imported: filesystems created with their
 * properties, volumes created ({@code zfs create -V <bytes> [-s] [-b <bs>] -o k=v... }, argv from
 * the {@link ZfsCommands} client), grown (never shrunk: a plan error), properties set one {@code
 * zfs set} per property (the legacy dialect sets one at a time), the schedule property inherited
 * away when a volume loses its schedule, {@code state: absent} volumes destroyed. Thick volumes
 * that do not fit in the pool's free space (less what earlier changes of the plan take) are plan
 * errors. A pool imported nowhere is unknown (warning, skipped); imported on two nodes it is
 * refused.
 */
final class ZfsPlanner {
  private final PlanContext context;
  private final DesiredState desired;
  private final List<Change> changes = new ArrayList<>();
  private final List<Finding> findings = new ArrayList<>();

  ZfsPlanner(PlanContext context) {
    this.context = context;
    this.desired = context.desired();
  }

  PlanResult plan() {
    for (Pool pool : desired.pools().values()) planPool(pool);
    return new PlanResult(changes, findings);
  }

  private void planPool(Pool pool) {
    Optional<String> holder = ZfsPoolPlacement.holder(pool, context.nodes(), findings);
    if (holder.isEmpty()) return;
    String node = holder.get();
    ZfsObservation seen = (ZfsObservation) context.nodes().get(node).observation();
    long[] free = {seen.poolFree().getOrDefault(pool.name(), 0L)};
    Map<String, ResourceAddress> created = new LinkedHashMap<>();
    Map<String, Object> declared = new TreeMap<>();
    pool.datasets().values().forEach(d -> declared.put(d.name(), d));
    pool.volumes().values().forEach(z -> declared.put(z.name(), z));
    for (Object o : declared.values()) {
      if (o instanceof Pool.Dataset d) planFilesystem(node, d, seen, created);
      else planVolume(node, pool, (Pool.Zvol) o, seen, created, free);
    }
  }

  private List<ResourceAddress> parentCreates(String name, Map<String, ResourceAddress> created) {
    List<ResourceAddress> deps = new ArrayList<>();
    for (var e : created.entrySet()) {
      if (name.startsWith(e.getKey() + "/")) deps.add(e.getValue());
    }
    return deps;
  }

  private void planFilesystem(
      String node, Pool.Dataset d, ZfsObservation seen, Map<String, ResourceAddress> created) {
    ResourceAddress address = ResourceAddress.zfsFilesystem(node, d.name());
    ZfsDataset live = seen.datasets().get(d.name());
    if (live == null) {
      List<FieldChange> fields = new ArrayList<>();
      d.properties().forEach((k, v) -> fields.add(FieldChange.of("properties." + k, null, v)));
      changes.add(
          new Change(
              address,
              Action.CREATE,
              Impact.NONE,
              "filesystem does not exist",
              fields,
              List.of(ZfsCommands.createFilesystem(d.name(), true, d.properties())),
              List.of(),
              parentCreates(d.name(), created)));
      created.put(d.name(), address);
      return;
    }
    if (live.volume()) {
      findings.add(
          Finding.error(
              address,
              d.name() + " is declared as a filesystem but is a volume on " + node,
              "declare it under volumes, or use another name",
              d.source()));
      return;
    }
    updateProperties(address, live, d.properties(), List.of(), List.of(), d.source());
  }

  private void planVolume(
      String node,
      Pool pool,
      Pool.Zvol z,
      ZfsObservation seen,
      Map<String, ResourceAddress> created,
      long[] free) {
    ResourceAddress address = ResourceAddress.zfsVolume(node, z.name());
    ZfsDataset live = seen.datasets().get(z.name());
    String schedule = ZfsProvider.scheduleProperty(desired);
    if (z.state() == ResourceState.ABSENT) {
      if (live == null) return;
      changes.add(
          new Change(
              address,
              Action.DELETE,
              Impact.DESTRUCTIVE,
              "state: absent",
              List.of(FieldChange.of("size", live.bytes("volsize"), null)),
              List.of(ZfsCommands.destroy(z.name())),
              List.of(),
              List.of()));
      return;
    }
    Map<String, String> props = new LinkedHashMap<>(z.properties());
    if (z.snapshotSchedule() != null) props.put(schedule, z.snapshotSchedule());
    if (live == null) {
      if (!z.sparse() && z.sizeBytes() > free[0]) {
        findings.add(capacity(node, pool, z, z.sizeBytes(), free[0]));
        return;
      }
      if (!z.sparse()) free[0] -= z.sizeBytes();
      List<FieldChange> fields = new ArrayList<>();
      fields.add(FieldChange.of("size", null, z.sizeBytes()));
      if (z.sparse()) fields.add(FieldChange.of("sparse", null, true));
      if (z.blockSize() != null) fields.add(FieldChange.of("blockSize", null, z.blockSize()));
      props.forEach((k, v) -> fields.add(FieldChange.of("properties." + k, null, v)));
      String parent = z.name().substring(0, z.name().lastIndexOf('/'));
      List<Command> commands = new ArrayList<>();
      if (!seen.datasets().containsKey(parent) && !created.containsKey(parent)) {
        commands.add(ZfsCommands.createFilesystem(parent, true, Map.of()));
      }
      commands.add(
          ZfsCommands.createVolume(z.name(), z.sizeBytes(), z.sparse(), z.blockSize(), props));
      changes.add(
          new Change(
              address,
              Action.CREATE,
              Impact.NONE,
              "volume does not exist",
              fields,
              commands,
              List.of(),
              parentCreates(z.name(), created)));
      return;
    }
    if (!live.volume()) {
      findings.add(
          Finding.error(
              address,
              z.name() + " is declared as a volume but is a filesystem on " + node,
              "declare it under datasets, or use another name",
              z.source()));
      return;
    }
    List<FieldChange> fields = new ArrayList<>();
    List<Command> commands = new ArrayList<>();
    long have = live.bytes("volsize");
    long bs = live.bytes("volblocksize");
    long want = bs > 0 ? (z.sizeBytes() + bs - 1) / bs * bs : z.sizeBytes();
    if (z.blockSize() != null && bs > 0 && bs != z.blockSize()) {
      findings.add(
          Finding.warning(
              address,
              z.name()
                  + " has volblocksize "
                  + bs
                  + ", not the declared "
                  + z.blockSize()
                  + "; the block size is fixed when a volume is created",
              "create a new volume with the block size and copy the data",
              z.source()));
    }
    if (have > want) {
      findings.add(
          Finding.error(
              address,
              "volume "
                  + z.name()
                  + " would shrink from "
                  + have
                  + " to "
                  + want
                  + " bytes; volumes never shrink (data past the new end would be lost)",
              "set size to at least "
                  + have
                  + " bytes, or create a new smaller volume and copy the data",
              z.source()));
    } else if (have < want) {
      boolean thick = live.bytes("refreservation") > 0;
      if (thick && want - have > free[0]) {
        findings.add(capacity(node, pool, z, want - have, free[0]));
        return;
      }
      if (thick) free[0] -= want - have;
      fields.add(FieldChange.of("size", have, want));
      commands.add(ZfsCommands.set("volsize", Long.toString(want), z.name()));
    }
    List<Command> inherit = new ArrayList<>();
    List<FieldChange> inheritFields = new ArrayList<>();
    ZfsDataset.Property liveSchedule = live.properties().get(schedule);
    if (z.snapshotSchedule() == null && liveSchedule != null && liveSchedule.local()) {
      inherit.add(ZfsCommands.inherit(schedule, z.name()));
      inheritFields.add(FieldChange.of("properties." + schedule, liveSchedule.value(), null));
    }
    fields.addAll(inheritFields);
    commands.addAll(inherit);
    updateProperties(address, live, props, fields, commands, z.source());
  }

  private void updateProperties(
      ResourceAddress address,
      ZfsDataset live,
      Map<String, String> props,
      List<FieldChange> fields,
      List<Command> commands,
      SourceRef source) {
    List<FieldChange> f = new ArrayList<>(fields);
    List<Command> c = new ArrayList<>(commands);
    Impact impact = Impact.NONE;
    for (Map.Entry<String, String> e : props.entrySet()) {
      String k = e.getKey();
      String v = e.getValue();
      ZfsDataset.Property p = live.properties().get(k);
      String have = p == null ? "-" : p.value();
      String before = ZfsValues.normalize(k, have);
      String after = ZfsValues.normalize(k, v);
      if (before.equals(after)) continue;
      if (ZfsProperties.isSetOnce(k)) {
        findings.add(
            Finding.error(
                address,
                live.name()
                    + " has "
                    + k
                    + " "
                    + have
                    + ", not the declared "
                    + v
                    + "; "
                    + k
                    + " is fixed when a dataset is created",
                "declare " + k + ": " + have + ", or create a new dataset and copy the data",
                source));
        return;
      }
      Impact i = ZfsProperties.impact(k, before, after);
      impact = Impact.worst(impact, i);
      f.add(FieldChange.of("properties." + k, have.equals("-") ? null : have, v));
      c.add(ZfsCommands.set(k, v, live.name()));
    }
    if (c.isEmpty()) return;
    changes.add(
        new Change(address, Action.UPDATE, impact, describe(f), f, c, List.of(), List.of()));
  }

  private static String describe(List<FieldChange> fields) {
    List<String> parts = new ArrayList<>();
    for (FieldChange f : fields) {
      parts.add(
          f.path()
              + " "
              + (f.before() == null ? "(unset)" : f.before())
              + " -> "
              + (f.after() == null ? "(inherited)" : f.after()));
    }
    return String.join(", ", parts);
  }

  private static Finding capacity(String node, Pool pool, Pool.Zvol z, long needed, long free) {
    return Finding.error(
        ResourceAddress.zfsVolume(node, z.name()),
        "volume "
            + z.name()
            + " needs "
            + needed
            + " bytes but pool "
            + pool.name()
            + " has "
            + free
            + " bytes free",
        "free space in the pool, make the volume sparse, or choose a smaller size",
        z.source());
  }
}
