package dev.sanctl.backup;

import dev.sanctl.ddless.DdMap;
import dev.sanctl.ddless.Segments;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.model.VolumeRef;
import java.io.IOException;
import java.time.Clock;
import java.util.BitSet;
import java.util.List;

/**
 * {@code changeMap: ddmap}, as the original iet_luncopy: suspend the target's ddmap entry ({@code
 * /proc/net/iet/ddmap/<iqn>.<lun>}), read its map, snapshot the LV ({@code <lv>_bksnap}), mark the
 * state DIRTY, zap the map and resume; read the marked segments and those of the dumps stored at
 * target shutdowns ({@link MapStateStore}); after the backup remove the dumps and set the state
 * ACTIVE (CLEAN when the target was not running). Everything is read when the state is DIRTY or
 * UNKNOWN. When the entry is absent (the target is not running), nothing is suspended or zapped: a
 * CLEAN state means the stored dumps hold every write since the last backup, so only their segments
 * are read. A failure leaves the state DIRTY so that the next run reads everything.
 */
final class DdMapSource implements ChangeMapSource {
  private final Host host;
  private final HostFiles files;
  private final VolumeGroup vg;
  private final VolumeRef ref;
  private final String entry;
  private final String proc;
  private final Clock clock;
  private final MapStateStore store;
  private MapState before;
  private String finalState = "NONE";
  private boolean live;
  private byte[] mapBytes;
  private DdMap liveMap;
  private String suspended;
  private boolean snapshotTaken;
  private List<String> dumps = List.of();

  DdMapSource(Host host, VolumeGroup vg, VolumeRef ref, String entry, Clock clock) {
    this.host = host;
    this.files = new HostFiles(host);
    this.vg = vg;
    this.ref = ref;
    this.entry = entry;
    this.proc = "/proc/net/iet/ddmap/" + entry;
    this.clock = clock;
    this.store = new MapStateStore(files, MapStateStore.directory(vg, ref.lv()));
  }

  @Override
  public void prepare() throws IOException {
    before = store.state();
    live = files.writeProcIfPresent(proc, "mapsuspend");
    if (live) {
      suspended = proc;
      mapBytes = files.read(proc).orElse(null);
    }
  }

  @Override
  public String snapshot(long originBytes) throws IOException {
    if (mapBytes != null && !before.requiresFullRead()) {
      liveMap = trustedMap(mapBytes, proc, entry, originBytes);
    }
    String device = SourceVolume.snapshot(host, vg, ref, originBytes);
    snapshotTaken = true;
    store.set(
        before,
        MapState.DIRTY,
        live ? "backup started, map zapped" : "backup started, target not running",
        clock.instant());
    if (live) {
      files.writeProc(proc, "mapzap");
      files.writeProc(proc, "mapresume");
      suspended = null;
    }
    return device;
  }

  @Override
  public BitSet select(long size) throws IOException {
    if (before.requiresFullRead()) return null;
    dumps = store.dumps();
    DdMap map = liveMap;
    if (map == null && !live && before == MapState.CLEAN) map = mapOf(new BitSet(), size);
    if (map == null) return null;
    for (String d : dumps) map = orInto(map, store.readDump(d));
    return select(map, size);
  }

  @Override
  public String stateBefore() {
    return before == null ? "NONE" : before.name();
  }

  @Override
  public String finalState() {
    return finalState;
  }

  @Override
  public String workDir() {
    return store.dir();
  }

  @Override
  public void succeeded(String archiveSnapshot) throws IOException {
    for (String d : dumps) store.removeDump(d);
    MapState after = live ? MapState.ACTIVE : MapState.CLEAN;
    store.set(MapState.DIRTY, after, "backup completed " + archiveSnapshot, clock.instant());
    finalState = after.name();
  }

  @Override
  public void failed(String reason) {
    try {
      if (before != null) {
        store.set(before, MapState.DIRTY, "backup failed: " + reason, clock.instant());
      }
      finalState = MapState.DIRTY.name();
    } catch (IOException e) {
      finalState = "unknown (" + e.getMessage() + ")";
    }
  }

  @Override
  public void cleanup() {
    try {
      if (suspended != null) files.writeProc(suspended, "mapresume");
    } catch (IOException ignored) {
      // reported through the map state: the job already failed
    }
    try {
      if (snapshotTaken) SourceVolume.removeSnapshot(host, vg, ref);
    } catch (IOException ignored) {
      // a leftover snapshot is visible in lvs and removed by the next run's lvcreate failure
    }
  }

  /**
   * The live map of {@code entryName}, checked as {@code ddless -m} checks a map before trusting
   * it: its {@code name_sum} must be the entry's (else it is the map of another LUN) and it must
   * not cover more than the source ({@link DdMap#checkFits}); a shorter map is fine, the segments
   * beyond it are read ({@link #select(DdMap, long)}). A refused map fails the job before anything
   * is zapped or copied; the map state becomes DIRTY, so the next run reads everything.
   */
  static DdMap trustedMap(byte[] bytes, String proc, String entryName, long sourceBytes)
      throws IOException {
    DdMap map = DdMap.parse(bytes, proc);
    map.checkName(entryName, proc);
    map.checkFits(sourceBytes, proc);
    return map;
  }

  /** Segments to read: those marked, and every segment beyond the map (a grown source). */
  static BitSet select(DdMap map, long size) {
    long segments = Segments.count(size);
    long covered = Math.min(segments, (long) map.mapSize() * DdMap.SEGMENTS_PER_WORD);
    BitSet s = new BitSet();
    for (long i = 0; i < covered; i++) if (map.marked(i)) s.set((int) i);
    if (covered < segments) s.set((int) covered, (int) segments);
    return s;
  }

  /** A ddmap file for {@code ddless send -m}: the selection, covering the whole source. */
  static DdMap mapOf(BitSet selected, long size) {
    int[] words = new int[Math.toIntExact(DdMap.wordsFor(size))];
    for (int i = selected.nextSetBit(0); i >= 0; i = selected.nextSetBit(i + 1)) {
      words[i / DdMap.SEGMENTS_PER_WORD] |= 1 << (i % DdMap.SEGMENTS_PER_WORD);
    }
    return new DdMap(1, false, 0, words);
  }

  private static DdMap orInto(DdMap current, DdMap dump) {
    int[] words = current.words().clone();
    int[] other = dump.words();
    for (int i = 0; i < Math.min(words.length, other.length); i++) words[i] |= other[i];
    return new DdMap(current.version(), current.suspended(), current.nameSum(), words);
  }
}
