package dev.sanctl.sim.lvm;

import dev.sanctl.sim.SimNode;
import dev.sanctl.sim.Topology;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * lvm2 report rendering ({@code lvs}, {@code vgs}): the field table, units, and the {@code json}
 * and {@code basic} output formats byte for byte as lvm2 2.03.16 prints them.
 */
final class LvmReport {
  /**
   * One report row: a VG, and the LV for {@code lvs}; rows of one report share their {@link
   * ReportIndex}.
   */
  record Row(LvmState.Vg vg, LvmState.Lv lv, SimNode node, ReportIndex index) {
    /** A row on its own (an index of its own). */
    Row(LvmState.Vg vg, LvmState.Lv lv, SimNode node) {
      this(vg, lv, node, new ReportIndex());
    }
  }

  @FunctionalInterface
  interface Value {
    String of(Row r) throws IOException;
  }

  /** A report field; {@code bytes} fields are rendered in the requested units. */
  record Field(String id, String heading, boolean bytes, boolean lvField, Value value) {}

  static final Map<String, Field> FIELDS = new LinkedHashMap<>();

  private static void lv(String id, String heading, Value v) {
    FIELDS.put(id, new Field(id, heading, false, true, v));
  }

  private static void lvBytes(String id, String heading, Value v) {
    FIELDS.put(id, new Field(id, heading, true, true, v));
  }

  private static void vg(String id, String heading, Value v) {
    FIELDS.put(id, new Field(id, heading, false, false, v));
  }

  private static void vgBytes(String id, String heading, Value v) {
    FIELDS.put(id, new Field(id, heading, true, false, v));
  }

  static {
    lv("lv_name", "LV", r -> r.lv().name);
    lv("lv_full_name", "LV", r -> r.vg().name + "/" + r.lv().name);
    lv("lv_path", "Path", r -> r.lv().isThinPool() ? "" : Lvm.lvPath(r.vg().name, r.lv().name));
    lv("lv_dm_path", "DMPath", r -> Lvm.dmPath(r.vg().name, r.lv().name));
    lv("lv_uuid", "LV UUID", r -> r.lv().uuid);
    lv("lv_attr", "Attr", LvmReport::attr);
    lvBytes("lv_size", "LSize", r -> String.valueOf(r.lv().extents * r.vg().extentSize));
    lv("seg_count", "#Seg", r -> "1");
    lv("origin", "Origin", r -> r.lv().origin == null ? "" : r.lv().origin);
    lvBytes("origin_size", "OSize", LvmReport::originSize);
    lv("pool_lv", "Pool", r -> r.lv().pool == null ? "" : r.lv().pool);
    lv("thin_id", "ThId", r -> r.lv().isThin() ? String.valueOf(r.lv().thinId) : "");
    lv("data_percent", "Data%", LvmReport::dataPercent);
    lv("snap_percent", "Snap%", LvmReport::dataPercent);
    lv("metadata_percent", "Meta%", r -> "");
    lv("move_pv", "Move", r -> "");
    lv("mirror_log", "Log", r -> "");
    lv("copy_percent", "Cpy%Sync", r -> "");
    lv("convert_lv", "Convert", r -> "");
    lv("lv_tags", "LV Tags", r -> r.lv().tags);
    lv("lv_time", "CTime", r -> r.lv().time);
    lv("lv_host", "Host", r -> r.node().name());
    lv("lv_role", "Role", r -> "public");
    lv("lv_active", "Active", r -> active(r) ? "active" : "");
    lv("lv_active_locally", "ActLocal", r -> active(r) ? "active locally" : "");
    lv("lv_device_open", "DevOpen", r -> open(r) ? "open" : "");
    lv("lv_kernel_major", "KMaj", r -> active(r) ? "253" : "-1");
    lv("lv_kernel_minor", "KMin", r -> active(r) ? String.valueOf(minor(r)) : "-1");
    vg("vg_name", "VG", r -> r.vg().name);
    vg("vg_uuid", "VG UUID", r -> r.vg().uuid);
    vg("vg_attr", "Attr", r -> "wz--n-");
    vgBytes("vg_size", "VSize", r -> String.valueOf(r.vg().extentCount * r.vg().extentSize));
    vgBytes("vg_free", "VFree", r -> String.valueOf(r.vg().freeExtents() * r.vg().extentSize));
    vgBytes("vg_extent_size", "Ext", r -> String.valueOf(r.vg().extentSize));
    vg("vg_extent_count", "#Ext", r -> String.valueOf(r.vg().extentCount));
    vg("vg_free_count", "Free", r -> String.valueOf(r.vg().freeExtents()));
    vg("lv_count", "#LV", r -> String.valueOf(r.vg().lvs.size()));
    vg("snap_count", "#SN", r -> String.valueOf(r.vg().snapCount()));
    vg("pv_count", "#PV", r -> "1");
    vg("max_lv", "MaxLV", r -> "0");
    vg("max_pv", "MaxPV", r -> "0");
    vg("vg_tags", "VG Tags", r -> "");
    vg("vg_seqno", "Seq", r -> "1");
  }

