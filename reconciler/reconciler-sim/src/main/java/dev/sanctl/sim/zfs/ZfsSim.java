package dev.sanctl.sim.zfs;

import dev.sanctl.sim.Getopt;
import dev.sanctl.spi.host.CommandResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A model of one node's {@code zfs} command for what rotation and backups need, with the argv,
 * output bytes, messages and exit codes of {@code live-state-formats.md} section 3: {@code list -H
 * -p}, {@code get -H -p}, {@code snapshot -o}, comma {@code destroy} (atomic: when any named
 * snapshot is held or cloned nothing is destroyed and each offender gets a {@code cannot destroy
 * snapshot V@x: reason} line), {@code hold}, {@code release}, {@code clone}, {@code set}, {@code
 * create}. {@link Dialect#ZFS_FUSE} models zfs-fuse 0.7: no {@code list -p}, no {@code clones}
 * property, no comma destroy.
 */
public final class ZfsSim {
  /** Which zfs this node runs. */
  public enum Dialect {
    OPENZFS,
    ZFS_FUSE
  }

  private static final Getopt SNAPSHOT_OPTIONS =
      Getopt.options().shortOption('o', Getopt.Arg.REQUIRED);
  private static final Getopt DESTROY_OPTIONS = Getopt.options().shortOption('d', Getopt.Arg.NONE);

  private final Dialect dialect;
  private final Clock clock;
  private final long seed;
  private long guidSeq;
  private final Map<String, Dataset> datasets = new TreeMap<>();
  private long txg = 100;
  private Function<List<String>, CommandResult> interceptor = argv -> null;
  private final Map<String, Long> poolSizes = new TreeMap<>();
  private Function<String, Long> allocation = name -> 0L;

  /** Size of a pool whose size was never set ({@link #setPoolSize}): 1 TiB. */
  public static final long DEFAULT_POOL_SIZE = 1L << 40;

  public ZfsSim(Dialect dialect, Clock clock, long seed) {
    this.dialect = dialect;
    this.clock = clock;
    this.seed = seed;
  }

  public ZfsSim(Clock clock) {
    this(Dialect.OPENZFS, clock, 1);
  }

  /** A filesystem or volume. */
  static final class Dataset {
    final String name;
    final boolean volume;
    final String origin;
    final Map<String, String> props = new LinkedHashMap<>();
    final Map<String, Snap> snapshots = new LinkedHashMap<>();

    Dataset(String name, boolean volume, String origin) {
      this.name = name;
      this.volume = volume;
      this.origin = origin;
    }
  }

  /** A snapshot. */
  static final class Snap {
    final String name;
    final String guid;
    final long createtxg;
    final long creation;
    final Map<String, String> props = new LinkedHashMap<>();
    final Set<String> holds = new LinkedHashSet<>();
    boolean deferDestroy;

    Snap(String name, String guid, long createtxg, long creation) {
      this.name = name;
      this.guid = guid;
      this.createtxg = createtxg;
      this.creation = creation;
    }
  }

  /**
   * Lets a test replace the answer to some commands (fault injection: E2BIG, unparseable errors).
   * The function returns null to let the model answer.
   */
  public void intercept(Function<List<String>, CommandResult> f) {
    this.interceptor = f;
  }

  public Dialect dialect() {
    return dialect;
  }

  // ---- direct set-up helpers for tests ----

  /** Creates a filesystem (and its parents). */
  public void createFilesystem(String name) {
    ensureParents(name);
    datasets.putIfAbsent(name, new Dataset(name, false, null));
  }

  /** Creates a volume (and parent filesystems). */
  public void createVolume(String name) {
    ensureParents(name);
    datasets.putIfAbsent(name, new Dataset(name, true, null));
  }

  private void ensureParents(String name) {
    int i = name.indexOf('/');
    while (i > 0) {
      String p = name.substring(0, i);
      datasets.putIfAbsent(p, new Dataset(p, false, null));
      i = name.indexOf('/', i + 1);
    }
  }

  /** Adds a snapshot with an explicit creation time and user properties. */
  public void addSnapshot(String dataset, String name, long creation, Map<String, String> props) {
    Dataset d = require(dataset);
    Snap s = new Snap(name, newGuid(), ++txg, creation);
    s.props.putAll(props);
    d.snapshots.put(name, s);
  }

  /** Names of the snapshots of {@code dataset} in createtxg order. */
  public List<String> snapshotNames(String dataset) {
    Dataset d = datasets.get(dataset);
    return d == null ? List.of() : new ArrayList<>(d.snapshots.keySet());
  }

  /** A snapshot's user property, or null. */
  public String userProperty(String dataset, String snap, String prop) {
    Snap s = require(dataset).snapshots.get(snap);
    return s == null ? null : s.props.get(prop);
  }

  public boolean exists(String name) {
    return find(name) != null;
  }

  private Dataset require(String name) {
    Dataset d = datasets.get(name);
    if (d == null) throw new IllegalArgumentException("no dataset " + name);
    return d;
  }

  private String newGuid() {
    long z = seed + 0x9E3779B97F4A7C15L * ++guidSeq;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return Long.toUnsignedString((z ^ (z >>> 31)) | 1L << 62);
  }

  /** Sets the size of {@code pool} ({@code zpool list} size; free space is size minus used). */
  public void setPoolSize(String pool, long bytes) {
    poolSizes.put(pool, bytes);
  }

  /** The pool's size in bytes. */
  public long poolSize(String pool) {
    return poolSizes.getOrDefault(pool, DEFAULT_POOL_SIZE);
  }

  /** Bytes the pool's datasets use (the root dataset's {@code used}). */
  public long poolAllocated(String pool) {
    Dataset root = datasets.get(pool);
    return root == null ? 0 : ZfsNative.used(this, root);
  }

  /** Free bytes of the pool. */
  public long poolFree(String pool) {
    return Math.max(0, poolSize(pool) - poolAllocated(pool));
  }

  /** Where the bytes written to volumes and snapshots come from (the sparse data files). */
  public void allocation(Function<String, Long> bytesWritten) {
    this.allocation = bytesWritten;
  }

  long allocated(String volumeOrSnapshot) {
    return allocation.apply(volumeOrSnapshot);
  }

  /** {@code volblocksize} of volumes created without {@code -b}: 16K (OpenZFS 2.2 and later). */
  long defaultVolBlockSize() {
    return 16384;
  }

  /** Volumes by name with their size in bytes ({@code volsize}). */
  public Map<String, Long> volumes() {
    Map<String, Long> out = new TreeMap<>();
    for (Dataset d : datasets.values()) {
      if (d.volume) out.put(d.name, Long.parseLong(d.props.getOrDefault("volsize", "0")));
    }
    return out;
  }

  /** Snapshots of volumes ({@code vol@snap}) with their origin volume. */
  public Map<String, String> volumeSnapshots() {
    Map<String, String> out = new TreeMap<>();
    for (Dataset d : datasets.values()) {
      if (d.volume) for (String s : d.snapshots.keySet()) out.put(d.name + "@" + s, d.name);
    }
    return out;
  }

  /** The snapshot a clone was made from, or null. */
  public String origin(String dataset) {
    Dataset d = datasets.get(dataset);
    return d == null ? null : d.origin;
  }

  // ---- persistence (the simulator's state files) ----

  /** The state as records: counters, datasets, properties, snapshots, holds. */
  public List<List<String>> toRecords() {
    List<List<String>> out = new ArrayList<>();
    out.add(List.of("zfs", Long.toString(txg), Long.toString(guidSeq), Long.toString(seed)));
    poolSizes.forEach((p, b) -> out.add(List.of("poolsize", p, Long.toString(b))));
    for (Dataset d : datasets.values()) {
      out.add(List.of("ds", d.name, Boolean.toString(d.volume), d.origin == null ? "" : d.origin));
      d.props.forEach((k, v) -> out.add(List.of("dsprop", d.name, k, v)));
      for (Snap s : d.snapshots.values()) {
        out.add(
            List.of(
                "snap",
                d.name,
                s.name,
                s.guid,
                Long.toString(s.createtxg),
                Long.toString(s.creation),
                Boolean.toString(s.deferDestroy)));
        s.props.forEach((k, v) -> out.add(List.of("snapprop", d.name, s.name, k, v)));
        for (String h : s.holds) out.add(List.of("hold", d.name, s.name, h));
      }
    }
    return out;
  }

  /** Restores a model saved with {@link #toRecords}. */
  public static ZfsSim fromRecords(List<List<String>> records, Dialect dialect, Clock clock) {
    long seed = 1;
    for (List<String> r : records) if (r.get(0).equals("zfs")) seed = Long.parseLong(r.get(3));
    ZfsSim z = new ZfsSim(dialect, clock, seed);
    for (List<String> r : records) {
      switch (r.get(0)) {
        case "zfs" -> {
          z.txg = Long.parseLong(r.get(1));
          z.guidSeq = Long.parseLong(r.get(2));
        }
        case "ds" ->
            z.datasets.put(
                r.get(1),
                new Dataset(
                    r.get(1),
                    Boolean.parseBoolean(r.get(2)),
                    r.get(3).isEmpty() ? null : r.get(3)));
        case "dsprop" -> z.datasets.get(r.get(1)).props.put(r.get(2), r.get(3));
        case "snap" -> {
          Snap s = new Snap(r.get(2), r.get(3), Long.parseLong(r.get(4)), Long.parseLong(r.get(5)));
          s.deferDestroy = Boolean.parseBoolean(r.get(6));
          z.datasets.get(r.get(1)).snapshots.put(s.name, s);
        }
        case "snapprop" ->
            z.datasets.get(r.get(1)).snapshots.get(r.get(2)).props.put(r.get(3), r.get(4));
        case "hold" -> z.datasets.get(r.get(1)).snapshots.get(r.get(2)).holds.add(r.get(3));
        case "poolsize" -> z.poolSizes.put(r.get(1), Long.parseLong(r.get(2)));
        default -> throw new IllegalArgumentException("unknown zfs state record " + r.get(0));
      }
    }
    return z;
  }

  // ---- the command ----

  /** Runs {@code argv} (argv[0] is {@code zfs}). */
  public synchronized CommandResult run(List<String> argv) {
    CommandResult injected = interceptor.apply(argv);
    if (injected != null) return injected;
    if (argv.size() < 2) return result(2, "", usageText());
    List<String> args = argv.subList(2, argv.size());
    return switch (argv.get(1)) {
      case "-?", "--help" -> result(0, usageText(), "");
      case "list" -> new ZfsListing(this).list(args);
      case "get" -> new ZfsListing(this).get(args);
      case "snapshot", "snap" -> snapshot(args);
      case "destroy" -> destroy(args);
      case "hold" -> hold(args, true);
      case "release" -> hold(args, false);
      case "clone" -> clone(args);
      case "set" -> set(args);
      case "inherit" -> new ZfsSet(this).inherit(args);
      case "create" -> new ZfsCreate(this).run(args);
      default -> result(2, "", "unrecognized command '" + argv.get(1) + "'\n" + usageText());
    };
  }

  String usageText() {
    return dialect == Dialect.OPENZFS ? ZfsUsage.OPENZFS : ZfsUsage.ZFS_FUSE;
  }

  static CommandResult result(int exit, String out, String err) {
    return CommandResult.of(exit, out, err);
  }

  Map<String, Dataset> datasets() {
    return datasets;
  }

  /** The dataset or snapshot named {@code name}: a Dataset, a Snap, or null. */
  Object find(String name) {
    int at = name.indexOf('@');
    if (at < 0) return datasets.get(name);
    Dataset d = datasets.get(name.substring(0, at));
    return d == null ? null : d.snapshots.get(name.substring(at + 1));
  }

  /** Clones (datasets whose origin is {@code fullSnap}), sorted. */
  List<String> clonesOf(String fullSnap) {
    List<String> out = new ArrayList<>();
    for (Dataset d : datasets.values()) if (fullSnap.equals(d.origin)) out.add(d.name);
    return out;
  }

  private CommandResult snapshot(List<String> args) {
    Getopt.Parsed parsed;
    try {
      parsed = SNAPSHOT_OPTIONS.parse(args);
    } catch (Getopt.Error e) {
      return ZfsOptions.refusal(e, "");
    }
    Map<String, String> props = new LinkedHashMap<>();
    for (String kv : parsed.values("o")) {
      int eq = kv.indexOf('=');
      if (eq <= 0) return result(2, "", "missing '=' for property argument\n");
      props.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    List<String> targets = parsed.operands();
    if (targets.isEmpty()) return result(2, "", "missing snapshot argument\n");
    for (String t : targets) {
      int at = t.indexOf('@');
      if (at <= 0)
        return result(1, "", "cannot create snapshot '" + t + "': invalid dataset name\n");
      Dataset d = datasets.get(t.substring(0, at));
      if (d == null) {
        return result(1, "", "cannot open '" + t.substring(0, at) + "': dataset does not exist\n");
      }
      if (d.snapshots.containsKey(t.substring(at + 1))) {
        return result(1, "", "cannot create snapshot '" + t + "': dataset already exists\n");
      }
    }
    long now = clock.instant().getEpochSecond();
    txg++;
    for (String t : targets) {
      int at = t.indexOf('@');
      Snap s = new Snap(t.substring(at + 1), newGuid(), txg, now);
      s.props.putAll(props);
      Dataset d = datasets.get(t.substring(0, at));
      if (d.volume) s.props.put("volsize", d.props.getOrDefault("volsize", "0"));
      d.snapshots.put(s.name, s);
    }
    return result(0, "", "");
  }

  private CommandResult destroy(List<String> args) {
    Getopt.Parsed parsed;
    try {
      parsed = DESTROY_OPTIONS.parse(args);
    } catch (Getopt.Error e) {
      return ZfsOptions.refusal(e, "");
    }
    boolean defer = parsed.has("d");
    List<String> operands = parsed.operands();
    if (operands.size() != 1) return result(2, "", "missing dataset argument\n" + usageText());
    String op = operands.get(0);
    int at = op.indexOf('@');
    if (at < 0) return destroyDataset(op);
    String vol = op.substring(0, at);
    List<String> names = Arrays.asList(op.substring(at + 1).split(",", -1));
    if (dialect == Dialect.ZFS_FUSE) {
      if (names.size() > 1 || op.contains("%")) {
        return result(1, "", "cannot open '" + op + "': invalid dataset name\n");
      }
      return destroyLegacy(vol, names.get(0), defer);
    }
    Dataset d = datasets.get(vol);
    if (d == null) return result(1, "", "cannot open '" + vol + "': dataset does not exist\n");
    List<Snap> found = new ArrayList<>();
    for (String n : names) {
      Snap s = d.snapshots.get(n);
      if (s != null && !found.contains(s)) found.add(s);
    }
    if (found.isEmpty()) {
      return result(1, "", "could not find any snapshots to destroy; check snapshot names.\n");
    }
    StringBuilder err = new StringBuilder();
    if (!defer) {
      for (Snap s : found) {
        if (!s.holds.isEmpty()) {
          err.append("cannot destroy snapshot ").append(vol).append('@').append(s.name);
          err.append(": dataset is busy\n");
        } else if (!clonesOf(vol + "@" + s.name).isEmpty()) {
          err.append("cannot destroy snapshot ").append(vol).append('@').append(s.name);
          err.append(": snapshot is cloned\n");
        }
      }
    }
    if (err.length() > 0) return result(1, "", err.toString());
    for (Snap s : found) {
      if (defer && (!s.holds.isEmpty() || !clonesOf(vol + "@" + s.name).isEmpty())) {
        s.deferDestroy = true;
      } else d.snapshots.remove(s.name);
    }
    return result(0, "", "");
  }

  private CommandResult destroyLegacy(String vol, String name, boolean defer) {
    String full = vol + "@" + name;
    Dataset d = datasets.get(vol);
    Snap s = d == null ? null : d.snapshots.get(name);
    if (s == null) return result(1, "", "cannot open '" + full + "': dataset does not exist\n");
    List<String> clones = clonesOf(full);
    if (defer && (!s.holds.isEmpty() || !clones.isEmpty())) {
      s.deferDestroy = true;
      return result(0, "", "");
    }
    if (!clones.isEmpty()) {
      return result(
          1,
          "",
          "cannot destroy '"
              + full
              + "': snapshot has dependent clones\nuse '-R' to destroy the following datasets:\n"
              + String.join("\n", clones)
              + "\n");
    }
    if (!s.holds.isEmpty()) {
      return result(1, "", "cannot destroy '" + full + "': dataset is busy\n");
    }
    d.snapshots.remove(name);
    return result(0, "", "");
  }

  private CommandResult destroyDataset(String name) {
    Dataset d = datasets.get(name);
    if (d == null) return result(1, "", "cannot open '" + name + "': dataset does not exist\n");
    List<String> children = new ArrayList<>();
    for (String s : d.snapshots.keySet()) children.add(name + "@" + s);
    for (String other : datasets.keySet()) if (other.startsWith(name + "/")) children.add(other);
    if (!children.isEmpty()) {
      return result(
          1,
          "",
          "cannot destroy '"
              + name
              + "': "
              + (d.volume ? "volume" : "filesystem")
              + " has children\nuse '-r' to destroy the following datasets:\n"
              + String.join("\n", children)
              + "\n");
    }
    datasets.remove(name);
    return result(0, "", "");
  }

  private CommandResult hold(List<String> args, boolean hold) {
    if (args.size() < 2) return result(2, "", "missing arguments\n");
    String tag = args.get(0);
    for (String t : args.subList(1, args.size())) {
      Object o = find(t);
      if (!(o instanceof Snap s)) {
        return result(1, "", "cannot open '" + t + "': dataset does not exist\n");
      }
      if (hold && !s.holds.add(tag)) {
        return result(
            1, "", "cannot hold snapshot '" + t + "': tag already exists on this dataset\n");
      }
      if (!hold) {
        if (!s.holds.remove(tag)) {
          return result(
              1,
              "",
              "cannot release hold from snapshot '" + t + "': no such tag on this dataset\n");
        }
        if (s.holds.isEmpty() && s.deferDestroy && clonesOf(t).isEmpty()) {
          datasets.get(t.substring(0, t.indexOf('@'))).snapshots.remove(s.name);
        }
      }
    }
    return result(0, "", "");
  }

  private CommandResult clone(List<String> args) {
    if (args.size() != 2) return result(2, "", "missing arguments\n");
    if (!(find(args.get(0)) instanceof Snap)) {
      return result(1, "", "cannot open '" + args.get(0) + "': dataset does not exist\n");
    }
    if (datasets.containsKey(args.get(1))) {
      return result(1, "", "cannot create '" + args.get(1) + "': dataset already exists\n");
    }
    Dataset origin = datasets.get(args.get(0).substring(0, args.get(0).indexOf('@')));
    Dataset clone = new Dataset(args.get(1), origin.volume, args.get(0));
    if (origin.volume) {
      clone.props.put("volsize", ((Snap) find(args.get(0))).props.getOrDefault("volsize", "0"));
      if (origin.props.containsKey("volblocksize")) {
        clone.props.put("volblocksize", origin.props.get("volblocksize"));
      }
    }
    datasets.put(args.get(1), clone);
    return result(0, "", "");
  }

  private CommandResult set(List<String> args) {
    List<String[]> kvs = new ArrayList<>();
    int i = 0;
    while (i < args.size() && args.get(i).contains("=")) {
      String a = args.get(i++);
      kvs.add(new String[] {a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1)});
    }
    if (kvs.isEmpty() || i == args.size()) return result(2, "", "missing arguments\n");
    for (String[] kv : kvs) {
      if (!kv[0].contains(":")) return new ZfsSet(this).set(kvs, args.subList(i, args.size()));
    }
    StringBuilder err = new StringBuilder();
    for (String t : args.subList(i, args.size())) {
      Object o = find(t);
      Map<String, String> props =
          o instanceof Snap s ? s.props : o instanceof Dataset d ? d.props : null;
      if (props == null) {
        err.append("cannot open '").append(t).append("': dataset does not exist\n");
        continue;
      }
      for (String[] kv : kvs) props.put(kv[0], kv[1]);
    }
    return result(err.length() == 0 ? 0 : 1, "", err.toString());
  }
}
