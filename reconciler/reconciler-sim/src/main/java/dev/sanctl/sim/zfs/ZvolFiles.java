package dev.sanctl.sim.zfs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/**
 * The data of simulated ZFS volumes: one sparse file per volume and per volume snapshot under
 * {@code DIR/_san/zvol/<dataset>.img} (snapshots {@code <volume>@<snap>.img}, a copy taken when the
 * snapshot is created; clones start as a copy of their origin). Shared storage, like a pool's
 * disks: the files follow the pool to whichever node imports it. Device paths are those of illumos
 * ({@code /dev/zvol/dsk/<pool>/<vol>}, {@code /dev/zvol/rdsk/...}) and Linux ({@code
 * /dev/zvol/<pool>/<vol>}), {@code @snap} appended for snapshots.
 */
public final class ZvolFiles {
  private static final List<String> DEVICE_PREFIXES =
      List.of("/dev/zvol/rdsk/", "/dev/zvol/dsk/", "/dev/zvol/");

  private ZvolFiles() {}

  /** The file holding the data of a volume or volume snapshot. */
  public static Path file(Path clusterDir, String dataset) {
    return clusterDir.resolve("_san/zvol").resolve(dataset + ".img");
  }

  /** The dataset a zvol device path names, or empty when it is not a zvol path. */
  public static Optional<String> datasetOfDevice(String absolutePath) {
    for (String prefix : DEVICE_PREFIXES) {
      if (absolutePath.startsWith(prefix)) {
        String ds = absolutePath.substring(prefix.length());
        if (ds.startsWith("dsk/") || ds.startsWith("rdsk/")) continue;
        return ds.isEmpty() ? Optional.empty() : Optional.of(ds);
      }
    }
    return Optional.empty();
  }

  /** Bytes allocated to the data file of a volume or snapshot (0 when absent). */
  static long allocated(Path clusterDir, String dataset) {
    Path f = file(clusterDir, dataset);
    if (!Files.isRegularFile(f)) return 0;
    try {
      return POSIXFactory.getNativePOSIX().stat(f.toString()).blocks() * 512;
    } catch (RuntimeException | LinkageError e) {
      try {
        return Files.size(f);
      } catch (IOException io) {
        return 0;
      }
    }
  }

  /**
   * Brings the data files of {@code pools} in line with the model after a command: new snapshots
   * copied from their volume, new clones from their origin, volumes sized to {@code volsize}, files
   * of destroyed volumes and snapshots removed.
   */
  static void sync(Path clusterDir, ZfsSim zfs, Set<String> pools) throws IOException {
    Set<Path> wanted = new HashSet<>();
    for (Map.Entry<String, String> e : zfs.volumeSnapshots().entrySet()) {
      Path snap = file(clusterDir, e.getKey());
      wanted.add(snap);
      if (!Files.exists(snap)) copySparse(file(clusterDir, e.getValue()), snap);
    }
    for (Map.Entry<String, Long> v : zfs.volumes().entrySet()) {
      Path f = file(clusterDir, v.getKey());
      wanted.add(f);
      if (!Files.exists(f)) {
        String origin = zfs.origin(v.getKey());
        if (origin != null) copySparse(file(clusterDir, origin), f);
      }
      resize(f, v.getValue());
    }
    for (String pool : pools) {
      Path dir = clusterDir.resolve("_san/zvol").resolve(pool);
      if (!Files.isDirectory(dir)) continue;
      List<Path> stale = new ArrayList<>();
      try (Stream<Path> files = Files.walk(dir)) {
        files.filter(Files::isRegularFile).filter(p -> !wanted.contains(p)).forEach(stale::add);
      }
      for (Path p : stale) Files.delete(p);
    }
  }

  private static void resize(Path f, long size) throws IOException {
    Files.createDirectories(f.getParent());
    try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
      if (r.length() != size) r.setLength(size);
    }
  }

  /**
   * Copies {@code from} (absent: empty) keeping it sparse: only the data extents the host
   * filesystem reports ({@code SEEK_DATA}/{@code SEEK_HOLE}) are read; where that is not available,
   * every block is read and zero blocks are left as holes.
   */
  private static void copySparse(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    try (RandomAccessFile out = new RandomAccessFile(to.toFile(), "rw")) {
      if (!Files.exists(from)) return;
      long length = Files.size(from);
      out.setLength(length);
      try (RandomAccessFile in = new RandomAccessFile(from.toFile(), "r")) {
        List<long[]> extents = dataExtents(from, length);
        for (long[] e : extents) copyRange(in, out, e[0], e[1]);
      }
    }
  }

  private static final int SEEK_DATA = 3;
  private static final int SEEK_HOLE = 4;

  /** The {@code [start, end)} ranges holding data, or the whole file when unknown. */
  private static List<long[]> dataExtents(Path file, long length) {
    List<long[]> out = new ArrayList<>();
    try {
      POSIX posix = POSIXFactory.getNativePOSIX();
      int fd = posix.open(file.toString(), 0, 0);
      if (fd < 0) return List.of(new long[] {0, length});
      try {
        long pos = 0;
        while (pos < length) {
          long data = posix.lseekLong(fd, pos, SEEK_DATA);
          if (data < 0) break;
          long hole = posix.lseekLong(fd, data, SEEK_HOLE);
          if (hole < 0) hole = length;
          out.add(new long[] {data, hole});
          pos = hole;
        }
      } finally {
        posix.close(fd);
      }
      return out;
    } catch (RuntimeException | LinkageError e) {
      return List.of(new long[] {0, length});
    }
  }

  private static void copyRange(RandomAccessFile in, RandomAccessFile out, long start, long end)
      throws IOException {
    byte[] buf = new byte[1 << 20];
    long pos = start;
    while (pos < end) {
      int n = (int) Math.min(buf.length, end - pos);
      in.seek(pos);
      in.readFully(buf, 0, n);
      if (!zeros(buf, n)) {
        out.seek(pos);
        out.write(buf, 0, n);
      }
      pos += n;
    }
  }

  private static boolean zeros(byte[] b, int n) {
    for (int i = 0; i < n; i++) if (b[i] != 0) return false;
    return true;
  }
}
