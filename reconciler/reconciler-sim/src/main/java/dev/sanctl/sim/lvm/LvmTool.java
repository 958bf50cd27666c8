package dev.sanctl.sim.lvm;

import dev.sanctl.sim.NodeFlags;
import dev.sanctl.sim.SimNode;
import dev.sanctl.sim.SimTool;
import dev.sanctl.sim.Topology;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.rules.LvmNames;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Simulated lvm2 2.03.16 tools: {@code vgs}, {@code lvs} (json and basic reports), {@code
 * lvcreate}, {@code lvextend}/{@code lvresize}, {@code lvremove}, with lvm2's messages (two-space
 * log prefix) and exit codes (5 for a failed command, 3 for a command-line error).
 */
public final class LvmTool implements SimTool {
  static final int ECMD_FAILED = 5;
  static final int EINVALID_CMD_LINE = 3;

  @Override
  public Set<String> names() {
    return Set.of(
        "vgs",
        "lvs",
        "lvcreate",
        "lvextend",
        "lvresize",
        "lvreduce",
        "lvremove",
        "lvrename",
        "vgchange");
  }

  /** Output being built: stdout and stderr, and the exit status. */
  private static final class Out {
    final StringBuilder out = new StringBuilder();
    final StringBuilder err = new StringBuilder();
    int status;

    /** A resize (lvextend, lvresize, lvreduce), whose rounding message differs from lvcreate's. */
    boolean resize;

    void print(String line) {
      out.append("  ").append(line).append('\n');
    }

    void error(String line) {
      err.append("  ").append(line).append('\n');
      status = ECMD_FAILED;
    }

    CommandResult result() {
      return CommandResult.of(status, out.toString(), err.toString());
    }
  }

  @Override
  public boolean installedOn(SimNode node) throws IOException {
    return "linux".equals(node.os());
  }

  @Override
  public CommandResult run(SimNode node, List<String> argv, byte[] stdin) throws IOException {
    String exe = argv.get(0);
    String program = exe.substring(exe.lastIndexOf('/') + 1);
    LvmArgs a;
    try {
      a = LvmArgs.parse(program, argv, Set.of("lvs", "vgs"));
    } catch (LvmArgs.ParseError e) {
      return CommandResult.of(
          EINVALID_CMD_LINE, "", e.getMessage() + "\n  Error during parsing of command line.\n");
    }
    CommandResult badArgument = LvmSizeArgs.check(program, a);
    if (badArgument != null) return badArgument;
    return switch (program) {
      case "vgs" -> report(node, a, false);
      case "lvs" -> report(node, a, true);
      case "lvcreate" -> lvcreate(node, a);
      case "lvextend", "lvresize", "lvreduce" -> lvextend(node, a, program);
      case "lvrename" -> LvRename.run(node, a);
      case "vgchange" -> vgchange(node, a);
      default -> lvremove(node, a, stdin);
    };
  }

  // ---- reports ----

