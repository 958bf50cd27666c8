package dev.sanctl.sim.lvm;

import dev.sanctl.sim.SimContext;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** LVM facts shared by the lvm2 tools, failover and init. */
public final class Lvm {
  static final DateTimeFormatter LV_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Lvm() {}

  public static String lvPath(String vg, String lv) {
    return "/dev/" + vg + "/" + lv;
  }

  /** The device-mapper path: dashes in names are doubled. */
  public static String dmPath(String vg, String lv) {
    return "/dev/mapper/" + vg.replace("-", "--") + "-" + lv.replace("-", "--");
  }

  public static long extents(long bytes, long extentSize) {
    return (bytes + extentSize - 1) / extentSize;
  }

  /** Creates an LV with a sparse data file of its size. */
  public static LvmState.Lv create(SimContext ctx, LvmState.Vg vg, String name, long extents)
      throws IOException {
    LvmState lvm = ctx.lvm();
    String time = LV_TIME.format(ctx.cluster.clock().instant());
    LvmState.Lv lv =
        new LvmState.Lv(name, lvm.newUuid(vg.name + "/" + name), extents, null, time, "");
    vg.lvs.put(name, lv);
    resize(ctx, vg, lv);
    return lv;
  }

  /**
   * Creates a classic (COW) snapshot of {@code origin}: {@code extents} of COW space from the
   * group; its device shows the origin's data as it was now (a sparse copy).
   */
  static LvmState.Lv snapshot(
      SimContext ctx, LvmState.Vg vg, LvmState.Lv origin, String name, long extents)
      throws IOException {
    String time = LV_TIME.format(ctx.cluster.clock().instant());
    LvmState.Lv lv =
        new LvmState.Lv(
            name, ctx.lvm().newUuid(vg.name + "/" + name), extents, origin.name, time, "");
    vg.lvs.put(name, lv);
    copySparse(
        ctx.cluster.layout().lvData(vg.name, origin.name),
        ctx.cluster.layout().lvData(vg.name, name));
    return lv;
  }

  /** lvm2's default thin-pool chunk: 64 KiB, in sectors. */
  static final long DEFAULT_CHUNK_SECTORS = 128;

  /** Creates a thin pool of {@code extents} data extents with empty metadata. */
  static LvmState.Lv thinPool(
      SimContext ctx, LvmState.Vg vg, String name, long extents, long chunkSectors)
      throws IOException {
    LvmState.Lv lv = create(ctx, vg, name, extents);
    Files.deleteIfExists(ctx.cluster.layout().lvData(vg.name, name));
    lv.segType = "thin-pool";
    lv.chunkSectors = chunkSectors;
    long blocks = extents * vg.extentSize / (chunkSectors * 512);
    ThinMetadata.create(ctx, vg.name, name, blocks, chunkSectors).save();
    return lv;
  }

  /** Creates a thin volume of {@code extents} virtual extents in {@code pool}. */
  static LvmState.Lv thinVolume(
      SimContext ctx, LvmState.Vg vg, LvmState.Lv pool, String name, long extents)
      throws IOException {
    ThinMetadata md = ThinMetadata.load(ctx, vg.name, pool.name);
    long id = md.nextId();
    md.createThin(id);
    md.save();
    LvmState.Lv lv = create(ctx, vg, name, extents);
    lv.segType = "thin";
    lv.pool = pool.name;
    lv.thinId = id;
    return lv;
  }

  /**
   * Creates a thin snapshot of the thin volume {@code origin}: a new thin device sharing every
   * block of the origin; activation is skipped unless {@code skip} is false or {@code activate}.
   */
  static LvmState.Lv thinSnapshot(
      SimContext ctx,
      LvmState.Vg vg,
      LvmState.Lv origin,
      String name,
      boolean skip,
      boolean activate)
      throws IOException {
    ThinMetadata md = ThinMetadata.load(ctx, vg.name, origin.pool);
    long id = md.nextId();
    md.createSnapshot(id, origin.thinId);
    md.save();
    LvmState.Lv lv = snapshot(ctx, vg, origin, name, origin.extents);
    lv.segType = "thin";
    lv.pool = origin.pool;
    lv.thinId = id;
    lv.activationSkip = skip;
    lv.inactive = skip && !activate;
    return lv;
  }

