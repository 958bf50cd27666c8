package dev.sanctl.sim.lvm;

import dev.sanctl.sim.SimContext;
import dev.sanctl.sim.StateFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The metadata of one simulated thin pool, as dm-thin keeps it: per thin device id its mapping of
 * virtual blocks to pool data blocks with the time each was written, the device's creation and
 * snapshot times, the pool's time (incremented by every snapshot) and transaction id (one per thin
 * create or delete, as lvm2 sets it), and the metadata snapshot reserved by {@code dmsetup message
 * ... reserve_metadata_snap} (a frozen copy). A write to a block whose mapping is older than the
 * device's last snapshot (shared) gets a new data block; a newer one is written in place; {@code
 * thin_delta} compares these mappings. Stored in {@code DIR/_san/thin/<vg>/<pool>}.
 */
public final class ThinMetadata {
  /** One thin device: virtual block to {data block, time}. */
  static final class Device {
    final long id;
    final long creationTime;
    long snapTime;
    final TreeMap<Long, long[]> map = new TreeMap<>();

    Device(long id, long creationTime, long snapTime) {
      this.id = id;
      this.creationTime = creationTime;
      this.snapTime = snapTime;
    }

    Device copy(long newId, long creation, long snap) {
      Device d = new Device(newId, creation, snap);
      for (Map.Entry<Long, long[]> e : map.entrySet()) d.map.put(e.getKey(), e.getValue().clone());
      return d;
    }
  }

  /** The superblock fields and devices of a reserved metadata snapshot. */
  record Held(long time, long transaction, TreeMap<Long, Device> devices) {}

  private final Path file;
  long time;
  long transaction;
  long nrDataBlocks;
  long chunkSectors;
  long cursor;
  final TreeMap<Long, Device> devices = new TreeMap<>();
  Held held;

  private ThinMetadata(Path file) {
    this.file = file;
  }

  static Path file(SimContext ctx, String vg, String pool) {
    return ctx.cluster.layout().dir().resolve("_san/thin").resolve(vg).resolve(pool + ".state");
  }

  /** A new, empty pool of {@code nrDataBlocks} blocks of {@code chunkSectors} sectors. */
  static ThinMetadata create(
      SimContext ctx, String vg, String pool, long nrDataBlocks, long chunkSectors) {
    ThinMetadata m = new ThinMetadata(file(ctx, vg, pool));
    m.nrDataBlocks = nrDataBlocks;
    m.chunkSectors = chunkSectors;
    return m;
  }

  public static ThinMetadata load(SimContext ctx, String vg, String pool) throws IOException {
    ThinMetadata m = new ThinMetadata(file(ctx, vg, pool));
    TreeMap<Long, Device> heldDevices = null;
    for (List<String> r : StateFile.read(m.file)) {
      switch (r.get(0)) {
        case "pool" -> {
          m.time = Long.parseLong(r.get(1));
          m.transaction = Long.parseLong(r.get(2));
          m.nrDataBlocks = Long.parseLong(r.get(3));
          m.chunkSectors = Long.parseLong(r.get(4));
          m.cursor = Long.parseLong(r.get(5));
        }
        case "held" -> {
          heldDevices = new TreeMap<>();
          m.held = new Held(Long.parseLong(r.get(1)), Long.parseLong(r.get(2)), heldDevices);
        }
        case "dev" -> {
          Device d =
              new Device(
                  Long.parseLong(r.get(2)), Long.parseLong(r.get(3)), Long.parseLong(r.get(4)));
          (r.get(1).equals("held") ? heldDevices : m.devices).put(d.id, d);
        }
        case "map" -> {
          Device d =
              (r.get(1).equals("held") ? heldDevices : m.devices).get(Long.parseLong(r.get(2)));
          long v = Long.parseLong(r.get(3));
          long db = Long.parseLong(r.get(4));
          long len = Long.parseLong(r.get(5));
          long t = Long.parseLong(r.get(6));
          for (long i = 0; i < len; i++) d.map.put(v + i, new long[] {db + i, t});
        }
        default -> throw new IOException(m.file + ": unknown record " + r.get(0));
      }
    }
    return m;
  }

