package dev.sanctl.backup;

import dev.sanctl.ddless.ChecksumFile;
import dev.sanctl.ddless.CopyResult;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * The local transport: the selected segments are read from the source snapshot and the changed ones
 * written to the archive volume with ranged {@code dd} through the hosts ({@link RangeCopy}); this
 * process reads and writes the checksum file and appends its statistics line.
 */
final class DdTransport implements CopyTransport {
  private final Clock clock;
  private final DoubleSupplier elapsedSeconds;

  /**
   * @param elapsedSeconds seconds since the job started, for the statistics line
   */
  DdTransport(Clock clock, DoubleSupplier elapsedSeconds) {
    this.clock = clock;
    this.elapsedSeconds = elapsedSeconds;
  }

  @Override
  public Stored storedChecksums(HostFiles archive, ChecksumPaths paths, long size)
      throws IOException {
    Optional<byte[]> sums = archive.read(paths.current());
    if (sums.isPresent() && sums.get().length == ChecksumFile.expectedSize(size)) {
      return new Stored(ChecksumFile.fromBytes(sums.get()), true);
    }
    return Stored.NONE;
  }

  @Override
  public Copied copy(CopyRequest r) throws IOException {
    HostFiles arcFiles = r.archiveFiles();
    RangeCopy.Result copy =
        RangeCopy.copy(
            new HostDevices(r.source()),
            r.snapshotDevice(),
            new HostDevices(r.archive()),
            r.archiveDevice(),
            r.size(),
            r.selected(),
            r.stored(),
            r.workers());
    arcFiles.replace(r.paths().current(), ChecksumFile.toBytes(copy.checksums()));
    CopyResult stats =
        CopyResult.of(
            r.size(),
            copy.segmentsRead(),
            copy.segmentsChanged(),
            copy.bytesWritten(),
            r.stored() == null,
            elapsedSeconds.getAsDouble());
    arcFiles.append(
        r.paths().stats(), stats.statsLine(LocalDateTime.now(clock.withZone(ZoneOffset.UTC))));
    return new Copied(
        copy.segmentsRead(), copy.segmentsChanged(), copy.bytesWritten(), copy.checksums());
  }

  @Override
  public void keepChecksums(CopyRequest r, Copied copied, String snapshot) throws IOException {
    r.archiveFiles()
        .replace(r.paths().ofSnapshot(snapshot), ChecksumFile.toBytes(copied.checksums()));
  }
}
