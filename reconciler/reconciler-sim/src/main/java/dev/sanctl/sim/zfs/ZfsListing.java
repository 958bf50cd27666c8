package dev.sanctl.sim.zfs;

import dev.sanctl.sim.Getopt;
import dev.sanctl.sim.Getopt.Arg;
import dev.sanctl.sim.zfs.ZfsSim.Dataset;
import dev.sanctl.sim.zfs.ZfsSim.Snap;
import dev.sanctl.spi.host.CommandResult;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code zfs list} and {@code zfs get} of the simulator (formats doc 3.1 and 3.2). */
final class ZfsListing {
  private static final Set<String> NATIVE =
      Set.of(
          "name",
          "type",
          "guid",
          "createtxg",
          "creation",
          "userrefs",
          "clones",
          "defer_destroy",
          "origin",
          "used",
          "referenced");
  private static final DateTimeFormatter HUMAN_DATE =
      DateTimeFormatter.ofPattern("EEE MMM d H:mm yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final ZfsSim zfs;

  ZfsListing(ZfsSim zfs) {
    this.zfs = zfs;
  }

  private static final Getopt LIST_OPTIONS =
      Getopt.options()
          .shortOption('H', Arg.NONE)
          .shortOption('p', Arg.NONE)
          .shortOption('r', Arg.NONE)
          .shortOption('d', Arg.REQUIRED)
          .shortOption('t', Arg.REQUIRED)
          .shortOption('o', Arg.REQUIRED)
          .shortOption('s', Arg.REQUIRED);
  private static final Getopt GET_OPTIONS =
      Getopt.options()
          .shortOption('H', Arg.NONE)
          .shortOption('p', Arg.NONE)
          .shortOption('r', Arg.NONE)
          .shortOption('d', Arg.REQUIRED)
          .shortOption('t', Arg.REQUIRED)
          .shortOption('o', Arg.REQUIRED)
          .shortOption('s', Arg.REQUIRED);

  private boolean legacy() {
    return zfs.dialect() == ZfsSim.Dialect.ZFS_FUSE;
  }

  CommandResult list(List<String> args) {
    Getopt.Parsed parsed;
    try {
      parsed = LIST_OPTIONS.parse(args);
    } catch (Getopt.Error e) {
      return ZfsOptions.refusal(e, "");
    }
    if (parsed.has("p") && legacy()) {
      return ZfsSim.result(2, "", "invalid option 'p'\n" + listUsage());
    }
    boolean scripted = parsed.has("H");
    boolean parseable = parsed.has("p");
    boolean recursive = parsed.has("r");
    int depth = parsed.has("d") ? Integer.parseInt(parsed.value("d")) : -1;
    List<String> types =
        parsed.has("t")
            ? Arrays.asList(parsed.value("t").split(","))
            : List.of("filesystem", "volume");
    List<String> cols =
        parsed.has("o")
            ? Arrays.asList(parsed.value("o").split(","))
            : List.of("name", "used", "available", "referenced", "mountpoint");
    String sort = parsed.value("s");
    List<String> operands = parsed.operands();
    String bad = badProperty(cols);
    if (bad != null) return badPropertyList(bad);
    if (!scripted) return ZfsSim.result(2, "", "sim: zfs list without -H is not modelled\n");
    if (depth >= 0) recursive = true;
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    for (String op : operands) {
      Object o = zfs.find(op);
      if (o == null) {
        err.append("cannot open '").append(op).append("': dataset does not exist\n");
        continue;
      }
      List<String> rows = new ArrayList<>();
      if (o instanceof Snap) rows.add(op);
      else collect(op, recursive ? (depth < 0 ? Integer.MAX_VALUE : depth) : 0, types, rows, true);
      if (sort != null) {
        String key = sort;
        rows.sort(Comparator.comparingLong(r -> numeric(value(r, key, true))));
      }
      for (String r : rows) {
        List<String> vals = new ArrayList<>();
        for (String c : cols) vals.add(value(r, c, parseable));
        out.append(String.join("\t", vals)).append('\n');
      }
    }
    return ZfsSim.result(err.length() == 0 ? 0 : 1, out.toString(), err.toString());
  }

  private void collect(String name, int depth, List<String> types, List<String> rows, boolean top) {
    Dataset d = zfs.datasets().get(name);
    boolean all = types.contains("all");
    if (all || types.contains(d.volume ? "volume" : "filesystem")) rows.add(name);
    if (all || types.contains("snapshot")) {
      if (depth > 0 || (top && types.equals(List.of("snapshot")))) {
        for (String s : d.snapshots.keySet()) rows.add(name + "@" + s);
      }
    }
    if (depth <= 0) return;
    for (String child : zfs.datasets().keySet()) {
      if (child.startsWith(name + "/") && child.indexOf('/', name.length() + 1) < 0) {
        collect(child, depth - 1, types, rows, false);
      }
    }
  }

  CommandResult get(List<String> args) {
    Getopt.Parsed parsed;
    try {
      parsed = GET_OPTIONS.parse(args);
    } catch (Getopt.Error e) {
      return ZfsOptions.refusal(e, "");
    }
    boolean parseable = parsed.has("p");
    List<String> fields =
        parsed.has("o")
            ? Arrays.asList(parsed.value("o").split(","))
            : List.of("name", "property", "value", "source");
    List<String> rest = parsed.operands();
    if (rest.isEmpty()) return ZfsSim.result(2, "", "missing property argument\n");
    List<String> props = Arrays.asList(rest.get(0).split(","));
    String bad = badProperty(props);
    if (bad != null) return badPropertyList(bad);
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    for (String ds : rest.subList(1, rest.size())) {
      if (zfs.find(ds) == null) {
        err.append("cannot open '").append(ds).append("': dataset does not exist\n");
        continue;
      }
      for (String p : props) {
        List<String> vals = new ArrayList<>();
        for (String f : fields) {
          vals.add(
              switch (f) {
                case "name" -> ds;
                case "property" -> p;
                case "value" -> value(ds, p, parseable);
                case "source" -> source(ds, p);
                default -> "-";
              });
        }
        out.append(String.join("\t", vals)).append('\n');
      }
    }
    return ZfsSim.result(err.length() == 0 ? 0 : 1, out.toString(), err.toString());
  }

  private String badProperty(List<String> props) {
    for (String p : props) {
      if (p.contains(":")) continue;
      if (!NATIVE.contains(p) && !ZfsNative.isNative(p)) return p;
      if (legacy() && p.equals("clones")) return p;
    }
    return null;
  }

  private CommandResult badPropertyList(String p) {
    return ZfsSim.result(2, "", "bad property list: invalid property '" + p + "'\n");
  }

  private String listUsage() {
    return "usage:\n\tlist [-rH][-d max] [-o property[,...]] [-t type[,...]] [-s property] ...\n"
        + "\t    [-S property] ... [filesystem|volume|snapshot] ...\n";
  }

  /** The value of {@code prop} of a dataset or snapshot, as zfs prints it. */
  private String value(String name, String prop, boolean parseable) {
    Object o = zfs.find(name);
    if (o instanceof Snap s) {
      String vol = name.substring(0, name.indexOf('@'));
      return switch (prop) {
        case "name" -> name;
        case "type" -> "snapshot";
        case "guid" -> s.guid;
        case "createtxg" -> Long.toString(s.createtxg);
        case "creation" -> parseable ? Long.toString(s.creation) : human(s.creation);
        case "userrefs" -> Integer.toString(s.holds.size());
        case "clones" -> dash(String.join(",", zfs.clonesOf(name)));
        case "defer_destroy" -> s.deferDestroy ? "on" : "off";
        case "origin", "mountpoint", "available" -> "-";
        default -> {
          if (!prop.contains(":")) {
            yield ZfsNative.snapshotValue(zfs, zfs.datasets().get(vol), s, prop, parseable);
          }
          String v = s.props.get(prop);
          yield v != null ? v : inherited(vol, prop);
        }
      };
    }
    Dataset d = (Dataset) o;
    return switch (prop) {
      case "name" -> name;
      case "type" -> d.volume ? "volume" : "filesystem";
      case "origin" -> dash(d.origin);
      case "guid" -> Long.toString(Math.abs((long) name.hashCode()) + 1000);
      case "createtxg" -> "1";
      case "creation" -> "0";
      default ->
          prop.contains(":") ? inherited(name, prop) : ZfsNative.value(zfs, d, prop, parseable);
    };
  }

  private String inherited(String dataset, String prop) {
    String d = dataset;
    while (d != null) {
      Dataset ds = zfs.datasets().get(d);
      if (ds != null && ds.props.containsKey(prop)) return ds.props.get(prop);
      d = d.contains("/") ? d.substring(0, d.lastIndexOf('/')) : null;
    }
    return "-";
  }

  private String source(String name, String prop) {
    if (!prop.contains(":")) return ZfsNative.source(zfs, name, prop);
    Object o = zfs.find(name);
    boolean local =
        o instanceof Snap s ? s.props.containsKey(prop) : ((Dataset) o).props.containsKey(prop);
    if (local) return "local";
    String d = name.contains("@") ? name.substring(0, name.indexOf('@')) : parent(name);
    while (d != null) {
      Dataset ds = zfs.datasets().get(d);
      if (ds != null && ds.props.containsKey(prop)) return "inherited from " + d;
      d = parent(d);
    }
    return "-";
  }

  private static String parent(String d) {
    return d.contains("/") ? d.substring(0, d.lastIndexOf('/')) : null;
  }

  private static String dash(String v) {
    return v == null || v.isEmpty() ? "-" : v;
  }

  private static String human(long epoch) {
    return HUMAN_DATE.format(Instant.ofEpochSecond(epoch));
  }

  private static long numeric(String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