  /** Copies a file writing only its non-zero 64 KiB blocks, so holes stay holes. */
  static void copySparse(Path from, Path to) throws IOException {
    try (RandomAccessFile in = new RandomAccessFile(from.toFile(), "r");
        RandomAccessFile out = new RandomAccessFile(to.toFile(), "rw")) {
      out.setLength(0);
      out.setLength(in.length());
      byte[] buf = new byte[64 * 1024];
      long pos = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        for (int i = 0; i < n; i++) {
          if (buf[i] != 0) {
            out.seek(pos);
            out.write(buf, 0, n);
            break;
          }
        }
        pos += n;
      }
    }
  }

  /** Sets the data file's length to the LV's size (sparse); a snapshot keeps its origin's size. */
  static void resize(SimContext ctx, LvmState.Vg vg, LvmState.Lv lv) throws IOException {
    if (lv.origin != null || lv.isThinPool()) return;
    Path data = ctx.cluster.layout().lvData(vg.name, lv.name);
    Files.createDirectories(data.getParent());
    try (RandomAccessFile f = new RandomAccessFile(data.toFile(), "rw")) {
      f.setLength(lv.extents * vg.extentSize);
    }
  }

  static void delete(SimContext ctx, LvmState.Vg vg, LvmState.Lv lv) throws IOException {
    vg.lvs.remove(lv.name);
    Files.deleteIfExists(ctx.cluster.layout().lvData(vg.name, lv.name));
    if (lv.isThin()) {
      ThinMetadata md = ThinMetadata.load(ctx, vg.name, lv.pool);
      md.deleteDevice(lv.thinId);
      md.save();
      for (LvmState.Lv s : vg.lvs.values()) {
        if (s.isThin() && lv.name.equals(s.origin)) s.origin = null; // thin snapshots stay
      }
    }
    if (lv.isThinPool()) Files.deleteIfExists(ThinMetadata.file(ctx, vg.name, lv.name));
  }

  /**
   * lvm2's {@code display_size} in human units, e.g. {@code 4.00 MiB}; a value that two decimals
   * round up is marked {@code <} ({@code <4.00 GiB} for 4 GiB less 1 MiB).
   */
  static String displaySize(long bytes) {
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    if (bytes < 1024) return bytes + " B";
    int u = 0;
    BigDecimal base = BigDecimal.valueOf(1024);
    while (u < units.length - 1
        && BigDecimal.valueOf(bytes).compareTo(base.multiply(BigDecimal.valueOf(1024))) >= 0) {
      base = base.multiply(BigDecimal.valueOf(1024));
      u++;
    }
    return roundedMarked(BigDecimal.valueOf(bytes).divide(base)) + " " + units[u];
  }

  /** {@code value} with two decimals, {@code <} before it if rounding made it larger. */
  static String roundedMarked(BigDecimal value) {
    BigDecimal shown = value.setScale(2, RoundingMode.HALF_UP);
    return (shown.compareTo(value) > 0 ? "<" : "") + shown.toPlainString();
  }

  /**
   * The largest useful classic snapshot of an origin of {@code originBytes}, in extents ({@code
   * lib/metadata/snapshot_manip.c} cow_max_extents): every 4 KiB chunk of the origin, one exception
   * area per 256 chunks, one header chunk.
   */
  static long cowMaxExtents(long originBytes, long extentSize) {
    long chunk = 4096;
    long chunks = (originBytes + chunk - 1) / chunk;
    long perArea = chunk / 16;
    long areas = (chunks + perArea - 1) / perArea;
    return extents((chunks + areas + 1) * chunk, extentSize);
  }
}
