package dev.sanctl.sim;

import dev.sanctl.sim.iet.IetRuntime;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.host.HostUnreachableException;
import dev.sanctl.spi.host.ShellQuoting;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.ResourceState;
import dev.sanctl.spi.model.VolumeGroup;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToLongFunction;

/**
 * An embedded simulated cluster whose state lives under one directory, so separate processes (CLI
 * invocations) see the same cluster. Each node answers commands through a {@link SimHost} with
 * simulated tools ({@link SimTool}, found as {@link java.util.ServiceLoader} services: {@link
 * SimTools}): lvm2, ietadm, {@code /proc/net/iet}, GNU coreutils, tgt, zfs, COMSTAR, cron; anything
 * else is "not found" (exit 127) as a remote POSIX shell reports it.
 *
 * <p>All operations take a cluster-wide lock (a file lock, so concurrent processes are safe).
 */
public final class SimCluster {
  /** Bound of captured stdout and stderr, as for real hosts. */
  private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private static final ThreadLocal<SimContext> CURRENT = new ThreadLocal<>();

  private final Layout layout;
  private final Clock clock;
  private final SimTools tools = SimTools.loaded();
  private final LoadedStates loaded = new LoadedStates();

  private SimCluster(Path dir, Clock clock) throws IOException {
    this.layout = new Layout(dir.toRealPath());
    this.clock = clock;
  }

  /** Opens the simulated cluster in {@code dir} (made by {@link #init}). */
  public static SimCluster open(Path dir) throws IOException {
    return open(dir, Clock.systemUTC());
  }

  /** Opens the simulated cluster in {@code dir} with a given clock (for reproducible output). */
  public static SimCluster open(Path dir, Clock clock) throws IOException {
    if (!Files.isRegularFile(dir.resolve("cluster.state"))) {
      throw new IOException(
          dir
              + " is not a simulated cluster (make one from the configuration: "
              + ShellQuoting.join(List.of("sanctl", "sim", "init", "--sim", dir.toString()))
              + ")");
    }
    return new SimCluster(dir, clock);
  }

  /**
   * The least default free space of a simulated LVM volume group: 1 TiB (sparse: costs no disk).
   */
  public static final long MIN_DEFAULT_VG_FREE = 1L << 40;

  /**
   * The default free space of a simulated LVM volume group: twice what its desired (present)
   * volumes need, at least {@link #MIN_DEFAULT_VG_FREE}, so a first apply fits with headroom to
   * grow and snapshot.
   */
  public static long defaultVgFree(VolumeGroup vg) {
    long need = 0;
    for (VolumeGroup.Volume v : vg.volumes().values()) {
      if (v.state() != ResourceState.ABSENT) need = saturatedAdd(need, v.sizeBytes());
    }
    return Math.max(MIN_DEFAULT_VG_FREE, saturatedAdd(need, need));
  }

  private static long saturatedAdd(long a, long b) {
    long s = a + b;
    return s < 0 ? Long.MAX_VALUE : s;
  }

  /**
   * Creates a simulated cluster for {@code state} in {@code dir} (absent or empty): one node per
   * node, each volume group existing (LVM: active on its first node with {@code vgSizeBytes} of
   * space, the meta volume created and mounted; files: its directory on its nodes), each pool
   * imported on its first node, nothing else.
   */
  public static SimCluster init(Path dir, DesiredState state, long vgSizeBytes) throws IOException {
    return init(dir, state, vgSizeBytes, Clock.systemUTC());
  }

  /** {@link #init(Path, DesiredState, long)} with a given clock. */
  public static SimCluster init(Path dir, DesiredState state, long vgSizeBytes, Clock clock)
      throws IOException {
    return init(dir, state, vg -> vgSizeBytes, clock);
  }

