package dev.sanctl.providers.backup;

import dev.sanctl.backup.ArchiveVolumes;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.model.Backups;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.NodeSpec;
import dev.sanctl.spi.model.Pool;
import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.spi.provider.LiveObject;
import dev.sanctl.spi.provider.Observation;
import dev.sanctl.spi.provider.ObserveContext;
import dev.sanctl.spi.provider.ObserveException;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.PlanResult;
import dev.sanctl.spi.provider.Provider;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code backup} provider: the archive side of the backup jobs as desired state (spec
 * providers.md, backup). Per archive host: the {@code <pool>/ddless} filesystem of the checksum
 * files (with a mount point of its own where the pool has none), and per job the archive volume
 * with the pool's volume defaults and the schedule property, at least as large as the source volume
 * declared in the volume group. One {@code zfs get} per node observes the datasets, one {@code zfs
 * list} the snapshots of the archive volumes and one {@code find} per checksum directory its files.
 *
 * <p>Checksum files are written by {@code sanctl backup run} (and orphans removed by {@code
 * verify}), never planned: a plan that wrote them would race the runs. A missing one is reported as
 * a warning finding: an archive volume with snapshots but no current checksum file (the next run
 * reads and writes everything), and snapshots without their checksum file (verify cannot check
 * them).
 */
public final class BackupProvider implements Provider {
  public static final String ID = "backup";
  private static final String PROPS = "type,volsize,mountpoint,";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> executables() {
    return Set.of("zfs", "find");
  }

  /** Pool filesystems and volumes come first. */
  @Override
  public Set<String> dependsOn() {
    return Set.of("zfs");
  }

  @Override
  public boolean servesNode(DesiredState desired, NodeSpec node) {
    return jobs(desired).stream().anyMatch(j -> j.archive().equals(node.name()));
  }

  private static List<Backups.Job> jobs(DesiredState desired) {
    return desired.backups() == null ? List.of() : desired.backups().jobs();
  }

  /**
   * The datasets observed on this node: each archive pool (its mount point decides where a new
   * {@code <pool>/ddless} is mounted), {@code <pool>/ddless} and the archive volumes.
   */
  static List<String> datasets(DesiredState desired, String node) {
    Set<String> names = new LinkedHashSet<>();
    for (Backups.Job j : jobs(desired)) {
      if (!j.archive().equals(node)) continue;
      names.add(j.pool());
      names.add(ArchiveVolumes.checksumFilesystem(j.pool()));
      names.add(j.archiveVolume());
    }
    return new ArrayList<>(names);
  }

