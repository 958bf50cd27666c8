package dev.sanctl.providers.backup;

import dev.sanctl.backup.ArchiveVolumes;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.model.Backups;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Observation;
import dev.sanctl.spi.provider.ObserveContext;
import dev.sanctl.spi.provider.ObserveException;
import dev.sanctl.spi.zfs.ZfsCommands;
import dev.sanctl.spi.zfs.ZfsOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the {@code backup} provider observes on an archive node ({@link ArchiveObservation}): one
 * {@code zfs get} of the archive pools, their {@code <pool>/ddless} filesystems and the archive
 * volumes; one {@code zfs list} of the volumes' snapshots; one {@code find} of the checksum files
 * per checksum directory. A dataset that does not exist is simply absent.
 */
final class ArchiveObserver {
  private static final String PROPS = "type,volsize,mountpoint,";

  private ArchiveObserver() {}

  /**
   * The datasets observed on this node: each archive pool (its mount point decides where a new
   * {@code <pool>/ddless} is mounted), {@code <pool>/ddless} and the archive volumes.
   */
  static List<String> datasets(DesiredState desired, String node) {
    Set<String> names = new LinkedHashSet<>();
    for (Backups.Job j : BackupProvider.jobs(desired)) {
      if (!j.archive().equals(node)) continue;
      names.add(j.pool());
      names.add(ArchiveVolumes.checksumFilesystem(j.pool()));
      names.add(j.archiveVolume());
    }
    return new ArrayList<>(names);
  }

  /** One {@code zfs get}, one {@code zfs list} of snapshots, one {@code find} per directory. */
  static Observation observe(ObserveContext context) throws IOException {
    List<String> datasets = datasets(context.desired(), context.node().name());
    Map<String, Map<String, String>> seen = new LinkedHashMap<>();
    if (datasets.isEmpty()) return new ArchiveObservation(seen, Map.of(), Map.of());
    String schedule =
        ArchiveVolumes.scheduleProperty(context.desired().cluster().propertyNamespace());
    CommandResult r =
        context.host().run(ZfsCommands.get("name,property,value", PROPS + schedule, datasets));
    seen.putAll(ZfsOutput.properties(r.out()));
    failOnErrors(context, "zfs get", r, "dataset does not exist");
    Set<String> checksumFilesystems = new TreeSet<>();
    for (Backups.Job j : BackupProvider.jobs(context.desired())) {
      if (j.archive().equals(context.node().name())) {
        checksumFilesystems.add(ArchiveVolumes.checksumFilesystem(j.pool()));
      }
    }
    return new ArchiveObservation(
        seen, snapshots(context, seen), checksumFiles(context, seen, checksumFilesystems));
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
    CommandResult r =
        context.host().run(ZfsCommands.list(false, "snapshot", null, null, "name", true, volumes));
    snapshots.putAll(ZfsOutput.snapshotNames(r.out(), volumes));
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
          context
              .host()
              .run(
                  Command.read(
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
}
