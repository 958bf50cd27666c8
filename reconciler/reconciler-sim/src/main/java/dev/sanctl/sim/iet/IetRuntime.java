package dev.sanctl.sim.iet;

import dev.sanctl.sim.NodeFlags;
import dev.sanctl.sim.SimNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The IET kernel module of a simulated node: target and LUN life cycle with the kernel's checks
 * (errno results), the {@code /proc/net/iet} files, initiator sessions and the ddmap change maps.
 */
public final class IetRuntime {
  static final int ENOENT = 2;
  static final int ENOTBLK = 15;
  static final int EBUSY = 16;
  static final int EEXIST = 17;
  static final int EINVAL = 22;

  static final String PROC = "/proc/net/iet/";
  static final String DDMAP = PROC + "ddmap/";
  static final int SEGMENT_SHIFT = 14;

  private IetRuntime() {}

  public static String strerror(int errno) {
    return switch (errno) {
      case ENOENT -> "No such file or directory";
      case ENOTBLK -> "Block device required";
      case EBUSY -> "Device or resource busy";
      case EEXIST -> "File exists";
      default -> "Invalid argument";
    };
  }

  /** Adds a target ({@code tid} 0: the kernel picks the next id); 0 or an errno. */
  public static int addTarget(IetState s, int tid, String name) {
    if (s.target(name) != null || (tid != 0 && s.target(tid) != null)) return EEXIST;
    if (tid == 0) {
      do {
        s.nextTargetId++;
        if (s.nextTargetId == 0) s.nextTargetId++;
      } while (s.target(s.nextTargetId) != null);
      tid = s.nextTargetId;
    }
    s.targets.add(new IetState.Target(tid, name));
    return 0;
  }

  /** Deletes a target that has no sessions; 0 or an errno. */
  public static int deleteTarget(SimNode node, int tid) throws IOException {
    IetState s = node.iet();
    IetState.Target t = s.target(tid);
    if (t == null) return ENOENT;
    if (!t.sessions.isEmpty()) return EBUSY;
    for (IetState.Lun l : t.luns) Files.deleteIfExists(ddmapFile(node, t, l));
    s.targets.remove(t);
    return 0;
  }

  /** Adds a LUN from a parameter string ({@code Path=...,Type=...}); 0 or an errno. */
  public static int addLun(SimNode node, int tid, int lun, String params) throws IOException {
    IetState.Target t = node.iet().target(tid);
    if (t == null) return ENOENT;
    if (t.lun(lun) != null) return EEXIST;
    if (lun > 0x3fff) return EINVAL;
    String type = "fileio";
    String ioMode = "wt";
    String path = null;
    int blockSize = 512;
    long nullBlocks = 0;
    for (String p : params.split(",")) {
      if (p.isEmpty()) continue;
      int eq = p.indexOf('=');
      String key = (eq < 0 ? p : p.substring(0, eq)).toLowerCase(Locale.ROOT);
      String value = eq < 0 ? "" : p.substring(eq + 1);
      switch (key) {
        case "type" -> {
          if (!List.of("fileio", "blockio", "nullio").contains(value)) return ENOENT;
          type = value;
        }
        case "iomode" -> {
          if (!List.of("ro", "wb", "wt").contains(value)) return EINVAL;
          ioMode = value;
        }
        case "scsiid" -> {
          if (value.length() > 16) return EINVAL;
        }
        case "scsisn" -> {
          if (value.length() > 32 || !value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return EINVAL;
          }
        }
        case "blocksize" -> {
          long b = IetParams.strtol(value);
          if (b < 512 || b > 4096 || Long.bitCount(b) != 1) return EINVAL;
          blockSize = (int) b;
        }
        case "path" -> path = value;
        case "blocks" -> nullBlocks = IetParams.strtol(value);
        case "sectors" -> nullBlocks = IetParams.strtol(value);
        default -> {
          if (!type.equals("nullio")) return EINVAL;
        }
      }
    }
    if (type.equals("blockio") && ioMode.equals("wb")) ioMode = "wt";
    long size;
    if (type.equals("nullio")) {
      size = nullBlocks * blockSize;
    } else {
      if (path == null) return EINVAL;
      Optional<Path> dev = node.blockDevice(path);
      Path file = node.file(path);
      if (dev.isPresent()) {
        if (type.equals("blockio") && openedExclusively(node, dev.get())) return EBUSY;
        size = Files.size(dev.get());
      } else if (path.startsWith(PROC) || !Files.isRegularFile(file)) {
        return ENOENT;
      } else if (type.equals("blockio")) {
        return ENOTBLK;
      } else {
        size = Files.size(file);
      }
    }
    IetState.Lun l = new IetState.Lun(lun, params, path, type, ioMode, blockSize, size / blockSize);
    t.luns.add(l);
    Path map = ddmapFile(node, t, l);
    Files.createDirectories(map.getParent());
    Files.write(map, new byte[mapWords(l.sizeBytes()) * 4]);
    return 0;
  }