  @Override
  public Observation observe(ObserveContext context) throws IOException {
    List<String> datasets = datasets(context.desired(), context.node().name());
    Map<String, Map<String, String>> seen = new LinkedHashMap<>();
    if (datasets.isEmpty()) return new ArchiveObservation(seen, Map.of(), Map.of());
    String schedule =
        ArchiveVolumes.scheduleProperty(context.desired().cluster().propertyNamespace());
    List<String> argv =
        new ArrayList<>(
            List.of("zfs", "get", "-H", "-p", "-o", "name,property,value", PROPS + schedule));
    argv.addAll(datasets);
    CommandResult r = run(context, argv);
    for (String line : r.out().split("\n")) {
      String[] f = line.split("\t");
      if (f.length == 3) seen.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], f[2]);
    }
    failOnErrors(context, "zfs get", r, "dataset does not exist");
    Set<String> checksumFilesystems = new TreeSet<>();
    for (Backups.Job j : jobs(context.desired())) {
      if (j.archive().equals(context.node().name())) {
        checksumFilesystems.add(ArchiveVolumes.checksumFilesystem(j.pool()));
      }
    }
    return new ArchiveObservation(
        seen, snapshots(context, seen), checksumFiles(context, seen, checksumFilesystems));
  }

  private static CommandResult run(ObserveContext context, List<String> argv) throws IOException {
    return context.host().run(new Command(argv, null, null, false, null));
  }

  private static void failOnErrors(
      ObserveContext context, String what, CommandResult r, String tolerated)
      throws ObserveException {
    for (String line : r.err().split("\n")) {
      if (!line.isBlank() && !line.endsWith(tolerated) && !line.equals("no datasets available")) {
        throw new ObserveException(context.node().name() + ": " + what + ": " + line);
      }
    }
  }

  private static Map<String, List<String>> snapshots(
      ObserveContext context, Map<String, Map<String, String>> seen) throws IOException {
    List<String> volumes =
        seen.entrySet().stream()
            .filter(e -> "volume".equals(e.getValue().get("type")))
            .map(Map.Entry::getKey)
            .toList();
    Map<String, List<String>> snapshots = new TreeMap<>();
    if (volumes.isEmpty()) return snapshots;
    volumes.forEach(v -> snapshots.put(v, new ArrayList<>()));
    List<String> argv =
        new ArrayList<>(List.of("zfs", "list", "-H", "-t", "snapshot", "-o", "name", "-r"));
    argv.addAll(volumes);
    CommandResult r = run(context, argv);
    for (String line : r.out().split("\n")) {
      int at = line.indexOf('@');
      List<String> of = at < 0 ? null : snapshots.get(line.substring(0, at));
      if (of != null) of.add(line.substring(at + 1));
    }
    failOnErrors(context, "zfs list", r, "dataset does not exist");
    snapshots.values().forEach(l -> l.sort(null));
    return snapshots;
  }

  private static Map<String, Set<String>> checksumFiles(
      ObserveContext context, Map<String, Map<String, String>> seen, Set<String> filesystems)
      throws IOException {
    Map<String, Set<String>> files = new TreeMap<>();
    for (Map.Entry<String, Map<String, String>> e : seen.entrySet()) {
      if (!filesystems.contains(e.getKey())) continue;
      if (!"filesystem".equals(e.getValue().get("type"))) continue;
      String dir = ArchiveVolumes.checksumDirectory(e.getKey(), e.getValue().get("mountpoint"));
      CommandResult r =
          run(
              context,
              List.of(
                  "find",
                  dir,
                  "-mindepth",
                  "1",
                  "-maxdepth",
                  "1",
                  "-type",
                  "f",
                  "-name",
                  "*.cksum"));
      Set<String> names = new TreeSet<>();
      for (String line : r.out().split("\n")) {
        if (!line.isBlank()) names.add(line.substring(line.lastIndexOf('/') + 1));
      }
      if (!r.ok()) failOnErrors(context, "find " + dir, r, "No such file or directory");
      files.put(e.getKey(), names);
    }
    return files;
  }

  /** Its checksums and volume changes touch the ZFS dataset they name. */
  @Override
  public Optional<LiveObject> liveObject(Change change) {
    return switch (change.kind()) {
      case "checksums", "volume" -> Optional.of(LiveObject.zfsDataset(change.name()));
      default -> Optional.empty();
    };
  }

  @Override
  public PlanResult plan(PlanContext context) {
    DesiredState desired = context.desired();
    String ns = desired.cluster().propertyNamespace();
    List<Change> changes = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    Set<String> planned = new LinkedHashSet<>();
    for (Backups.Job job : jobs(desired)) {
      String node = job.archive();
      Optional<ArchiveObservation> seen = context.observation(node, ArchiveObservation.class);
      if (seen.isEmpty()) continue;
      Map<String, Map<String, String>> ds = seen.get().datasets();
      if (planned.add(ArchiveVolumes.checksumFilesystem(job.pool()))) {
        checksumFilesystem(ds, job.pool(), node).ifPresent(changes::add);
      }
      Pool pool = desired.pools().get(job.pool());
      Pool.VolumeDefaults defaults = pool == null ? null : pool.volumeDefaults();
      Long size = sourceSize(desired, job);
      String volume = job.archiveVolume();
      String address = Change.address(node, ID, "volume", volume);
      Map<String, String> props = ds.get(volume);
      if (props == null) {
        if (size == null) {
          findings.add(
              new Finding(
                  Finding.Kind.WARNING,
                  node,
                  address,
                  "archive volume "
                      + volume
                      + " does not exist and the size of "
                      + job.source()
                      + " is not declared",
                  "the first 'sanctl backup run' creates it",
                  null));
          continue;
        }
        changes.add(
            change(
                address,
                node,
                "volume",
                volume,
                Action.CREATE,
                "archive volume not present",
                List.of(FieldChange.of("volsize", null, "" + size)),
                List.of(
                    new Command(
                        ArchiveVolumes.createArgv(ns, volume, size, defaults),
                        null,
                        null,
                        true,
                        null))));
        continue;
      }
      checksumFindings(seen.get(), job, node, address, findings);
      List<FieldChange> fields = new ArrayList<>();
      List<Command> commands = new ArrayList<>();
      String scheduleProp = ArchiveVolumes.scheduleProperty(ns);
      String wanted = defaults == null ? null : defaults.snapshotSchedule();
      String have = props.get(scheduleProp);
      if (wanted != null && !wanted.equals(have)) {
        fields.add(FieldChange.of(scheduleProp, "-".equals(have) ? null : have, wanted));
        commands.add(Command.change("zfs", "set", scheduleProp + "=" + wanted, volume));
      }
      long volsize = parse(props.get("volsize"));
      if (size != null && volsize >= 0 && volsize < size) {
        fields.add(FieldChange.of("volsize", "" + volsize, "" + size));
        commands.add(Command.change("zfs", "set", "volsize=" + size, volume));
      }
      if (!commands.isEmpty()) {
        changes.add(
            change(
                address,
                node,
                "volume",
                volume,
                Action.UPDATE,
                "archive volume differs",
                fields,
                commands));
      }
    }
    return new PlanResult(changes, findings);
  }

  /**
   * Creates {@code <pool>/ddless}, or gives it a mount point: the checksum files must live on it,
   * so where the pool has no mount point ({@code none}, {@code legacy}) it gets {@code
   * /<pool>/ddless}, as a backup run that creates it does.
   */
  private static Optional<Change> checksumFilesystem(
      Map<String, Map<String, String>> ds, String pool, String node) {
    String fs = ArchiveVolumes.checksumFilesystem(pool);
    String address = Change.address(node, ID, "checksums", fs);
    String mountpoint = "/" + fs;
    Map<String, String> props = ds.get(fs);
    if (props == null) {
      boolean poolUnmounted =
          ArchiveVolumes.hasNoMountPoint(ds.getOrDefault(pool, Map.of()).get("mountpoint"));
      List<String> argv = new ArrayList<>(List.of("zfs", "create"));
      if (poolUnmounted) argv.addAll(List.of("-o", "mountpoint=" + mountpoint));
      argv.add(fs);
      List<FieldChange> fields = new ArrayList<>(List.of(FieldChange.of("dataset", null, fs)));
      if (poolUnmounted) fields.add(FieldChange.of("mountpoint", null, mountpoint));
      return Optional.of(
          change(
              address,
              node,
              "checksums",
              fs,
              Action.CREATE,
              "filesystem for checksum files not present",
              fields,
              List.of(new Command(argv, null, null, true, null))));
    }
    String have = props.get("mountpoint");
    if (!ArchiveVolumes.hasNoMountPoint(have)) return Optional.empty();
    return Optional.of(
        change(
            address,
            node,
            "checksums",
            fs,
            Action.UPDATE,
            "filesystem for checksum files has no mount point",
            List.of(FieldChange.of("mountpoint", have, mountpoint)),
            List.of(Command.change("zfs", "set", "mountpoint=" + mountpoint, fs))));
  }

  /** Warnings about checksum files missing for an existing archive volume. */
  private static void checksumFindings(
      ArchiveObservation seen,
      Backups.Job job,
      String node,
      String address,
      List<Finding> findings) {
    List<String> snapshots = seen.snapshots().getOrDefault(job.archiveVolume(), List.of());
    if (snapshots.isEmpty()) return;
    String fs = ArchiveVolumes.checksumFilesystem(job.pool());
    Set<String> files = seen.checksumFiles().getOrDefault(fs, Set.of());
    String dir =
        ArchiveVolumes.checksumDirectory(
            fs, seen.datasets().getOrDefault(fs, Map.of()).get("mountpoint"));
    String current = ArchiveVolumes.checksumFileName(job.volume());
    if (!files.contains(current)) {
      findings.add(
          new Finding(
              Finding.Kind.WARNING,
              node,
              address,
              "archive volume "
                  + job.archiveVolume()
                  + " has snapshots but no checksum file "
                  + dir
                  + "/"
                  + current,
              "the next 'sanctl backup run "
                  + job.source()
                  + "' reads the whole source, rewrites"
                  + " every segment and writes a new checksum file",
              job.location()));
    }
    List<String> unchecked =
        snapshots.stream()
            .filter(
                sn -> !files.contains(ArchiveVolumes.snapshotChecksumFileName(job.volume(), sn)))
            .toList();
    if (!unchecked.isEmpty()) {
      findings.add(
          new Finding(
              Finding.Kind.WARNING,
              node,
              address,
              unchecked.size()
                  + " of "
                  + snapshots.size()
                  + " snapshots of "
                  + job.archiveVolume()
                  + " have no checksum file (first: "
                  + job.archiveVolume()
                  + "@"
                  + unchecked.get(0)
                  + ")",
              "'sanctl backup verify' cannot check them; snapshots taken by 'sanctl backup run'"
                  + " get one",
              job.location()));
    }
  }

  /** The declared size of the job's source volume, or null. */
  private static Long sourceSize(DesiredState desired, Backups.Job job) {
    VolumeGroup vg = desired.volumeGroups().get(job.source().vg());
    if (vg == null) return null;
    VolumeGroup.Volume v = vg.volumes().get(job.source().lv());
    return v == null ? null : v.sizeBytes();
  }

  private static long parse(String v) {
    try {
      return v == null ? -1 : Long.parseLong(v);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Change change(
      String address,
      String node,
      String kind,
      String name,
      Action action,
      String reason,
      List<FieldChange> fields,
      List<Command> commands) {
    return new Change(
        address,
        node,
        ID,
        kind,
        name,
        action,
        Impact.NONE,
        reason,
        fields,
        commands,
        List.of(),
        List.of());
  }
}
