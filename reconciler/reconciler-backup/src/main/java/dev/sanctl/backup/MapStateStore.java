package dev.sanctl.backup;

import dev.sanctl.ddless.DdMap;
import dev.sanctl.spi.model.VolumeGroup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The change-map bookkeeping of one volume on the node holding it, as ietd_ddmap.sh keeps it (seed
 * 003 section 3.10.3): directory {@code <meta mount>/ddmap/<lv>/} (or {@code
 * /var/lib/sanctl/ddmap/<vg>/<lv>/} without a meta volume) with {@code state} ({@code
 * DDMAP_<STATE>}), {@code log} (one line per transition: UTC time, old, new, reason) and the map
 * dumps taken at target shutdown ({@code <yyyyMMdd_HHmmss.nnnnnnnnn>.ddmapdump}).
 */
public final class MapStateStore {
  private static final DateTimeFormatter DUMP =
      DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss.nnnnnnnnn").withZone(ZoneOffset.UTC);

  private final HostFiles files;
  private final String dir;

  MapStateStore(HostFiles files, String dir) {
    this.files = files;
    this.dir = dir;
  }

  /** The directory of {@code lv} in {@code vg}. */
  public static String directory(VolumeGroup vg, String lv) {
    if (vg.metaVolume() != null && vg.metaVolume().mountPoint() != null) {
      return vg.metaVolume().mountPoint() + "/ddmap/" + lv;
    }
    return "/var/lib/sanctl/ddmap/" + vg.name() + "/" + lv;
  }

  public String dir() {
    return dir;
  }

  /** The current state; {@link MapState#UNKNOWN} when none was recorded. */
  public MapState state() throws IOException {
    Optional<byte[]> b = files.read(dir + "/state");
    if (b.isEmpty()) return MapState.UNKNOWN;
    return MapState.parse(new String(b.get(), StandardCharsets.US_ASCII));
  }

  /** Records a transition (also when the state stays the same) with its reason. */
  public void set(MapState from, MapState to, String reason, Instant now) throws IOException {
    files.mkdirs(dir);
    files.replace(dir + "/state", (to.fileName() + "\n").getBytes(StandardCharsets.US_ASCII));
    files.append(dir + "/log", now + " " + from.fileName() + " " + to.fileName() + " " + reason);
  }

  /** The log lines, oldest first. */
  public List<String> log() throws IOException {
    Optional<byte[]> b = files.read(dir + "/log");
    List<String> lines = new ArrayList<>();
    if (b.isPresent()) {
      for (String l : new String(b.get(), StandardCharsets.UTF_8).split("\n")) {
        if (!l.isEmpty()) lines.add(l);
      }
    }
    return lines;
  }

  /** Stores a map dumped at shutdown. */
  void storeDump(byte[] map, Instant now) throws IOException {
    files.mkdirs(dir);
    files.replace(dir + "/" + DUMP.format(now) + ".ddmapdump", map);
  }

  /** The stored dumps, oldest first, with their file names. */
  List<String> dumps() throws IOException {
    return files.list(dir).stream().filter(n -> n.endsWith(".ddmapdump")).toList();
  }

  DdMap readDump(String name) throws IOException {
    byte[] b = files.read(dir + "/" + name).orElseThrow(() -> new IOException(name + " vanished"));
    return DdMap.parse(b, dir + "/" + name);
  }

  void removeDump(String name) throws IOException {
    files.remove(dir + "/" + name);
  }
}