  private CommandResult report(SimNode node, LvmArgs a, boolean lvs) throws IOException {
    Out o = new Out();
    String format = a.has("reportformat") ? a.get("reportformat") : "basic";
    if (!format.equals("json") && !format.equals("basic")) {
      return CommandResult.of(
          EINVALID_CMD_LINE,
          "",
          "  Invalid argument for --reportformat: "
              + format
              + "\n  Error during parsing of command line.\n");
    }
    List<LvmReport.Field> fields = new ArrayList<>();
    List<String> opts = a.all("options");
    List<String> names =
        opts.stream().allMatch(x -> x.startsWith("+"))
            ? new ArrayList<>(lvs ? LvmReport.LVS_DEFAULT : LvmReport.VGS_DEFAULT)
            : new ArrayList<>();
    for (String opt : opts) {
      names.addAll(List.of((opt.startsWith("+") ? opt.substring(1) : opt).split(",")));
    }
    for (String n : names) {
      if (n.isEmpty()) continue;
      LvmReport.Field f = LvmReport.field(n, lvs ? "lv_" : "vg_");
      if (f == null) {
        return CommandResult.of(
            ECMD_FAILED, "", LvmReport.fieldHelp() + "  Unrecognised field: " + n + "\n");
      }
      fields.add(f);
    }
    if (a.has("select")) {
      return CommandResult.of(
          ECMD_FAILED,
          "",
          "  --select is not implemented by the sanctl simulator; filter the full report.\n");
    }
    boolean logMode =
        format.equals("json")
            && (Boolean.parseBoolean(node.flags().get(NodeFlags.LVM_REPORT_LOG))
                || a.all("config").stream().anyMatch(c -> c.contains("report_command_log=1")));
    Log log = new Log(logMode);

    List<LvmReport.Row> rows = new ArrayList<>();
    List<LvmState.Vg> visible = visibleVgs(node);
    boolean perLv = lvs || fields.stream().anyMatch(LvmReport.Field::lvField);
    ReportIndex index = new ReportIndex();
    if (a.positional.isEmpty()) {
      for (LvmState.Vg vg : visible) addRows(rows, node, vg, null, perLv, index);
    } else {
      for (String p : a.positional) {
        String spec = p.startsWith("/dev/") ? p.substring(5) : p;
        String vgName = spec.contains("/") ? spec.substring(0, spec.indexOf('/')) : spec;
        String lvName = spec.contains("/") ? spec.substring(spec.indexOf('/') + 1) : null;
        LvmState.Vg vg =
            visible.stream().filter(v -> v.name.equals(vgName)).findFirst().orElse(null);
        if (vg == null) {
          fail(o, log, "vg", vgName, "Volume group \"" + vgName + "\" not found");
          fail(o, log, "vg", vgName, "Cannot process volume group " + vgName);
        } else if (lvName != null && (!lvs || !vg.lvs.containsKey(lvName))) {
          fail(
              o,
              log,
              "lv",
              spec,
              "Failed to find logical volume \"" + vgName + "/" + lvName + "\"");
        } else {
          addRows(rows, node, vg, lvName, perLv, index);
        }
      }
    }
    try {
      rows.sort(sortOrder(a.all("sort"), lvs));
    } catch (IllegalArgumentException e) {
      return CommandResult.of(ECMD_FAILED, "", "  Unrecognised field: " + e.getMessage() + "\n");
    }
    List<Map<String, String>> table = new ArrayList<>();
    boolean suffix = !a.has("nosuffix");
    String units = a.get("units");
    for (LvmReport.Row r : rows) {
      Map<String, String> m = new LinkedHashMap<>();
      for (LvmReport.Field f : fields) {
        String v = f.value().of(r);
        m.put(f.id(), f.bytes() ? LvmReport.units(v, units, suffix) : v);
      }
      table.add(m);
    }
    if (format.equals("json")) {
      o.out.append(
          LvmReport.json(
              lvs ? "lv" : "vg",
              fields.stream().map(LvmReport.Field::id).toList(),
              table,
              log.render(o.status)));
    } else {
      o.out.append(
          LvmReport.basic(
              fields, table, !a.has("noheadings"), a.get("separator"), a.has("aligned")));
    }
    return o.result();
  }

  /**
   * lvm's {@code -O} order (default: by VG, then LV name); {@code -} before a field reverses it.
   */
  private static java.util.Comparator<LvmReport.Row> sortOrder(List<String> keys, boolean lvs) {
    java.util.Comparator<LvmReport.Row> order = (x, y) -> 0;
    for (String spec : keys) {
      for (String key : spec.split(",")) {
        if (key.isEmpty()) continue;
        boolean descending = key.startsWith("-");
        String name = key.startsWith("-") || key.startsWith("+") ? key.substring(1) : key;
        LvmReport.Field f = LvmReport.field(name, lvs ? "lv_" : "vg_");
        if (f == null || (!lvs && f.lvField())) throw new IllegalArgumentException(name);
        java.util.Comparator<LvmReport.Row> c = (x, y) -> compare(f, x, y);
        order = order.thenComparing(descending ? c.reversed() : c);
      }
    }
    return order;
  }