  /**
   * {@link #init(Path, DesiredState, long)} with the free space of each LVM volume group given by
   * {@code vgFreeBytes} (for example {@link #defaultVgFree}).
   */
  public static SimCluster init(
      Path dir, DesiredState state, ToLongFunction<VolumeGroup> vgFreeBytes, Clock clock)
      throws IOException {
    if (Files.exists(dir)) {
      try (var entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new IOException(dir + " is not empty; a simulated cluster needs a new directory");
        }
      }
    }
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("cluster.state"), ""); // what open() recognises
    SimCluster c = new SimCluster(dir, clock);
    c.locked(ctx -> SimInit.apply(ctx, state, vgFreeBytes));
    return c;
  }

  public Path dir() {
    return layout.dir();
  }

  public Clock clock() {
    return clock;
  }

  public Layout layout() {
    return layout;
  }

  /** The state objects this cluster holds between operations. */
  LoadedStates loaded() {
    return loaded;
  }

  /**
   * Adds (or replaces) a tool for the executables it names; a tool that also implements {@link
   * SimBlockDevices} contributes its block devices.
   */
  public void register(SimTool tool) {
    tools.register(tool);
  }

  List<SimBlockDevices> devices() {
    return tools.devices();
  }

  /** The node names, in desired-state order. */
  public List<String> nodes() throws IOException {
    return locked(ctx -> new ArrayList<>(ctx.topology().nodes().keySet()));
  }

  /** A host for every node, by node name (what {@code --sim DIR} gives the engine). */
  public Map<String, SimHost> hosts() throws IOException {
    Map<String, SimHost> hosts = new LinkedHashMap<>();
    for (String n : nodes()) hosts.put(n, new SimHost(this, n));
    return hosts;
  }

  /** The host of one node. */
  public SimHost host(String node) throws IOException {
    if (!nodes().contains(node)) throw new IllegalArgumentException("no simulated node " + node);
    return new SimHost(this, node);
  }

  /** An operation on one node, run under the cluster lock. */
  @FunctionalInterface
  public interface NodeOperation<T> {
    T apply(SimNode node) throws IOException;
  }

  /** Runs {@code op} on {@code node} under the cluster lock and writes the state back. */
  public <T> T onNode(String node, NodeOperation<T> op) throws IOException {
    return locked(ctx -> op.apply(ctx.node(node)));
  }

  @FunctionalInterface
  interface Operation<T> {
    T apply(SimContext ctx) throws IOException;
  }

  <T> T locked(Operation<T> op) throws IOException {
    SimContext outer = CURRENT.get();
    if (outer != null && outer.cluster.layout.dir().equals(layout.dir())) {
      return op.apply(outer); // nested (a tool calling back into its cluster): same state
    }
    ReentrantLock lock = LOCKS.computeIfAbsent(layout.dir(), d -> new ReentrantLock());
    lock.lock();
    try (FileChannel ch =
            FileChannel.open(layout.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = ch.lock()) {
      SimContext ctx = new SimContext(this);
      CURRENT.set(ctx);
      boolean committed = false;
      try {
        T result = op.apply(ctx);
        ctx.commit();
        committed = true;
        return result;
      } finally {
        if (!committed) ctx.abandon();
      }
    } finally {
      if (outer == null) CURRENT.remove();
      else CURRENT.set(outer);
      lock.unlock();
    }
  }

  /** Runs a command on a node as {@link SimHost#run} does (faults apply). */
  public CommandResult run(String node, String... argv) throws IOException {
    return execute(node, Command.read(argv));
  }

  public CommandResult execute(String node, Command command) throws IOException {
    long start = System.nanoTime();
    Faults faults = locked(ctx -> ctx.node(node).context().faults(node));
    if (faults.unreachable) {
      throw new HostUnreachableException(
          "ssh: connect to host " + node + " port 22: No route to host (simulated)");
    }
    if (faults.slowMillis > 0) {
      Duration timeout = command.timeout();
      if (timeout != null && faults.slowMillis >= timeout.toMillis()) {
        sleep(timeout.toMillis());
        return new CommandResult(
            CommandResult.TIMED_OUT, new byte[0], new byte[0], false, since(start));
      }
      sleep(faults.slowMillis);
    }
    CommandResult r =
        locked(ctx -> tools.dispatch(ctx.node(node), command.argv(), command.stdin()));
    boolean truncated =
        r.truncated()
            || r.stdout().length > Host.OUTPUT_LIMIT
            || r.stderr().length > Host.OUTPUT_LIMIT;
    return new CommandResult(
        r.exitStatus(), bound(r.stdout()), bound(r.stderr()), truncated, since(start));
  }

  private static byte[] bound(byte[] b) {
    return b.length > Host.OUTPUT_LIMIT ? Arrays.copyOf(b, Host.OUTPUT_LIMIT) : b;
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  // ---- operator actions (sanctl sim ...) ----

  /** The HA manager moves {@code vg} (and its meta volume) to {@code node}. */
  public void failover(String vg, String node) throws IOException {
    locked(
        ctx -> {
          Failover.apply(ctx, vg, node);
          return null;
        });
  }

  /**
   * The HA manager moves ZFS pool {@code pool} to {@code node} as the Heartbeat ZFS agent does
   * ({@link PoolFailover}): stmf-ha stop and export where it is imported, import and stmf-ha start
   * on {@code node}.
   */
  public void failoverPool(String pool, String node) throws IOException {
    locked(
        ctx -> {
          PoolFailover.apply(ctx, pool, node, (n, argv) -> tools.dispatch(n, argv, new byte[0]));
          return null;
        });
  }

  /** Whether {@code name} is a ZFS pool of the simulated cluster (else a volume group). */
  public boolean hasPool(String name) throws IOException {
    return locked(ctx -> ctx.topology().poolNodes.containsKey(name));
  }

  /** An initiator logs in to {@code targetIqn} on {@code node} from {@code ip}. */
  public void addSession(String node, String targetIqn, String initiatorIqn, String ip)
      throws IOException {
    onNode(
        node,
        n -> {
          IetRuntime.addSession(n, targetIqn, initiatorIqn, ip);
          return null;
        });
  }

  /** The initiator's sessions to {@code targetIqn} from {@code ip} log out. */
  public void removeSession(String node, String targetIqn, String initiatorIqn, String ip)
      throws IOException {
    onNode(
        node,
        n -> {
          IetRuntime.removeSession(n, targetIqn, initiatorIqn, ip);
          return null;
        });
  }

  /**
   * An initiator writes random bytes to LUN 0 of {@code targetIqn}, each differing from the byte it
   * replaces; the ddmap marks them.
   */
  public void write(String node, String targetIqn, long offset, long length) throws IOException {
    onNode(
        node,
        n -> {
          IetRuntime.write(n, targetIqn, offset, length);
          return null;
        });
  }

  /**
   * Makes {@code executable} fail on {@code node} {@code times} times (negative: until cleared).
   */
  public void failExecutable(String node, String executable, int times) throws IOException {
    locked(ctx -> ctx.node(node).context().faults(node).failing.put(executable, times));
  }

  /** Makes {@code node} unreachable: its host throws {@link HostUnreachableException}. */
  public void setUnreachable(String node) throws IOException {
    locked(ctx -> ctx.node(node).context().faults(node).unreachable = true);
  }

  /** Delays every command on {@code node}; a command whose timeout is shorter times out. */
  public void setSlow(String node, Duration delay) throws IOException {
    locked(ctx -> ctx.node(node).context().faults(node).slowMillis = delay.toMillis());
  }

  /** Removes every fault of {@code node}. */
  public void clearFaults(String node) throws IOException {
    locked(
        ctx -> {
          Faults f = ctx.node(node).context().faults(node);
          f.failing.clear();
          f.unreachable = false;
          f.slowMillis = 0;
          return null;
        });
  }

  /** Sets a version switch of {@code node} ({@link NodeFlags}). */
  public void setFlag(String node, String key, String value) throws IOException {
    locked(ctx -> ctx.node(node).context().flags(node).values.put(key, value));
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