  /** blockio opens its device exclusively: a second blockio LUN on the same device is busy. */
  private static boolean openedExclusively(SimNode node, Path device) throws IOException {
    for (IetState.Target t : node.iet().targets) {
      for (IetState.Lun l : t.luns) {
        if (l.type.equals("blockio")
            && l.path != null
            && node.blockDevice(l.path).map(device::equals).orElse(false)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Deletes a LUN; with sessions it lingers in state 1 until they log out. */
  static int deleteLun(SimNode node, int tid, int lun) throws IOException {
    IetState.Target t = node.iet().target(tid);
    if (t == null) return ENOENT;
    IetState.Lun l = t.lun(lun);
    if (l == null || l.state == 1) return ENOENT;
    if (!t.sessions.isEmpty()) {
      l.state = 1;
    } else {
      t.luns.remove(l);
      Files.deleteIfExists(ddmapFile(node, t, l));
    }
    return 0;
  }

  /**
   * The device paths of every LUN on this node (an LV backing one of them is open): a set, so a
   * report asks it once for all its LVs.
   */
  public static Set<String> lunPaths(SimNode node) throws IOException {
    Set<String> paths = new HashSet<>();
    for (IetState.Target t : node.iet().targets) {
      for (IetState.Lun l : t.luns) {
        if (l.path != null) paths.add(l.path);
      }
    }
    return paths;
  }

  // ---- /proc/net/iet ----

  /** The content of a {@code /proc/net/iet} file, or empty when there is no such file. */
  public static Optional<byte[]> readProc(SimNode node, String abs) throws IOException {
    if (!node.hasService("iet")) return Optional.empty();
    if (abs.equals(PROC + "volume")) return Optional.of(utf8(volume(node)));
    if (abs.equals(PROC + "session")) return Optional.of(utf8(session(node)));
    if (abs.startsWith(DDMAP)) {
      LunRef ref = ddmapLun(node, abs.substring(DDMAP.length()));
      if (ref == null) return Optional.empty();
      return Optional.of(ddmap(node, ref));
    }
    return Optional.empty();
  }

  public static boolean isProcDir(SimNode node, String abs) throws IOException {
    return abs.equals("/proc")
        || abs.equals("/proc/net")
        || (node.hasService("iet")
            && (abs.equals("/proc/net/iet") || abs.equals("/proc/net/iet/ddmap")));
  }

  /**
   * Writes a command ({@code mapsuspend}, {@code mapresume}, {@code mapzap}) to a ddmap proc file;
   * 0 or an errno.
   */
  public static int writeProc(SimNode node, String abs, byte[] data) throws IOException {
    if (!node.hasService("iet")) return ENOENT;
    if (!abs.startsWith(DDMAP)) return abs.startsWith("/proc/") ? EINVAL : ENOENT;
    LunRef ref = ddmapLun(node, abs.substring(DDMAP.length()));
    if (ref == null) return ENOENT;
    String cmd = new String(data, StandardCharsets.UTF_8).strip();
    switch (cmd) {
      case "mapsuspend" -> ref.lun.suspended = true;
      case "mapresume" -> ref.lun.suspended = false;
      case "mapzap" ->
          Files.write(
              ddmapFile(node, ref.target, ref.lun), new byte[mapWords(ref.lun.sizeBytes()) * 4]);
      default -> {
        return EINVAL;
      }
    }
    return 0;
  }

  static String volume(SimNode node) throws IOException {
    boolean old = node.flags().get(NodeFlags.IET_VERSION).compareTo("1.4.20") < 0;
    StringBuilder sb = new StringBuilder();
    List<IetState.Target> targets = new ArrayList<>(node.iet().targets);
    for (int i = targets.size() - 1; i >= 0; i--) {
      IetState.Target t = targets.get(i);
      sb.append("tid:").append(t.tid).append(" name:").append(t.name).append('\n');
      for (IetState.Lun l : t.luns) {
        sb.append("\tlun:").append(l.lun).append(" state:").append(Integer.toHexString(l.state));
        sb.append(" iotype:").append(l.type).append(" iomode:").append(l.ioMode);
        if (!old) sb.append(" blocks:").append(l.blocks).append(" blocksize:").append(l.blockSize);
        if (!l.type.equals("nullio")) sb.append(" path:").append(l.path);
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  static String session(SimNode node) throws IOException {
    StringBuilder sb = new StringBuilder();
    List<IetState.Target> targets = node.iet().targets;
    for (int i = targets.size() - 1; i >= 0; i--) {
      IetState.Target t = targets.get(i);
      sb.append("tid:").append(t.tid).append(" name:").append(t.name).append('\n');
      for (int j = t.sessions.size() - 1; j >= 0; j--) {
        IetState.Session s = t.sessions.get(j);
        sb.append("\tsid:").append(Long.toUnsignedString(s.sid));
        sb.append(" initiator:").append(s.initiator).append('\n');
        for (IetState.Connection c : s.connections) {
          sb.append("\t\tcid:").append(c.cid()).append(" ip:").append(c.ip());
          sb.append(" state:").append(c.state()).append(" hd:").append(c.headerDigest());
          sb.append(" dd:").append(c.dataDigest()).append('\n');
        }
      }
    }
    return sb.toString();
  }

  // ---- ddmap ----

  record LunRef(IetState.Target target, IetState.Lun lun) {}

  static int mapWords(long sizeBytes) {
    long segments = (sizeBytes + (1L << SEGMENT_SHIFT) - 1) >> SEGMENT_SHIFT;
    return (int) ((segments + 31) / 32);
  }

  private static LunRef ddmapLun(SimNode node, String entry) throws IOException {
    int dot = entry.lastIndexOf('.');
    if (dot < 0) return null;
    IetState.Target t = node.iet().target(entry.substring(0, dot));
    if (t == null) return null;
    for (IetState.Lun l : t.luns) {
      if (String.valueOf(l.lun).equals(entry.substring(dot + 1)) && l.state == 0) {
        return new LunRef(t, l);
      }
    }
    return null;
  }

  static Path ddmapFile(SimNode node, IetState.Target t, IetState.Lun l) {
    return node.cluster().layout().ddmap(node.name(), t.name + "." + l.lun);
  }

  /** The proc file: the 20-byte header ({@code spec/ddless.md}) and the map words. */
  private static byte[] ddmap(SimNode node, LunRef ref) throws IOException {
    byte[] words = Files.readAllBytes(ddmapFile(node, ref.target, ref.lun));
    String name = ref.target.name + "." + ref.lun.lun;
    long sum = 0;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) sum += b & 0xff;
    ByteBuffer buf = ByteBuffer.allocate(20 + words.length).order(ByteOrder.LITTLE_ENDIAN);
    buf.put("ddmap".getBytes(StandardCharsets.US_ASCII));
    buf.position(8);
    buf.put((byte) 1);
    buf.put((byte) (ref.lun.suspended ? 1 : 0));
    buf.position(12);
    buf.putInt((int) sum);
    buf.putInt(words.length / 4);
    buf.put(words);
    return buf.array();
  }

  /** Marks every 16 KiB segment overlapping {@code [offset, offset+length)}. */
  static void mark(Path map, long offset, long length) throws IOException {
    if (length <= 0) return;
    byte[] words = Files.readAllBytes(map);
    long first = offset >> SEGMENT_SHIFT;
    long last = (offset + length - 1) >> SEGMENT_SHIFT;
    for (long seg = first; seg <= last && (seg / 32) * 4 < words.length; seg++) {
      int word = (int) (seg / 32);
      int bit = (int) (seg % 32);
      int byteIndex = word * 4 + bit / 8;
      words[byteIndex] |= (byte) (1 << (bit % 8));
    }
    Files.write(map, words);
  }

  // ---- initiators ----

  static IetState.Target requireTarget(SimNode node, String iqn) throws IOException {
    IetState.Target t = node.iet().target(iqn);
    if (t == null) {
      throw new IllegalArgumentException("node " + node.name() + " serves no target " + iqn);
    }
    return t;
  }

  public static void addSession(SimNode node, String iqn, String initiator, String ip)
      throws IOException {
    IetState s = node.iet();
    IetState.Target t = requireTarget(node, iqn);
    long tsih = s.nextTsih++ & 0xffff;
    long qualifier = s.nextIsidQualifier++ & 0xff;
    long sid = (tsih << 48) | (qualifier << 24) | 0x3d0200L;
    IetState.Session session = new IetState.Session(sid, initiator);
    session.connections.add(new IetState.Connection(0, ip, "active", "none", "none"));
    t.sessions.add(session);
  }

  public static void removeSession(SimNode node, String iqn, String initiator, String ip)
      throws IOException {
    IetState.Target t = requireTarget(node, iqn);
    boolean removed =
        t.sessions.removeIf(
            s ->
                s.initiator.equals(initiator)
                    && (ip == null || s.connections.stream().anyMatch(c -> c.ip().equals(ip))));
    if (!removed) {
      throw new IllegalArgumentException(
          "no session of " + initiator + (ip == null ? "" : " from " + ip) + " on " + iqn);
    }
    releaseDeletedLuns(node, t);
  }

  /** LUNs deleted while in use disappear when the last session is gone. */
  static void releaseDeletedLuns(SimNode node, IetState.Target t) throws IOException {
    if (!t.sessions.isEmpty()) return;
    for (IetState.Lun l : new ArrayList<>(t.luns)) {
      if (l.state == 1) {
        t.luns.remove(l);
        Files.deleteIfExists(ddmapFile(node, t, l));
      }
    }
  }

  /**
   * An initiator writes random bytes to LUN 0: every byte written differs from the one it replaces
   * (so a test can count the changed segments exactly), and the ddmap marks them.
   */
  public static void write(SimNode node, String iqn, long offset, long length) throws IOException {
    IetState.Target t = requireTarget(node, iqn);
    IetState.Lun l = t.lun(0);
    if (l == null || l.state != 0 || l.path == null) {
      throw new IllegalArgumentException("target " + iqn + " has no LUN 0 backed by a device");
    }
    if (offset < 0 || length < 0 || offset + length > l.sizeBytes()) {
      throw new IllegalArgumentException(
          "write ["
              + offset
              + ", "
              + (offset + length)
              + ") beyond the end of "
              + iqn
              + " LUN 0 ("
              + l.sizeBytes()
              + " bytes)");
    }
    if (l.suspended) {
      throw new IllegalStateException(
          "the ddmap of " + iqn + ".0 is suspended: writes wait for mapresume");
    }
    Path data = node.blockDevice(l.path).orElse(node.file(l.path));
    Random random = new Random(offset * 31 + length + System.nanoTime());
    try (RandomAccessFile f = new RandomAccessFile(data.toFile(), "rw")) {
      f.seek(offset);
      byte[] chunk = new byte[(int) Math.min(length, 1 << 20)];
      long left = length;
      while (left > 0) {
        int n = (int) Math.min(left, chunk.length);
        long at = f.getFilePointer();
        int have = Math.max(0, f.read(chunk, 0, n));
        java.util.Arrays.fill(chunk, have, n, (byte) 0);
        for (int i = 0; i < n; i++) chunk[i] ^= (byte) (1 + random.nextInt(255));
        f.seek(at);
        f.write(chunk, 0, n);
        left -= n;
      }
    }
    node.written(l.path, offset, length);
    mark(ddmapFile(node, t, l), offset, length);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