  private static int compare(LvmReport.Field f, LvmReport.Row x, LvmReport.Row y) {
    try {
      String a = f.value().of(x);
      String b = f.value().of(y);
      if (a.matches("\\d+") && b.matches("\\d+"))
        return Long.compare(Long.parseLong(a), Long.parseLong(b));
      return a.compareTo(b);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The JSON {@code "log"} array of lvm2 2.03.26 and later (off: errors go to stderr). */
  private static final class Log {
    final boolean enabled;
    final List<String> entries = new ArrayList<>();
    String lastType = "vg";
    String lastObject = "";

    Log(boolean enabled) {
      this.enabled = enabled;
    }

    String render(int status) {
      if (!enabled) return null;
      List<String> all = new ArrayList<>(entries);
      if (status != 0) {
        all.add(
            LvmReport.logEntry(
                all.size() + 1,
                "status",
                lastType,
                lastObject,
                "failure",
                "-1",
                String.valueOf(status)));
      }
      StringBuilder l = new StringBuilder();
      for (int i = 0; i < all.size(); i++)
        l.append(all.get(i)).append(i < all.size() - 1 ? ",\n" : "\n");
      return l.toString();
    }
  }

  private static void fail(Out o, Log log, String type, String object, String message) {
    if (log.enabled) {
      log.lastType = type;
      log.lastObject = object;
      log.entries.add(
          LvmReport.logEntry(log.entries.size() + 1, "error", type, object, message, "-1", "0"));
      o.status = ECMD_FAILED;
    } else {
      o.error(message);
    }
  }

  private static void addRows(
      List<LvmReport.Row> rows,
      SimNode node,
      LvmState.Vg vg,
      String lvName,
      boolean lvs,
      ReportIndex index) {
    if (!lvs) {
      rows.add(new LvmReport.Row(vg, null, node, index));
      return;
    }
    for (LvmState.Lv lv : vg.lvs.values()) {
      if (lvName == null || lv.name.equals(lvName)) {
        rows.add(new LvmReport.Row(vg, lv, node, index));
      }
    }
  }

  /** VGs on storage this node is attached to (those that list it among their nodes). */
  private static List<LvmState.Vg> visibleVgs(SimNode node) throws IOException {
    List<LvmState.Vg> out = new ArrayList<>();
    for (LvmState.Vg vg : node.lvm().vgs.values()) {
      Topology.VolumeGroup t = node.topology().volumeGroups().get(vg.name);
      if (t == null || t.nodes().contains(node.name()) || vg.activeOn.contains(node.name())) {
        out.add(vg);
      }
    }
    return out;
  }

  /** A logical volume with its group. */
  private record Found(LvmState.Vg vg, LvmState.Lv lv) {}

  /** The LV {@code vg/lv} ({@code /dev/} already stripped); null after printing the error. */
  private static Found findLv(SimNode node, String spec, Out o) throws IOException {
    String vgName = spec.substring(0, spec.indexOf('/'));
    String lvName = spec.substring(spec.indexOf('/') + 1);
    LvmState.Vg vg = findVg(node, vgName, o);
    if (vg == null) return null;
    LvmState.Lv lv = vg.lvs.get(lvName);
    if (lv == null) {
      o.error("Failed to find logical volume \"" + vgName + "/" + lvName + "\"");
      return null;
    }
    return new Found(vg, lv);
  }

  private static LvmState.Vg findVg(SimNode node, String name, Out o) throws IOException {
    LvmState.Vg vg =
        visibleVgs(node).stream().filter(v -> v.name.equals(name)).findFirst().orElse(null);
    if (vg == null) {
      o.error("Volume group \"" + name + "\" not found");
      o.error("Cannot process volume group " + name);
    }
    return vg;
  }

  // ---- changes ----

  private CommandResult lvcreate(SimNode node, LvmArgs a) throws IOException {
    Out o = new Out();
    if (a.positional.isEmpty()) {
      return CommandResult.of(
          EINVALID_CMD_LINE,
          "  lvcreate --type error -L|--size Size[m|UNIT] VG\n"
              + "  Create an LV that returns errors when used.\n\n",
          "  No command with matching syntax recognised.  Run 'lvcreate --help' for more"
              + " information.\n  Nearest similar command has syntax:\n");
    }
    if (!a.has("size") && !a.has("extents") && !a.has("virtualsize") && !a.has("snapshot")) {
      return CommandResult.of(
          EINVALID_CMD_LINE,
          "",
          "  No command with matching syntax recognised.  Run 'lvcreate --help' for more"
              + " information.\n");
    }
    CommandResult badName = lvcreateNames(a);
    if (badName != null) return badName;
    if (a.positional.size() == 1 && a.has("virtualsize")) return thinVolume(node, a);
    if (a.positional.size() == 1 && a.has("snapshot") && !a.has("size") && !a.has("extents")) {
      return thinSnapshot(node, a);
    }
    if (a.positional.size() > 1 && (a.has("size") || a.has("extents"))) {
      String vgOnly = a.positional.get(0).replaceFirst("^/dev/", "").replaceFirst("/.*", "");
      LvmState.Vg named = findVg(node, vgOnly, o);
      if (named == null) return o.result();
      o.error(
          "Physical Volume \""
              + a.positional.get(1)
              + "\" not found in Volume Group \""
              + vgOnly
              + "\".");
      return o.result();
    }
    if (a.positional.size() != 1 || (!a.has("size") && !a.has("extents"))) {
      return CommandResult.of(
          EINVALID_CMD_LINE,
          "",
          "  Please specify either size or extents but not both.\n"
              + "  Run `lvcreate --help' for more information.\n");
    }
    String vgName = a.positional.get(0);
    if (vgName.startsWith("/dev/")) vgName = vgName.substring(5);
    String originName = null;
    if (vgName.contains("/")) {
      originName = vgName.substring(vgName.indexOf('/') + 1);
      vgName = vgName.substring(0, vgName.indexOf('/'));
    }
    if (a.has("snapshot") && originName == null) {
      return invalidCmdLine("The origin name should include the volume group.");
    }
    LvmState.Vg vg = findVg(node, vgName, o);
    if (vg == null) return o.result();
    LvmState.Lv origin = null;
    if (originName != null) {
      origin = vg.lvs.get(originName);
      if (origin == null) {
        o.error("Snapshot origin LV " + originName + " not found in Volume group " + vgName + ".");
        return o.result();
      }
    }
    long extents;
    try {
      extents =
          a.has("extents")
              ? Long.parseLong(a.get("extents"))
              : sizeExtents(a.get("size"), vg, 0, o);
    } catch (NumberFormatException e) {
      return invalidSize(a.has("extents") ? "extents" : "size", a);
    }
    boolean pool = "thin-pool".equals(a.get("type"));
    long chunk = Lvm.DEFAULT_CHUNK_SECTORS;
    if (pool && a.has("chunksize")) {
      try {
        chunk =
            parseSize(
                    a.get("chunksize").matches("\\d+")
                        ? a.get("chunksize") + "k"
                        : a.get("chunksize"))
                / 512;
      } catch (NumberFormatException e) {
        return invalidSize("chunksize", a);
      }
      String size = Lvm.displaySize(chunk * 512);
      StringBuilder bad = new StringBuilder();
      if (chunk < 128 || chunk > 2097152) {
        bad.append("  Thin pool chunk size ")
            .append(size)
            .append(" is not in the range 64.00 KiB to 1.00 GiB.\n");
      }
      if (chunk % 128 != 0) {
        bad.append("  Thin pool chunk size ")
            .append(size)
            .append(" must be a multiple of 64.00 KiB.\n");
      }
      if (bad.length() > 0) {
        return CommandResult.of(
            EINVALID_CMD_LINE, "", bad + "  Run `lvcreate --help' for more information.\n");
      }
    }
    if (pool && a.has("name") && vg.lvs.containsKey(a.get("name"))) {
      o.error(
          "Logical volume " + a.get("name") + " already exists in Volume group " + vg.name + ".");
      return o.result();
    }
    String name = newName(vg, a, o);
    if (name == null) return o.result();
    if (origin != null) {
      long max = Lvm.cowMaxExtents(origin.extents * vg.extentSize, vg.extentSize);
      if (extents > max) {
        o.print(
            "Reducing COW size "
                + Lvm.displaySize(extents * vg.extentSize)
                + " down to maximum usable size "
                + Lvm.displaySize(max * vg.extentSize)
                + ".");
        extents = max;
      }
    }
    if (pool) {
      o.print(
          "Thin pool volume with chunk size "
              + Lvm.displaySize(chunk * 512)
              + " can address at most "
              + Lvm.displaySize(maxThinData(chunk))
              + " of data.");
    }
    long overhead = pool ? (hasPool(vg) ? 1 : 2) : 0;
    if (extents + overhead > vg.freeExtents()) {
      o.error(
          "Volume group \""
              + vg.name
              + "\" has insufficient free space ("
              + (vg.freeExtents() - (pool ? 1 : 0))
              + " extents): "
              + extents
              + " required.");
      return o.result();
    }
    if (!vg.activeOn.contains(node.name())) {
      o.error("Aborting. Failed to activate new LV to wipe the start of it.");
      return o.result();
    }
    if (pool) {
      Lvm.thinPool(node.context(), vg, name, extents, chunk);
    } else if (origin != null) {
      Lvm.snapshot(node.context(), vg, origin, name, extents);
    } else {
      Lvm.create(node.context(), vg, name, extents);
    }
    o.print("Logical volume \"" + name + "\" created.");
    return o.result();
  }

  /** The new LV's name ({@code -n}, or lvm's next {@code lvolN}); null (an error) if taken. */
  /**
   * lvcreate's name checks before it reads a group ({@code tools/lvcreate.c} _lvcreate_name_params:
   * validate_restricted_lvname_param, then validate_name of the group), with lvm2's messages and
   * EINVALID_CMD_LINE; the rules are {@link LvmNames}.
   */
  private static CommandResult lvcreateNames(LvmArgs a) {
    String lv = a.get("name");
    String vg = a.positional.isEmpty() ? null : a.positional.get(0);
    if (vg != null && vg.startsWith("/dev/")) vg = vg.substring(5);
    if (vg != null && vg.contains("/")) vg = vg.substring(0, vg.indexOf('/'));
    if (lv != null && lv.contains("/")) {
      String named = lv.substring(0, lv.indexOf('/'));
      if (vg != null && !vg.equals(named)) {
        return invalidCmdLine(
            "Inconsistent volume group names given: \"" + named + "\" and \"" + vg + "\"");
      }
      vg = named;
      lv = lv.substring(lv.indexOf('/') + 1);
    }
    if (lv != null && LvmNames.invalid(lv).isPresent()) {
      return invalidCmdLine("Logical volume name \"" + lv + "\" is invalid.");
    }
    if (lv != null && LvmNames.reserved(lv).isPresent()) {
      String r = LvmNames.reserved(lv).get();
      return invalidCmdLine(
          "Names "
              + (lv.startsWith(r) ? "starting" : "including")
              + " \""
              + r
              + "\" are reserved. Please choose a different LV name.");
    }
    if (vg != null && LvmNames.invalid(vg).isPresent()) {
      return invalidCmdLine("Volume group name " + vg + " has invalid characters");
    }
    return null;
  }

  private static CommandResult invalidCmdLine(String error) {
    return LvmSizeArgs.usage("lvcreate", error);
  }

  private static String newName(LvmState.Vg vg, LvmArgs a, Out o) {
    String name = a.get("name");
    if (name == null) {
      int i = 0;
      while (vg.lvs.containsKey("lvol" + i)) i++;
      name = "lvol" + i;
    }
    if (vg.lvs.containsKey(name)) {
      o.error("Logical Volume \"" + name + "\" already exists in volume group \"" + vg.name + "\"");
      return null;
    }
    int length = vg.name.length() + name.length() + 3;
    if (length > LvmNames.NAME_LEN) {
      o.error(
          "Internal error: LV name \""
              + vg.name
              + "/"
              + name
              + "\" length "
              + length
              + " is not supported.");
      return null;
    }
    return name;
  }

  private static boolean hasPool(LvmState.Vg vg) {
    return vg.lvs.values().stream().anyMatch(LvmState.Lv::isThinPool);
  }

  /** lvm2's estimate of the data a pool with this chunk can address (15.875 TiB at 64 KiB). */
  static long maxThinData(long chunkSectors) {
    return (1L << 40) / 8 * 127 * chunkSectors / 128;
  }

  /** {@code lvcreate -V SIZE --thin|-T -n NAME VG/POOL}: a thin volume. */
  private CommandResult thinVolume(SimNode node, LvmArgs a) throws IOException {
    Out o = new Out();
    String spec = a.positional.get(0);
    if (spec.startsWith("/dev/")) spec = spec.substring(5);
    String vgName = spec.contains("/") ? spec.substring(0, spec.indexOf('/')) : spec;
    String poolName =
        spec.contains("/") ? spec.substring(spec.indexOf('/') + 1) : a.get("thinpool");
    LvmState.Vg vg = findVg(node, vgName, o);
    if (vg == null) return o.result();
    LvmState.Lv pool = poolName == null ? null : vg.lvs.get(poolName);
    if (pool == null || !pool.isThinPool()) {
      o.error(
          poolName == null
              ? "Please specify either size or extents but not both."
              : pool == null
                  ? "Pool " + poolName + " not found in Volume group " + vgName + "."
                  : "Logical volume " + vgName + "/" + poolName + " is not a thin pool.");
      return o.result();
    }
    long extents;
    try {
      extents = sizeExtents(a.get("virtualsize"), vg, 0, o);
    } catch (NumberFormatException e) {
      return invalidSize("virtualsize", a);
    }
    String name = newName(vg, a, o);
    if (name == null) return o.result();
    if (!vg.activeOn.contains(node.name())) {
      o.error("Aborting. Failed to activate new LV to wipe the start of it.");
      return o.result();
    }
    Lvm.thinVolume(node.context(), vg, pool, name, extents);
    overprovisionWarning(vg, pool, o);
    o.print("Logical volume \"" + name + "\" created.");
    return o.result();
  }

  /**
   * lvm2's warnings when the thin volumes of the group add up to more than its thin pools ({@code
   * lib/metadata/thin_manip.c} thin_pool_check_overprovisioning): the sum on stderr, the advice (no
   * autoextend threshold is set) on stdout.
   */
  static void overprovisionWarning(LvmState.Vg vg, LvmState.Lv pool, Out o) {
    long virtual = 0;
    long pools = 0;
    int poolCount = 0;
    for (LvmState.Lv lv : vg.lvs.values()) {
      if (lv.isThin()) virtual += lv.extents;
      if (lv.isThinPool()) {
        pools += lv.extents;
        poolCount++;
      }
    }
    if (virtual <= pools) return;
    o.err
        .append("  WARNING: Sum of all thin volume sizes (")
        .append(Lvm.displaySize(virtual * vg.extentSize))
        .append(") exceeds the size of thin pool")
        .append(poolCount > 1 ? "s" : " " + vg.name + "/" + pool.name)
        .append(" (")
        .append(Lvm.displaySize(pools * vg.extentSize))
        .append(").\n");
    o.print("WARNING: You have not turned on protection against thin pools running out of space.");
    o.print(
        "WARNING: Set activation/thin_pool_autoextend_threshold below 100 to trigger automatic"
            + " extension of thin pools before they get full.");
  }

  /** {@code lvcreate -s [-K] [-k y|n] -n NAME VG/THINLV} without a size: a thin snapshot. */
  private CommandResult thinSnapshot(SimNode node, LvmArgs a) throws IOException {
    Out o = new Out();
    String spec = a.positional.get(0);
    if (spec.startsWith("/dev/")) spec = spec.substring(5);
    if (!spec.contains("/")) {
      return invalidCmdLine("The origin name should include the volume group.");
    }
    LvmState.Vg snapVg = findVg(node, spec.substring(0, spec.indexOf('/')), o);
    if (snapVg == null) return o.result();
    String originName = spec.substring(spec.indexOf('/') + 1);
    if (!snapVg.lvs.containsKey(originName)) {
      o.error(
          "Snapshot origin LV " + originName + " not found in Volume group " + snapVg.name + ".");
      return o.result();
    }
    Found found = findLv(node, spec, o);
    if (found == null) return o.result();
    LvmState.Vg vg = found.vg();
    LvmState.Lv origin = found.lv();
    if (!origin.isThin()) {
      return CommandResult.of(
          EINVALID_CMD_LINE,
          "",
          "  Please specify either size or extents but not both.\n"
              + "  Run `lvcreate --help' for more information.\n");
    }
    String name = newName(vg, a, o);
    if (name == null) return o.result();
    String skip = a.get("setactivationskip");
    boolean skipFlag = skip == null || skip.startsWith("y");
    Lvm.thinSnapshot(node.context(), vg, origin, name, skipFlag, a.has("ignoreactivationskip"));
    LvmState.Lv pool = vg.lvs.get(origin.pool);
    overprovisionWarning(vg, pool, o);
    o.print("Logical volume \"" + name + "\" created.");
    return o.result();
  }

  /**
   * {@code lvextend}, {@code lvresize} and {@code lvreduce}: a shrink asks for confirmation (on
   * stderr; with no answer on stdin it is refused, exit 5) unless {@code -f} or {@code -y}.
   */
  private CommandResult lvextend(SimNode node, LvmArgs a, String program) throws IOException {
    Out o = new Out();
    o.resize = true;
    if (a.positional.isEmpty() || (!a.has("size") && !a.has("extents"))) {
      return LvmSyntax.noMatch(program, a.positional.isEmpty());
    }
    String spec = a.positional.get(0);
    if (spec.startsWith("/dev/")) spec = spec.substring(5);
    if (!spec.contains("/")) {
      return LvmSizeArgs.usage(program, "Please specify a logical volume path.");
    }
    LvmState.Vg vg = findVg(node, spec.substring(0, spec.indexOf('/')), o);
    if (vg == null) return o.result();
    LvmState.Lv lv = vg.lvs.get(spec.substring(spec.indexOf('/') + 1));
    if (lv == null) {
      o.error(
          "Logical volume "
              + spec.substring(spec.indexOf('/') + 1)
              + " not found in volume group "
              + vg.name
              + ".");
      return o.result();
    }
    // lvm2 _lvresize_check: a classic snapshot origin is resized only while inactive
    boolean origin =
        vg.lvs.values().stream().anyMatch(s -> lv.name.equals(s.origin) && !s.isThin());
    if (origin && vg.activeOn.contains(node.name()) && !lv.inactive) {
      o.error("Snapshot origin volumes can be resized only while inactive: try lvchange -an.");
      return o.result();
    }
    String vgName = vg.name;
    String lvName = lv.name;
    long extents;
    try {
      String size = a.has("extents") ? a.get("extents") : a.get("size");
      if (a.has("extents")) {
        long n = Long.parseLong(size.replaceFirst("^[+-]", ""));
        extents = size.startsWith("+") ? lv.extents + n : size.startsWith("-") ? lv.extents - n : n;
      } else {
        extents = sizeExtents(size, vg, lv.extents, o);
      }
    } catch (NumberFormatException e) {
      return invalidSize(a.has("extents") ? "extents" : "size", a);
    }
    String name = vgName + "/" + lvName;
    if (extents == lv.extents) {
      o.error(
          "New size (" + extents + " extents) matches existing size (" + lv.extents + " extents).");
      return o.result();
    }
    if (extents < lv.extents && program.equals("lvextend")) {
      o.error(
          "New size given ("
              + extents
              + " extents) not larger than existing size ("
              + lv.extents
              + " extents)");
      return o.result();
    }
    if (extents > lv.extents && program.equals("lvreduce")) {
      o.error(
          "New size given ("
              + extents
              + " extents) not less than existing size ("
              + lv.extents
              + " extents)");
      return o.result();
    }
    if (extents < lv.extents) {
      o.err
          .append("  WARNING: Reducing active logical volume to ")
          .append(Lvm.displaySize(extents * vg.extentSize))
          .append(".\n  THIS MAY DESTROY YOUR DATA (filesystem etc.)\n");
      if (!a.has("force") && !a.has("yes")) {
        o.err.append("Do you really want to reduce ").append(name).append("? [y/n]: [n]\n");
        o.error("Logical volume " + name + " NOT reduced.");
        return o.result();
      }
    }
    long needed = extents - lv.extents;
    if (!lv.isThin() && needed > vg.freeExtents()) {
      o.error(
          "Insufficient free space: "
              + needed
              + " extents needed, but only "
              + vg.freeExtents()
              + " available");
      return o.result();
    }
    long before = lv.extents;
    lv.extents = extents;
    Lvm.resize(node.context(), vg, lv);
    o.print(
        "Size of logical volume "
            + name
            + " changed from "
            + Lvm.displaySize(before * vg.extentSize)
            + " ("
            + before
            + " extents) to "
            + Lvm.displaySize(extents * vg.extentSize)
            + " ("
            + extents
            + " extents).");
    if (lv.isThin() && extents > before) overprovisionWarning(vg, vg.lvs.get(lv.pool), o);
    o.print("Logical volume " + name + " successfully resized.");
    return o.result();
  }

  /**
   * {@code vgchange -a y|n [VG...]}: activates or deactivates the groups on this node (an operator
   * activating a group on a second node makes a split brain).
   */
  private CommandResult vgchange(SimNode node, LvmArgs a) throws IOException {
    Out o = new Out();
    String mode = a.get("activate");
    if (mode != null && !List.of("y", "n", "ay", "an", "ey", "en", "ly", "ln").contains(mode)) {
      return CommandResult.of(
          EINVALID_CMD_LINE,
          "",
          "  Invalid argument for --activate: "
              + mode
              + "\n  Error during parsing of command line.\n");
    }
    if (mode == null || !List.of("y", "n", "ay").contains(mode)) {
      return CommandResult.of(
          EINVALID_CMD_LINE,
          "",
          "  The sanctl simulator implements vgchange -a y|n only.\n"
              + "  Run `vgchange --help' for more information.\n");
    }
    List<LvmState.Vg> vgs = new ArrayList<>();
    if (a.positional.isEmpty()) {
      vgs.addAll(visibleVgs(node));
    } else {
      for (String name : a.positional) {
        LvmState.Vg vg = findVg(node, name, o);
        if (vg != null) vgs.add(vg);
      }
    }
    for (LvmState.Vg vg : vgs) {
      if (mode.equals("n")) {
        long open = 0;
        ReportIndex index = new ReportIndex();
        for (LvmState.Lv lv : vg.lvs.values()) {
          if (LvmReport.open(new LvmReport.Row(vg, lv, node, index))) open++;
        }
        if (open > 0) {
          o.error(
              "Can't deactivate volume group \""
                  + vg.name
                  + "\" with "
                  + open
                  + " open logical volume(s)");
          continue;
        }
        vg.activeOn.remove(node.name());
      } else {
        vg.activeOn.add(node.name());
      }
      long active = vg.activeOn.contains(node.name()) ? vg.lvs.size() : 0;
      o.print(active + " logical volume(s) in volume group \"" + vg.name + "\" now active");
    }
    return o.result();
  }

  private CommandResult lvremove(SimNode node, LvmArgs a, byte[] stdin) throws IOException {
    Out o = new Out();
    if (a.positional.isEmpty()) return LvmSyntax.noMatch("lvremove", true);
    for (String p : a.positional) {
      String spec = p.startsWith("/dev/") ? p.substring(5) : p;
      if (!spec.contains("/")) {
        LvmState.Vg vg = findVg(node, spec, o);
        if (vg == null) continue;
        for (LvmState.Lv lv : new ArrayList<>(vg.lvs.values())) remove(node, vg, lv, a, stdin, o);
        continue;
      }
      Found found = findLv(node, spec, o);
      if (found == null) continue;
      remove(node, found.vg(), found.lv(), a, stdin, o);
    }
    return o.result();
  }

  private static void remove(
      SimNode node, LvmState.Vg vg, LvmState.Lv lv, LvmArgs a, byte[] stdin, Out o)
      throws IOException {
    String display = vg.name + "/" + lv.name;
    LvmReport.Row row = new LvmReport.Row(vg, lv, node);
    if (LvmReport.mounted(row)) {
      o.error("Logical volume " + display + " contains a filesystem in use.");
      return;
    }
    if (LvmReport.open(row)) {
      o.error("Logical volume " + display + " in use.");
      return;
    }
    List<LvmState.Lv> snapshots =
        vg.lvs.values().stream().filter(s -> lv.name.equals(s.origin) && !s.isThin()).toList();
    if (lv.isThinPool()) {
      List<LvmState.Lv> thin =
          vg.lvs.values().stream()
              .filter(t -> lv.name.equals(t.pool))
              .sorted(java.util.Comparator.comparingLong(t -> t.thinId)) // creation order
              .toList();
      if (!thin.isEmpty() && !a.has("force") && !a.has("yes")) {
        o.err
            .append("Removing pool \"")
            .append(lv.name)
            .append("\" will remove ")
            .append(thin.size())
            .append(" dependent volume(s). Proceed? [y/n]: ");
        if (!yes(stdin, o)) {
          o.error("Logical volume \"" + lv.name + "\" not removed.");
          return;
        }
      }
      for (LvmState.Lv t : thin) {
        Lvm.delete(node.context(), vg, t);
        o.print("Logical volume \"" + t.name + "\" successfully removed.");
      }
    }
    if (!snapshots.isEmpty() && !a.has("force") && !a.has("yes")) {
      o.err
          .append("Removing origin ")
          .append(lv.name)
          .append(" will also remove ")
          .append(snapshots.size())
          .append(" snapshots(s). Proceed? [y/n]: ");
      if (!yes(stdin, o)) {
        o.error("Logical volume " + display + " not removed.");
        return;
      }
    }
    for (LvmState.Lv snap : snapshots) {
      Lvm.delete(node.context(), vg, snap);
      o.print("Logical volume \"" + snap.name + "\" successfully removed.");
    }
    boolean active = LvmReport.active(row);
    if (active && !a.has("force") && !a.has("yes") && snapshots.isEmpty()) {
      o.err
          .append("Do you really want to remove active logical volume ")
          .append(display)
          .append("? [y/n]: ");
      if (!yes(stdin, o)) {
        o.error("Logical volume " + display + " not removed.");
        return;
      }
    }
    Lvm.delete(node.context(), vg, lv);
    o.print("Logical volume \"" + lv.name + "\" successfully removed.");
  }

  /** The answer to a prompt on stderr; no answer (end of input) is lvm2's default {@code [n]}. */
  private static boolean yes(byte[] stdin, Out o) {
    if (stdin.length == 0) o.err.append("[n]\n");
    String answer = new String(stdin, java.nio.charset.StandardCharsets.UTF_8).trim();
    return answer.startsWith("y") || answer.startsWith("Y");
  }

  /** Extents for an lvm size argument (default unit MiB; {@code +} adds to {@code current}). */
  private static long sizeExtents(String size, LvmState.Vg vg, long current, Out o) {
    boolean relative = size.startsWith("+") || size.startsWith("-");
    long bytes = parseSize(relative ? size.substring(1) : size);
    long extents = Lvm.extents(bytes, vg.extentSize);
    if (bytes % vg.extentSize != 0) {
      // lvcreate (tools/lvcreate.c) and lvresize (lib/metadata/lv_manip.c) word it differently
      o.print(
          o.resize
              ? "Rounding size to boundary between physical extents: "
                  + Lvm.displaySize(extents * vg.extentSize)
                  + "."
              : "Rounding up size to full physical extent "
                  + Lvm.displaySize(extents * vg.extentSize));
    }
    if (!relative) return extents;
    return size.startsWith("-") ? current - extents : current + extents;
  }

  static long parseSize(String s) {
    if (s.isEmpty()) throw new NumberFormatException(s);
    char last = s.charAt(s.length() - 1);
    String digits = Character.isLetter(last) ? s.substring(0, s.length() - 1) : s;
    char unit = Character.isLetter(last) ? last : 'm';
    long mult =
        switch (unit) {
          case 'b', 'B' -> 1L;
          case 's', 'S' -> 512L;
          case 'k', 'K' -> 1L << 10;
          case 'm', 'M' -> 1L << 20;
          case 'g', 'G' -> 1L << 30;
          case 't', 'T' -> 1L << 40;
          case 'p', 'P' -> 1L << 50;
          case 'e', 'E' -> 1L << 60;
          default -> throw new NumberFormatException(s);
        };
    return new BigDecimal(digits)
        .multiply(BigDecimal.valueOf(mult))
        .setScale(0, RoundingMode.UP)
        .longValueExact();
  }

  private static CommandResult invalidSize(String option, LvmArgs a) {
    return CommandResult.of(
        EINVALID_CMD_LINE,
        "",
        "  Invalid argument for --"
            + option
            + ": "
            + a.get(option)
            + "\n  Error during parsing of command line.\n");
  }
}
