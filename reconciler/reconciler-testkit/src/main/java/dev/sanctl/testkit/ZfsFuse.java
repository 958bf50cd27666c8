package dev.sanctl.testkit;

import dev.sanctl.core.host.LocalHost;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real ZFS for end-to-end tests: the {@code zfs-fuse} daemon (Debian package), started in the
 * foreground when no zfs-fuse answers yet and stopped again by {@link #close}, with file-backed
 * pools in a test directory that {@link #close} destroys. zfs-fuse is the legacy dialect (no {@code
 * list -p}, no comma destroy, no zvols). Tests should skip unless {@link #available}.
 */
public final class ZfsFuse implements AutoCloseable {
  private final Host host = new LocalHost("localhost");
  private final Path dir;
  private final List<String> pools = new ArrayList<>();
  private Process daemon;

  private ZfsFuse(Path dir) {
    this.dir = dir;
  }

  /** Whether zfs-fuse can run here ({@code /dev/fuse} present). */
  /**
   * The zvol stand-in (zfs-fuse has no zvols): a {@code zfs} wrapper that turns {@code zfs create
   * -V} into a dataset plus a sparse file under {@code /dev/zvol}, answers {@code volsize} from it,
   * and copies it on snapshot; every other command goes to {@code realZfs}.
   */
  public static String zvolStandIn(String realZfs) {
    try (java.io.InputStream in = ZfsFuse.class.getResourceAsStream("zvol-stand-in.sh")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          .replace("@REAL_ZFS@", realZfs);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static boolean available() {
    return Files.exists(Path.of("/dev/fuse"));
  }

  /** Connects to a running zfs-fuse, or starts one (log and pid file in {@code dir}). */
  public static ZfsFuse start(Path dir) throws IOException, InterruptedException {
    ZfsFuse z = new ZfsFuse(dir);
    if (!z.run("zpool", "list").ok()) {
      z.daemon =
          new ProcessBuilder("zfs-fuse", "--no-daemon", "--pidfile", dir.resolve("pid").toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("zfs-fuse.log").toFile())
              .start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!z.run("zpool", "list").ok()) {
        if (!z.daemon.isAlive()) {
          throw new IOException(
              "zfs-fuse exited: " + Files.readString(dir.resolve("zfs-fuse.log")));
        }
        if (System.nanoTime() > deadline) throw new IOException("zfs-fuse did not come up in 20 s");
        Thread.sleep(200);
      }
    }
    return z;
  }

  /**
   * Creates a pool named {@code prefix} plus this process id on a sparse file of {@code bytes}, not
   * mounted ({@code -m none}); returns its name.
   */
  public String createPool(String prefix, long bytes) throws IOException {
    String pool = prefix + ProcessHandle.current().pid();
    Path disk = dir.resolve(pool + ".img");
    try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
      f.setLength(bytes);
    }
    CommandResult r = run("zpool", "create", "-m", "none", pool, disk.toString());
    if (!r.ok()) throw new IOException("zpool create " + pool + ": " + r.err());
    pools.add(pool);
    return pool;
  }

  /** Runs a command on the local machine (60 s timeout). */
  public CommandResult run(String... argv) throws IOException {
    return host.run(Command.read(argv).withTimeout(Duration.ofSeconds(60)));
  }

  /** Destroys the pools made here and stops the daemon if this started it. */
  @Override
  public void close() throws IOException, InterruptedException {
    try {
      for (String p : pools) run("zpool", "destroy", "-f", p);
    } finally {
      if (daemon != null) {
        daemon.destroy();
        if (!daemon.waitFor(20, TimeUnit.SECONDS)) daemon.destroyForcibly().waitFor();
      }
    }
  }
}