  static final List<String> LVS_DEFAULT =
      List.of(
          "lv_name",
          "vg_name",
          "lv_attr",
          "lv_size",
          "pool_lv",
          "origin",
          "data_percent",
          "metadata_percent",
          "move_pv",
          "mirror_log",
          "copy_percent",
          "convert_lv");
  static final List<String> VGS_DEFAULT =
      List.of("vg_name", "pv_count", "lv_count", "snap_count", "vg_attr", "vg_size", "vg_free");

  private LvmReport() {}

  /** A snapshot's origin size; an origin of classic snapshots shows its own size. */
  private static String originSize(Row r) {
    LvmState.Lv origin = r.lv().origin == null ? null : r.vg().lvs.get(r.lv().origin);
    if (origin == null && r.index().isClassicOrigin(r.vg(), r.lv())) {
      origin = r.lv();
    }
    return origin == null ? "" : String.valueOf(origin.extents * r.vg().extentSize);
  }

  /** The field list lvm2 2.03.16 prints before "Unrecognised field" (a resource, as captured). */
  static String fieldHelp() {
    try (var in = LvmReport.class.getResourceAsStream("lvm-report-fields.txt")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** COW usage of an active snapshot (the simulator does not track it: 0.00). */
  private static String snapPercent(Row r) {
    return r.lv().origin != null && active(r) ? "0.00" : "";
  }

  static boolean active(Row r) {
    return r.vg().activeOn.contains(r.node().name()) && (r.lv() == null || !r.lv().inactive);
  }

  /** Mapped share of a thin volume or pool, a classic snapshot's COW usage (0.00), if active. */
  private static String dataPercent(Row r) throws IOException {
    LvmState.Lv lv = r.lv();
    if (!active(r) || !(lv.isThin() || lv.isThinPool())) return snapPercent(r);
    ThinMetadata md =
        ThinMetadata.load(r.node().context(), r.vg().name, lv.isThin() ? lv.pool : lv.name);
    double pct =
        lv.isThin()
            ? md.mapped(lv.thinId) * md.blockBytes() * 100.0 / (lv.extents * r.vg().extentSize)
            : md.usedBlocks() * 100.0 / Math.max(1, md.nrDataBlocks);
    return String.format(Locale.ROOT, "%.2f", pct);
  }

  /** Open on this node: served by a target, or the meta volume mounted on its holder. */
  static boolean open(Row r) throws IOException {
    return active(r) && (mounted(r) || r.index().isServed(r.node(), r.vg(), r.lv()));
  }

  /** The group's meta volume, mounted on this node (by init or failover). */
  static boolean mounted(Row r) throws IOException {
    Topology.VolumeGroup t = r.node().topology().volumeGroups().get(r.vg().name);
    return active(r)
        && r.node().name().equals(r.vg().metaMountedOn)
        && t != null
        && r.lv().name.equals(t.metaLv());
  }

  private static int minor(Row r) {
    return Math.floorMod((r.vg().name + "/" + r.lv().name).hashCode(), 200);
  }

  /** {@code lv_attr} per lvs(8): type, permissions, allocation, minor, state, open, target... */
  static String attr(Row r) throws IOException {
    LvmState.Lv lv = r.lv();
    if (lv.isThin() || lv.isThinPool()) {
      boolean used = lv.isThinPool() && r.index().isPoolInUse(r.vg(), lv);
      return new StringBuilder()
          .append(lv.isThin() ? 'V' : 't')
          .append("wi-")
          .append(active(r) ? 'a' : '-')
          .append(open(r) || (used && active(r)) ? 'o' : '-')
          .append("tz-")
          .append(lv.activationSkip ? 'k' : '-')
          .toString();
    }
    boolean origin = r.index().isClassicOrigin(r.vg(), lv);
    char type = lv.origin != null ? 's' : origin ? 'o' : '-';
    char target = lv.origin != null || origin ? 's' : '-';
    return new StringBuilder()
        .append(type)
        .append('w')
        .append('i')
        .append('-')
        .append(active(r) ? 'a' : '-')
        .append(open(r) ? 'o' : '-')
        .append(target)
        .append("---")
        .toString();
  }

  /** Resolves a field name as lvm does: exact id, or with the report's prefix added. */
  static Field field(String name, String prefix) {
    String n = name.toLowerCase(Locale.ROOT);
    Field f = FIELDS.get(n);
    if (f == null) f = FIELDS.get(prefix + n);
    return f;
  }

  /** Formats a byte count in lvm {@code --units}. */
  static String units(String bytes, String unit, boolean suffix) {
    if (bytes.isEmpty()) return bytes;
    long b = Long.parseLong(bytes);
    char u = unit == null ? 'h' : unit.charAt(0);
    switch (u) {
      case 'b', 'B':
        return suffix ? b + "B" : String.valueOf(b);
      case 's', 'S':
        return suffix ? (b / 512) + "S" : String.valueOf(b / 512);
      default:
        break;
    }
    boolean si = Character.isUpperCase(u) && u != 'H';
    long base = si ? 1000 : 1024;
    String order = "kmgtpe";
    int exp;
    boolean human = u == 'h' || u == 'H';
    if (human) {
      exp = 0;
      long v = b;
      while (v >= base && exp < order.length()) {
        v /= base;
        exp++;
      }
      exp = Math.max(exp, 1);
      u = si ? Character.toUpperCase(order.charAt(exp - 1)) : order.charAt(exp - 1);
    } else {
      exp = order.indexOf(Character.toLowerCase(u)) + 1;
    }
    BigDecimal exact = new BigDecimal(b).divide(new BigDecimal(base).pow(exp));
    // only human-readable units mark a value rounded up with '<'
    String v =
        human ? Lvm.roundedMarked(exact) : exact.setScale(2, RoundingMode.HALF_UP).toPlainString();
    return suffix ? v + u : v;
  }

  /** The JSON form: lvm2's log prefix, 4-space nesting, one row per line, strings only. */
  static String json(String report, List<String> ids, List<Map<String, String>> rows, String log) {
    StringBuilder sb = new StringBuilder();
    sb.append("  {\n");
    sb.append("      \"report\": [\n");
    sb.append("          {\n");
    sb.append("              \"").append(report).append("\": [\n");
    for (int i = 0; i < rows.size(); i++) {
      sb.append("                  {");
      for (int j = 0; j < ids.size(); j++) {
        if (j > 0) sb.append(", ");
        sb.append('"').append(ids.get(j)).append("\":\"");
        sb.append(escape(rows.get(i).get(ids.get(j)))).append('"');
      }
      sb.append('}').append(i < rows.size() - 1 ? ",\n" : "\n");
    }
    sb.append("              ]\n");
    sb.append("          }\n");
    sb.append("      ]\n");
    if (log != null) {
      sb.append("      ,\n");
      sb.append("      \"log\": [\n");
      sb.append(log);
      sb.append("      ]\n");
    }
    sb.append("  }\n");
    return sb.toString();
  }

  static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /**
   * The basic (columns) form: nothing without rows; headings unless suppressed; aligned unless a
   * separator is set: every column padded to its width (the last one too), headings and text left,
   * numbers right.
   */
  static String basic(
      List<Field> fields,
      List<Map<String, String>> rows,
      boolean headings,
      String separator,
      boolean aligned) {
    if (rows.isEmpty()) return "";
    List<List<String>> lines = new ArrayList<>();
    for (Map<String, String> r : rows) lines.add(fields.stream().map(f -> r.get(f.id())).toList());
    boolean align = separator == null || aligned;
    String sep = separator == null ? " " : separator;
    int[] width = new int[fields.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] =
          Math.max(
              MIN_WIDTH.getOrDefault(fields.get(i).id(), 0),
              headings ? fields.get(i).heading().length() : 0);
      for (List<String> l : lines) width[i] = Math.max(width[i], l.get(i).length());
    }
    StringBuilder sb = new StringBuilder();
    if (headings)
      sb.append(line(fields.stream().map(Field::heading).toList(), null, width, align, sep));
    for (List<String> l : lines) sb.append(line(l, fields, width, align, sep));
    return sb.toString();
  }

  private static String line(
      List<String> cells, List<Field> fields, int[] width, boolean align, String sep) {
    StringBuilder line = new StringBuilder("  ");
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) line.append(sep);
      String v = cells.get(i);
      if (!align) {
        line.append(v);
        continue;
      }
      String pad = " ".repeat(width[i] - v.length());
      boolean right = fields != null && (fields.get(i).bytes() || isNumeric(fields.get(i)));
      line.append(right ? pad + v : v + pad);
    }
    return line.append('\n').toString();
  }

  /** Column widths of lvm2's field definitions ({@code lib/report/columns.h}) above the heading. */
  private static final Map<String, Integer> MIN_WIDTH =
      Map.of(
          "data_percent", 6,
          "snap_percent", 6,
          "metadata_percent", 6,
          "lv_device_open", 10);

  private static boolean isNumeric(Field f) {
    return f.id().endsWith("_count")
        || f.id().endsWith("_percent")
        || List.of("thin_id", "max_lv", "max_pv", "vg_seqno", "lv_kernel_major", "lv_kernel_minor")
            .contains(f.id());
  }

  /** One {@code "log"} entry of lvm2 ≥ 2.03.26 JSON output. */
  static String logEntry(
      int seq,
      String type,
      String objectType,
      String object,
      String message,
      String errno,
      String retCode) {
    return "          {\"log_seq_num\":\""
        + seq
        + "\", \"log_type\":\""
        + type
        + "\", \"log_context\":\"processing\", \"log_object_type\":\""
        + objectType
        + "\", \"log_object_name\":\""
        + escape(object)
        + "\", \"log_object_id\":\"\", \"log_object_group\":\"\", \"log_object_group_id\":\"\","
        + " \"log_message\":\""
        + escape(message)
        + "\", \"log_errno\":\""
        + errno
        + "\", \"log_ret_code\":\""
        + retCode
        + "\"}";
  }
}
