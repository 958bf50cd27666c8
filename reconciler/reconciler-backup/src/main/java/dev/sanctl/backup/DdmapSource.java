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
 * The IET ddmap of the target exporting the volume, as iet_luncopy uses it: suspend the map, take
 * the classic snapshot, mark the state DIRTY, zap and resume; the copy reads the marked segments
 * (with the dumps stored at target shutdowns), all of them when the state was UNKNOWN or DIRTY. A
 * completed backup makes the state ACTIVE.
 */
final class DdmapSource extends FullReadSource {
  private final MapStateRun state;
  private final String proc;
  private final HostFiles files;
  private byte[] mapBytes;
  private boolean suspended;
  private List<String> dumps = List.of();

  DdmapSource(Host host, VolumeGroup vg, VolumeRef ref, MapStateStore store, String proc,
      Clock clock) {
    super(host, vg, ref);
    this.state = new MapStateRun(store, clock);
    this.proc = proc;
    this.files = new HostFiles(host);
  }

  @Override
  public String snapshot(long originBytes) throws IOException {
    state.begin();
    files.writeProc(proc, "mapsuspend");
    suspended = true;
    mapBytes = files.read(proc).orElse(null);
    String dev = super.snapshot(originBytes);
    state.started("backup started, map zapped");
    files.writeProc(proc, "mapzap");
    files.writeProc(proc, "mapresume");
    suspended = false;
    return dev;
  }

  @Override
  public BitSet select(long size) throws IOException {
    if (mapBytes == null || state.before().requiresFullRead()) return null;
    DdMap map = DdMap.parse(mapBytes, proc);
    dumps = state.store().dumps();
    for (String d : dumps) map = orInto(map, state.store().readDump(d));
    return select(map, size);
  }

  @Override
  public String stateBefore() {
    return state.before().name();
  }

  @Override
  public String finalState() {
    return state.current();
  }

  @Override
  public String workDir() {
    return state.store().dir();
  }

  @Override
  public void succeeded(String archiveSnapshot) throws IOException {
    for (String d : dumps) state.store().removeDump(d);
    state.completed("backup completed " + archiveSnapshot);
  }

  @Override
  public void failed(String reason) {
    state.failed(reason);
  }

  @Override
  public void cleanup() {
    try {
      if (suspended) files.writeProc(proc, "mapresume");
    } catch (IOException ignored) {
      // reported through the map state: the job already failed
    }
    super.cleanup();
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

  private static DdMap orInto(DdMap current, DdMap dump) {
    int[] words = current.words().clone();
    int[] other = dump.words();
    for (int i = 0; i < Math.min(words.length, other.length); i++) words[i] |= other[i];
    return new DdMap(current.version(), current.suspended(), current.nameSum(), words);
  }
}
