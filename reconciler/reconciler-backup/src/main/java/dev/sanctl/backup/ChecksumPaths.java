package dev.sanctl.backup;

/**
 * Where the checksum files of an archive volume live in the {@code <pool>/ddless} filesystem:
 * {@code <dir>/<volume>.cksum} (current, with its {@code .stats} log) and one copy per snapshot,
 * {@code <dir>/<volume>@<snapshot>.cksum}.
 */
record ChecksumPaths(String dir, String volume) {
  String current() {
    return dir + "/" + ArchiveVolumes.checksumFileName(volume);
  }

  String stats() {
    return current() + ".stats";
  }

  String ofSnapshot(String snapshot) {
    return dir + "/" + ArchiveVolumes.snapshotChecksumFileName(volume, snapshot);
  }

  /** The snapshot a file name of {@link #ofSnapshot} refers to, or null for other files. */
  String snapshotOf(String fileName) {
    String prefix = volume.replace('/', '_') + "@";
    if (!fileName.startsWith(prefix) || !fileName.endsWith(".cksum")) return null;
    return fileName.substring(prefix.length(), fileName.length() - ".cksum".length());
  }
}
