package dev.sanctl.backup;

import dev.sanctl.ddless.ChecksumFile;
import dev.sanctl.ddless.Checksums;
import dev.sanctl.spi.model.Backups;
import dev.sanctl.spi.model.DesiredState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sanctl backup verify}: recomputes the checksums of archive snapshots and compares them
 * with the checksum file stored for that snapshot. Each run checks a fixed number of snapshots,
 * continuing after the one checked last (a cursor file {@code .verify-cursor} in the pool's
 * checksum directory), so that successive runs rotate through all of them. Checksum files of
 * snapshots that no longer exist are removed.
 */
public final class Verifier {
  /** The outcome for one snapshot; {@code differing} lists segment ranges, empty when equal. */
  public record Checked(String snapshot, boolean ok, List<String> differing, String error) {
    public String line() {
      if (error != null) return snapshot + ": ERROR " + error;
      return ok
          ? snapshot + ": OK"
          : snapshot + ": MISMATCH in segments " + String.join(",", differing);
    }
  }

  /** What a run did. */
  public record Report(List<Checked> checked, List<String> removedOrphans) {
    public boolean ok() {
      return checked.stream().allMatch(Checked::ok);
    }
  }

  private final DesiredState desired;
  private final Hosts hosts;

  public Verifier(DesiredState desired, Hosts hosts) {
    this.desired = desired;
    this.hosts = hosts;
  }

  /** Verifies up to {@code count} snapshots per archive pool of {@code jobs}. */
  public Report verify(List<Backups.Job> jobs, int count) throws IOException {
    Map<String, List<Backups.Job>> byPool = new LinkedHashMap<>();
    for (Backups.Job j : jobs)
      byPool.computeIfAbsent(j.archive() + " " + j.pool(), k -> new ArrayList<>()).add(j);
    List<Checked> checked = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (List<Backups.Job> group : byPool.values()) {
      Backups.Job first = group.get(0);
      ArchiveSide archive =
          new ArchiveSide(
              hosts.host(first.archive()),
              desired.nodes().get(first.archive()).os(),
              desired.cluster().propertyNamespace());
      HostFiles files = new HostFiles(archive.host());
      String dir = archive.checksumDir(first.pool());
      List<String> names = files.list(dir);
      List<String> candidates = new ArrayList<>();
      Map<String, ChecksumPaths> pathsOf = new LinkedHashMap<>();
      for (Backups.Job j : group) {
        ChecksumPaths paths = new ChecksumPaths(dir, j.volume());
        List<String> snaps = archive.snapshots(j.archiveVolume());
        for (String n : names) {
          String snap = paths.snapshotOf(n);
          if (snap == null) continue;
          if (snaps.contains(snap)) {
            candidates.add(j.archiveVolume() + "@" + snap);
            pathsOf.put(j.archiveVolume() + "@" + snap, paths);
          } else {
            files.remove(dir + "/" + n);
            removed.add(dir + "/" + n);
          }
        }
      }
      candidates.sort(null);
      String cursorFile = dir + "/.verify-cursor";
      String cursor =
          files.read(cursorFile).map(b -> new String(b, StandardCharsets.UTF_8).strip()).orElse("");
      int start = 0;
      while (start < candidates.size() && candidates.get(start).compareTo(cursor) <= 0) start++;
      String last = null;
      for (int k = 0; k < Math.min(count, candidates.size()); k++) {
        String snapshot = candidates.get((start + k) % candidates.size());
        checked.add(check(archive, files, pathsOf.get(snapshot), snapshot));
        last = snapshot;
      }
      if (last != null) files.replace(cursorFile, (last + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return new Report(checked, removed);
  }

  private Checked check(
      ArchiveSide archive, HostFiles files, ChecksumPaths paths, String snapshot) {
    try {
      String snap = snapshot.substring(snapshot.indexOf('@') + 1);
      Optional<byte[]> stored = files.read(paths.ofSnapshot(snap));
      if (stored.isEmpty()) return new Checked(snapshot, false, List.of(), "checksum file gone");
      long[] expected = ChecksumFile.fromBytes(stored.get());
      HostDevices dev = new HostDevices(archive.host());
      String device = archive.device(snapshot);
      long size = archive.size(snapshot);
      long[] actual = RangeCopy.checksums(dev, device, size);
      if (actual.length != expected.length) {
        return new Checked(
            snapshot,
            false,
            List.of(),
            "checksum file has "
                + expected.length
                + " entries, the snapshot "
                + actual.length
                + " segments");
      }
      List<String> ranges = new ArrayList<>();
      int runStart = -1;
      for (int i = 0; i <= actual.length; i++) {
        boolean bad = i < actual.length && !Checksums.same(expected[i], actual[i]);
        if (bad && runStart < 0) runStart = i;
        if (!bad && runStart >= 0) {
          ranges.add(runStart == i - 1 ? "" + runStart : runStart + "-" + (i - 1));
          runStart = -1;
        }
      }
      return new Checked(snapshot, ranges.isEmpty(), ranges, null);
    } catch (IOException | RuntimeException e) {
      return new Checked(snapshot, false, List.of(), e.getMessage());
    }
  }
}
