package dev.sanctl.backup;

import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.model.Backups;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.VolumeGroup;
import java.io.IOException;
import java.time.Clock;
import java.util.BitSet;
import java.util.Optional;

/**
 * Where a backup job learns which segments of its source changed since the previous backup,
 * together with the source snapshot that goes with it (job option {@code changeMap}): {@link
 * DdMapSource} ({@code ddmap}, the default: the IET ddmap of the volume's target), {@link
 * ThinSource} ({@code thin}: thin snapshots and {@code thin_delta}) and {@link FullReadSource}
 * ({@code none}, or a ddmap job whose volume no target serves: everything is read). One instance
 * serves one run of one job: {@link #prepare}, {@link #snapshot}, {@link #select}, then {@link
 * #succeeded} or {@link #failed}, and always {@link #cleanup}.
 */
interface ChangeMapSource {
  /**
   * The change map of {@code job} (whose source is in {@code vg}) on {@code host}, the node holding
   * the volume.
   */
  static ChangeMapSource of(
      DesiredState desired, Backups.Job job, VolumeGroup vg, Host host, Clock clock) {
    if (job.changeMap() == Backups.ChangeMap.THIN) {
      return ThinSource.of(vg, job.source(), host, clock);
    }
    Optional<String> entry = SourceVolume.ddmapEntry(desired, job.source());
    if (job.changeMap() == Backups.ChangeMap.DDMAP && entry.isPresent()) {
      return new DdMapSource(host, vg, job.source(), entry.get(), clock);
    }
    return new FullReadSource(host, vg, job.source());
  }

  /** Readies the map before the source volume is measured (the ddmap is suspended and read). */
  default void prepare() throws IOException {}

  /** Takes the source snapshot (and whatever the map needs around it); returns its device. */
  String snapshot(long originBytes) throws IOException;

  /** The segments of the snapshot ({@code size} bytes) to read; null reads all of them. */
  BitSet select(long size) throws IOException;

  /** The map state the copy was based on. */
  String stateBefore();

  /** The map state now (after {@link #succeeded} or {@link #failed}). */
  String finalState();

  /** A directory on the source node for the job's map file (streaming transport). */
  String workDir();

  /** The copy and the archive snapshot are done: make the map trustworthy for the next run. */
  void succeeded(String archiveSnapshot) throws IOException;

  /** The job failed: the next run must read everything. Never throws. */
  void failed(String reason);

  /** Releases what is left (snapshots not kept, a map left suspended). Never throws. */
  void cleanup();
}
