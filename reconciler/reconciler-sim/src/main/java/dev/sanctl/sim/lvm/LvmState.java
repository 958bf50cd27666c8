package dev.sanctl.sim.lvm;

import dev.sanctl.sim.StateFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * LVM metadata of the shared storage: every volume group, its logical volumes and the nodes where
 * it is active. Stored in {@code DIR/_san/lvm.state} (a snapshot followed by a journal of changes:
 * {@link LvmJournal}); LV data lives in sparse files beside it.
 */
public final class LvmState {
  /** Default physical extent size of lvm2 (4 MiB). */
  public static final long EXTENT_SIZE = 4L * 1024 * 1024;

  /** A volume group. */
  public static final class Vg {
    public final String name;
    final String uuid;
    final long extentSize;
    final long extentCount;
    public final Set<String> activeOn = new LinkedHashSet<>();

    /** The node where the meta volume is mounted (by init or failover), or null. */
    public String metaMountedOn;

    public final TreeMap<String, Lv> lvs = new TreeMap<>();

    public Vg(String name, String uuid, long extentSize, long extentCount) {
      this.name = name;
      this.uuid = uuid;
      this.extentSize = extentSize;
      this.extentCount = extentCount;
    }

    public String name() {
      return name;
    }

    /** Nodes where the group is active (normally one: its holder). */
    public Set<String> activeOn() {
      return activeOn;
    }

    /** Free extents: thin LVs are virtual; a pool also holds its metadata LV and the spare. */
    long freeExtents() {
      long used = 0;
      boolean pools = false;
      for (Lv lv : lvs.values()) {
        if (lv.isThin()) continue;
        used += lv.extents;
        if (lv.isThinPool()) {
          used++;
          pools = true;
        }
      }
      return extentCount - used - (pools ? 1 : 0);
    }

    long snapCount() {
      return lvs.values().stream().filter(l -> l.origin != null && !l.isThin()).count();
    }
  }

  /** A logical volume. */
  public static final class Lv {
    public final String name;
    final String uuid;
    long extents;
    String origin;
    final String time;
    final String tags;

    /** {@code thin-pool}, {@code thin}, or null for a linear LV or classic snapshot. */
    String segType;

    /** The thin pool of a thin LV. */
    public String pool;

    /** The thin device id of a thin LV (0 otherwise). */
    public long thinId;

    /** A thin pool's data block size in 512-byte sectors. */
    long chunkSectors;

    /** The activation-skip flag (thin snapshots get it: lv_attr 'k'). */
    boolean activationSkip;

    /** Not active although its group is (a thin snapshot created without -K). */
    public boolean inactive;

    public boolean isThinPool() {
      return "thin-pool".equals(segType);
    }

    public boolean isThin() {
      return "thin".equals(segType);
    }

    Lv(String name, String uuid, long extents, String origin, String time, String tags) {
      this.name = name;
      this.uuid = uuid;
      this.extents = extents;
      this.origin = origin;
      this.time = time;
      this.tags = tags;
    }
  }

  public final TreeMap<String, Vg> vgs = new TreeMap<>();
  long sequence;
  private final LvmJournal journal = new LvmJournal();

  public Vg vg(String name) {
    return vgs.get(name);
  }

  /** Reads the snapshot and replays the journal after it ({@link LvmJournal}). */
  public static LvmState load(Path file) throws IOException {
    LvmState s = new LvmState();
    List<List<String>> records = StateFile.read(file);
    for (List<String> r : records) {
      switch (r.get(0)) {
        case "seq" -> s.sequence = Long.parseLong(r.get(1));
        case "vg" -> {
          Vg vg = new Vg(r.get(1), r.get(2), Long.parseLong(r.get(3)), Long.parseLong(r.get(4)));
          Vg was = s.vgs.put(r.get(1), vg);
          if (was != null) vg.lvs.putAll(was.lvs); // its active and mounted lines follow
        }
        case "-vg" -> s.vgs.remove(r.get(1));
        case "active" -> s.vgs.get(r.get(1)).activeOn.add(r.get(2));
        case "mounted" -> s.vgs.get(r.get(1)).metaMountedOn = r.get(2);
        case "lv" ->
            s.vgs
                .get(r.get(1))
                .lvs
                .put(
                    r.get(2),
                    new Lv(
                        r.get(2),
                        r.get(3),
                        Long.parseLong(r.get(4)),
                        r.get(5).isEmpty() ? null : r.get(5),
                        r.get(6),
                        r.get(7)));
        case "-lv" -> s.vgs.get(r.get(1)).lvs.remove(r.get(2));
        case "thin" -> {
          Lv lv = s.vgs.get(r.get(1)).lvs.get(r.get(2));
          lv.segType = r.get(3).isEmpty() ? null : r.get(3);
          lv.pool = r.get(4).isEmpty() ? null : r.get(4);
          lv.thinId = Long.parseLong(r.get(5));
          lv.chunkSectors = Long.parseLong(r.get(6));
          lv.activationSkip = r.get(7).equals("1");
          lv.inactive = r.get(8).equals("1");
        }
        default -> throw new IOException(file + ": unknown record " + r.get(0));
      }
    }
    s.journal.loaded(s, records.size());
    return s;
  }

  /** Writes what changed since this state was loaded or last saved ({@link LvmJournal}). */
  public void save(Path file) throws IOException {
    journal.save(this, file);
  }

  /** A deterministic lvm-style UUID ({@code 6-4-4-4-4-4-6} characters). */
  public String newUuid(String seed) {
    sequence++;
    String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    long h = 1125899906842597L;
    for (char c : (seed + "#" + sequence).toCharArray()) h = 31 * h + c;
    java.util.Random r = new java.util.Random(h);
    StringBuilder sb = new StringBuilder();
    int[] groups = {6, 4, 4, 4, 4, 4, 6};
    for (int g = 0; g < groups.length; g++) {
      if (g > 0) sb.append('-');
      for (int i = 0; i < groups[g]; i++) sb.append(chars.charAt(r.nextInt(chars.length())));
    }
    return sb.toString();
  }
}
