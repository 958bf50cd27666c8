package dev.sanctl.sim;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** LVM facts shared by the lvm2 tools, failover and init. */
final class Lvm {
  static final DateTimeFormatter LV_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Lvm() {}

  static String lvPath(String vg, String lv) {
    return "/dev/" + vg + "/" + lv;
  }

  /** The device-mapper path: dashes in names are doubled. */
  static String dmPath(String vg, String lv) {
    return "/dev/mapper/" + vg.replace("-", "--") + "-" + lv.replace("-", "--");
  }

  static long extents(long bytes, long extentSize) {
    return (bytes + extentSize - 1) / extentSize;
  }

  /** Creates an LV with a sparse data file of its size. */
  static LvmState.Lv create(SimContext ctx, LvmState.Vg vg, String name, long extents)
      throws IOException {
    LvmState lvm = ctx.lvm();
    String time = LV_TIME.format(ctx.cluster.clock().instant());
    LvmState.Lv lv = new LvmState.Lv(name, lvm.newUuid(vg.name + "/" + name), extents, null, time, "");
    vg.lvs.put(name, lv);
    resize(ctx, vg, lv);
    return lv;
  }

  /** Sets the data file's length to the LV's size (sparse). */
  static void resize(SimContext ctx, LvmState.Vg vg, LvmState.Lv lv) throws IOException {
    Path data = ctx.cluster.layout().lvData(vg.name, lv.name);
    Files.createDirectories(data.getParent());
    try (RandomAccessFile f = new RandomAccessFile(data.toFile(), "rw")) {
      f.setLength(lv.extents * vg.extentSize);
    }
  }

  static void delete(SimContext ctx, LvmState.Vg vg, LvmState.Lv lv) throws IOException {
    vg.lvs.remove(lv.name);
    Files.deleteIfExists(ctx.cluster.layout().lvData(vg.name, lv.name));
  }

  /** lvm2's {@code display_size} in human units, e.g. {@code 4.00 MiB}. */
  static String displaySize(long bytes) {
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    if (bytes < 1024) return bytes + " B";
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.2f %s", v, units[u]);
  }
}
