package dev.sanctl.backup;

import dev.sanctl.spi.host.Host;
import java.io.IOException;
import java.util.BitSet;

/**
 * How a backup's data moves from the source snapshot to the archive volume: {@link DdTransport}
 * (ranged {@code dd} through the {@link Host}s, checksums kept by this process) or {@link
 * StreamTransport} ({@code ddless send} on the source node, {@code ddless receive} on the archive
 * node, which owns the checksum file). One instance serves any number of jobs: {@link
 * #storedChecksums} when the archive volume already had the source's size, {@link #copy}, then
 * {@link #keepChecksums} once the archive snapshot exists.
 */
interface CopyTransport {
  /**
   * The archive volume's current checksum file, when it fits a source of {@code size} bytes: its
   * entries (null when only the receiver reads them) and whether it is usable at all.
   */
  Stored storedChecksums(HostFiles archive, ChecksumPaths paths, long size) throws IOException;

  /** Copies the selected segments and leaves the current checksum file matching the archive. */
  Copied copy(CopyRequest request) throws IOException;

  /** Keeps the checksum file of the archive snapshot {@code snapshot} just taken. */
  void keepChecksums(CopyRequest request, Copied copied, String snapshot) throws IOException;

  /** A checksum file found on the archive; {@code entries} null when not read. */
  record Stored(long[] entries, boolean usable) {
    static final Stored NONE = new Stored(null, false);
  }

  /**
   * One copy.
   *
   * @param selected segments to read; null for all of them
   * @param stored checksums of the archive volume; null when there is no usable checksum file
   *     (every segment read is written) or the transport does not read it
   * @param grown whether the archive volume was grown to {@code size} (its checksums were
   *     recomputed into {@code stored})
   * @param map the job's change map (its work directory holds a streamed map file)
   */
  record CopyRequest(
      Host source,
      String snapshotDevice,
      long size,
      BitSet selected,
      Host archive,
      String archiveDevice,
      ChecksumPaths paths,
      long[] stored,
      boolean grown,
      int workers,
      ChangeMapSource map) {
    HostFiles archiveFiles() {
      return new HostFiles(archive);
    }
  }

  /** What a copy did; {@code checksums} of the archive after it, null when not known here. */
  record Copied(long segmentsRead, long segmentsChanged, long bytesWritten, long[] checksums) {}
}
