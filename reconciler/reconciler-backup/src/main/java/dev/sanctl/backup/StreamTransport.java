package dev.sanctl.backup;

import dev.sanctl.ddless.ChecksumFile;
import dev.sanctl.spi.host.Command;
import java.io.IOException;

/**
 * The streaming transport ({@link StreamCopy}): {@code <sanctl> ddless send} on the source node,
 * {@code receive} on the archive node. With a selection, the map file ({@code backup.ddmap} in the
 * change map's work directory) limits what is sent; the receiver reads and writes the checksum file
 * and appends the statistics line itself.
 */
final class StreamTransport implements CopyTransport {
  private final String sanctl;

  /**
   * @param sanctl the sanctl executable on both nodes
   */
  StreamTransport(String sanctl) {
    this.sanctl = sanctl;
  }

  /** The receiver reads the checksum file itself; only whether it fits matters here. */
  @Override
  public Stored storedChecksums(HostFiles archive, ChecksumPaths paths, long size)
      throws IOException {
    boolean fits =
        archive.size(paths.current()).filter(n -> n == ChecksumFile.expectedSize(size)).isPresent();
    return fits ? new Stored(null, true) : Stored.NONE;
  }

  @Override
  public Copied copy(CopyRequest r) throws IOException {
    if (r.grown()) r.archiveFiles().replace(r.paths().current(), ChecksumFile.toBytes(r.stored()));
    String mapFile = null;
    if (r.selected() != null) {
      mapFile = r.map().workDir() + "/backup.ddmap";
      new HostFiles(r.source())
          .replace(mapFile, DdMapSource.mapOf(r.selected(), r.size()).toBytes());
    }
    StreamCopy.Result copy =
        StreamCopy.copy(
            sanctl,
            r.source(),
            r.snapshotDevice(),
            mapFile,
            r.workers(),
            r.archive(),
            r.archiveDevice(),
            r.paths().current());
    return new Copied(copy.segmentsRead(), copy.segmentsChanged(), copy.bytesWritten(), null);
  }

  /** A copy of the current checksum file, which the receiver wrote. */
  @Override
  public void keepChecksums(CopyRequest r, Copied copied, String snapshot) throws IOException {
    HostFiles.check(
        "cp " + r.paths().current(),
        r.archive().run(Command.change("cp", r.paths().current(), r.paths().ofSnapshot(snapshot))));
  }
}
