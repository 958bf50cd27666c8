package dev.sanctl.backup;

import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.model.Backups;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.model.VolumeRef;
import java.io.IOException;
import java.time.Clock;
import java.util.BitSet;
import java.util.Optional;

/**
 * Where a backup job learns which segments of its source changed since the previous backup, with
 * the source snapshot that goes with it (job option {@code changeMap}): the IET ddmap ({@link
 * DdmapSource}), {@code thin_delta} between thin snapshots ({@link ThinSource}) or none ({@link
 * FullReadSource}). One instance serves one run of one job; the runner calls {@link #snapshot},
 * {@link #select}, then {@link #succeeded} or {@link #failed}, and always {@link #cleanup}.
 */
interface ChangeMapSource {
  /** Takes the source snapshot (and whatever the map needs around it); returns its device. */
  String snapshot(long originBytes) throws IOException;

  /** The segments of the snapshot ({@code size} bytes) to read; null reads all of them. */
  BitSet select(long size) throws IOException;

  /** The map state the copy was based on ({@code NONE} without a map). */
  String stateBefore();

  /** The map state now (after {@link #succeeded} or {@link #failed}). */
  String finalState();

  /** A directory on the source node for the job's map file (streaming transport), or null. */
  String workDir();

  /** The copy and the archive snapshot are done: make the map trustworthy for the next run. */
  void succeeded(String archiveSnapshot) throws IOException;

  /** The job failed: the next run must read everything. Never throws. */
  void failed(String reason);

  /** Releases what is left (suspended maps, snapshots not kept). Never throws. */
  void cleanup();

  /** The source the job selects, for a volume held by {@code host}. */
  static ChangeMapSource of(
      DesiredState desired, Backups.Job job, VolumeGroup vg, Host host, Clock clock) {
    VolumeRef ref = job.source();
    MapStateStore store =
        new MapStateStore(new HostFiles(host), MapStateStore.directory(vg, ref.lv()));
    return switch (job.changeMap()) {
      case NONE -> new FullReadSource(host, vg, ref);
      case THIN -> new ThinSource(host, vg, ref, new MapStateStore(new HostFiles(host),
          ThinSource.stateDirectory(vg, ref.lv())), clock);
      case DDMAP -> {
        Optional<String> entry = SourceVolume.ddmapEntry(desired, ref);
        yield entry.isPresent() && vg.type() == VolumeGroup.Type.LVM
            ? new DdmapSource(host, vg, ref, store, "/proc/net/iet/ddmap/" + entry.get(), clock)
            : new FullReadSource(host, vg, ref);
      }
    };
  }
}