  public void save() throws IOException {
    List<List<String>> out = new ArrayList<>();
    out.add(StateFile.record("pool", time, transaction, nrDataBlocks, chunkSectors, cursor));
    devices(out, "live", devices);
    if (held != null) {
      out.add(StateFile.record("held", held.time(), held.transaction()));
      devices(out, "held", held.devices());
    }
    StateFile.write(file, out);
  }

  private static void devices(List<List<String>> out, String scope, TreeMap<Long, Device> devs) {
    for (Device d : devs.values()) {
      out.add(StateFile.record("dev", scope, d.id, d.creationTime, d.snapTime));
      long v0 = -1;
      long d0 = 0;
      long t0 = 0;
      long len = 0;
      for (Map.Entry<Long, long[]> e : d.map.entrySet()) {
        long v = e.getKey();
        long db = e.getValue()[0];
        long t = e.getValue()[1];
        if (len > 0 && v == v0 + len && db == d0 + len && t == t0) {
          len++;
          continue;
        }
        if (len > 0) out.add(StateFile.record("map", scope, d.id, v0, d0, len, t0));
        v0 = v;
        d0 = db;
        t0 = t;
        len = 1;
      }
      if (len > 0) out.add(StateFile.record("map", scope, d.id, v0, d0, len, t0));
    }
  }

  /** lvm2's next thin device id: one more than the largest in use. */
  long nextId() {
    return devices.isEmpty() ? 1 : devices.lastKey() + 1;
  }

  void createThin(long id) {
    devices.put(id, new Device(id, time, time));
    transaction++;
  }

  void createSnapshot(long id, long originId) {
    time++;
    Device origin = devices.get(originId);
    origin.snapTime = time;
    devices.put(id, origin.copy(id, time, time));
    transaction++;
  }

  void deleteDevice(long id) {
    devices.remove(id);
    transaction++;
  }

  long blockBytes() {
    return chunkSectors * 512;
  }

  /** Bytes {@code [offset, offset+length)} of device {@code id} were written. */
  public void written(long id, long offset, long length) throws IOException {
    Device d = devices.get(id);
    if (d == null || length <= 0) return;
    Set<Long> used = null;
    for (long b = offset / blockBytes(); b <= (offset + length - 1) / blockBytes(); b++) {
      long[] m = d.map.get(b);
      if (m != null && m[1] >= d.snapTime) continue; // not shared: written in place
      if (used == null) used = used();
      long data = allocate(used);
      used.add(data);
      d.map.put(b, new long[] {data, time});
    }
  }

  /** Pool blocks mapped by any device, live or in the reserved metadata snapshot. */
  private Set<Long> used() {
    Set<Long> used = new HashSet<>();
    for (Device d : devices.values()) for (long[] m : d.map.values()) used.add(m[0]);
    if (held != null) {
      for (Device d : held.devices().values()) for (long[] m : d.map.values()) used.add(m[0]);
    }
    return used;
  }

  /** The first free data block from the allocation cursor on (wrapping once). */
  private long allocate(Set<Long> used) throws IOException {
    for (long i = 0; i < nrDataBlocks; i++) {
      long b = (cursor + i) % nrDataBlocks;
      if (!used.contains(b)) {
        cursor = b + 1;
        return b;
      }
    }
    throw new IOException("thin pool out of data space");
  }

  /** Reserves the metadata snapshot; false when one is held already. */
  boolean reserve() {
    if (held != null) return false;
    TreeMap<Long, Device> copy = new TreeMap<>();
    for (Device d : devices.values()) copy.put(d.id, d.copy(d.id, d.creationTime, d.snapTime));
    held = new Held(time, transaction, copy);
    return true;
  }

  /** Releases the metadata snapshot; false when none is held. */
  boolean release() {
    if (held == null) return false;
    held = null;
    return true;
  }

  /** Blocks mapped by device {@code id} (for {@code data_percent}). */
  long mapped(long id) {
    Device d = devices.get(id);
    return d == null ? 0 : d.map.size();
  }

  long usedBlocks() {
    return used().size();
  }
}
