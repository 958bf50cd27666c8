package dev.sanctl.backup;

import java.io.IOException;
import java.util.BitSet;

/**
 * Where a backup job learns which segments of its source changed since the previous backup,
 * together with the source snapshot that goes with it (job option {@code changeMap}). {@link
 * ThinSource} ({@code thin}) implements it; the IET ddmap ({@code ddmap}, the default) is the
 * runner's own flow and {@code none} reads everything. One instance serves one run of one job:
 * {@link #snapshot}, {@link #select}, then {@link #succeeded} or {@link #failed}, and always {@link
 * #cleanup}.
 */
interface ChangeMapSource {
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

  /** Releases what is left (snapshots not kept). Never throws. */
  void cleanup();
}
