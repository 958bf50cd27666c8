package dev.sanctl.kernel;

import dev.sanctl.spi.host.ShellQuoting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Debian kernel booted under qemu TCG with the host root read-only (9p + overlay), its own virtio
 * disks and an OpenSSH sshd reachable on {@code 127.0.0.1:}{@link #sshPort()}: a node sanctl
 * reaches exactly as in production (strict {@link #knownHostsFile()} pinning the guest's host key,
 * public-key login as root with {@link #identityFile()}).
 *
 * <p>The guest's identity (host key, client key, known_hosts, forwarded ports) is made once by
 * {@link #boot} and kept by {@link #reboot()}, like a real machine's; the disk images keep their
 * data across {@link #kill()} and {@link #reboot()}. Every guest has a hard watchdog: qemu runs
 * under {@code timeout -s KILL} (which outlives a dead JVM) and a JVM timer kills it by PID when
 * {@link GuestSpec#watchdog()} runs out. A guest that does not boot, hangs or misses a disk fails
 * with a {@link GuestFailure} carrying its console log, within its boot timeout.
 *
 * <p>Work files under {@code workDir}: {@code id_ed25519} (client key), {@code hostkey/}, {@code
 * known_hosts}, and per boot {@code boot-N/} with {@code console.log}, {@code qemu.out} and the
 * guest share ({@code share/}: guest.env, sshd_config, sshd.log, ready).
 */
public final class Guest implements AutoCloseable {
  private static final String HOST = GuestSsh.HOST;
  private static final Set<Guest> OPEN = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> List.copyOf(OPEN).forEach(Guest::kill), "guest-shutdown"));
  }

  private final GuestSpec spec;
  private final Path workDir;
  private final DebianKernel kernel;
  private final Path initramfs;
  private final Path qemu;
  private final Path timeout;
  private final Path identity;
  private final Path hostKey;
  private final Path knownHosts;
  private final GuestSsh ssh;
  private final Map<Integer, Integer> forwards = new LinkedHashMap<>();
  private int bootNumber;
  private Path bootDir;
  private QemuProcess process;
  private volatile String watchdogNote = "";
  private volatile String lastDmesg = "";

  private Guest(GuestSpec spec, Path workDir, DebianKernel kernel, Path initramfs)
      throws IOException, InterruptedException {
    this.spec = spec;
    this.workDir = workDir;
    this.kernel = kernel;
    this.initramfs = initramfs;
    this.qemu = HostTools.require("qemu-system-x86_64", "qemu-system-x86");
    this.timeout = HostTools.require("timeout", "coreutils");
    HostTools.require("/usr/sbin/sshd", "openssh-server");
    HostTools.require("ssh", "openssh-client");
    Files.createDirectories(workDir);
    Path clientDir = Files.createDirectories(workDir.resolve("client"));
    this.identity = GuestBootFiles.key(clientDir);
    Path hostKeyDir = Files.createDirectories(workDir.resolve("hostkey"));
    this.hostKey = GuestBootFiles.key(hostKeyDir);
    this.knownHosts = workDir.resolve("known_hosts");
    this.ssh = new GuestSsh(identity, knownHosts);
  }

  /**
   * Boots a guest (kernel and initramfs prepared in the kernel cache on first use) and returns when
   * its sshd accepts the client key. {@code workDir} must be free of whitespace and commas.
   */
  public static Guest boot(GuestSpec spec, Path workDir) throws IOException, InterruptedException {
    Path dir = workDir.toAbsolutePath().normalize();
    if (!dir.toString().matches("[^\\s,]+")) {
      throw new IllegalArgumentException(
          "guest work directory must not contain whitespace or commas: " + dir);
    }
    DebianKernel kernel = DebianKernel.prepare();
    Path initramfs = Initramfs.build(kernel, DebianKernel.cacheDir());
    Guest g = new Guest(spec, dir, kernel, initramfs);
    for (int p : spec.forwardedGuestPorts()) g.forwards.put(p, GuestSsh.freePort());
    g.ssh.pin(GuestSsh.freePort(), g.hostPublicKey());
    try {
      g.start();
    } catch (RuntimeException | IOException | InterruptedException e) {
      g.close();
      throw e;
    }
    return g;
  }

  /**
   * Boots this guest again on the same disk images, with the same host key, client key and ports
   * (kills qemu first if it still runs). Returns this guest.
   */
  public Guest reboot() throws IOException, InterruptedException {
    kill();
    start();
    return this;
  }

  public String name() {
    return spec.name();
  }

  public GuestSpec spec() {
    return spec;
  }

  /** Always {@code 127.0.0.1}. */
  public String host() {
    return HOST;
  }

  public int sshPort() {
    return ssh.port();
  }

  /** A known_hosts file with the one line {@code [127.0.0.1]:PORT ssh-ed25519 <key>}. */
  public Path knownHostsFile() {
    return knownHosts;
  }

  /** The private key root logs in with (public key authentication only). */
  public Path identityFile() {
    return identity;
  }

  public Path workDir() {
    return workDir;
  }

  /**
   * This guest as a node of a sanctl config repository: the YAML flow mapping of {@code
   * nodes.<name>} (address, port, user root, identityFile, knownHostsFile, os linux, {@code
   * services}), e.g. {@code "nodes:\n san1: " + guest.nodeYaml("lvm", "files")}.
   */
  public String nodeYaml(String... services) {
    return String.format(
        "{address: %s, os: linux, port: %d, user: root, identityFile: '%s', knownHostsFile: '%s',"
            + " services: [%s]}",
        HOST, ssh.port(), identity, knownHosts, String.join(", ", services));
  }

  /** The host port on 127.0.0.1 that reaches {@code guestPort} (given in the spec). */
  public int forwardedPort(int guestPort) {
    Integer p = forwards.get(guestPort);
    if (p == null)
      throw new IllegalArgumentException("guest port " + guestPort + " is not forwarded");
    return p;
  }

  /** The guest's writable 9p share of this boot, {@code /sanctl-guest} inside the guest. */
  public Path share() {
    return bootDir.resolve("share");
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** The serial console of the current (or last) boot. */
  public String console() {
    return ConsoleLog.text(bootDir == null ? null : bootDir.resolve("console.log"));
  }

  /** The kernel log: read over SSH while the guest runs, else the last one read. */
  public String dmesg() {
    if (isRunning()) {
      try {
        GuestResult r = run(List.of("dmesg"), null, Duration.ofSeconds(60));
        if (r.ok()) lastDmesg = r.stdout();
      } catch (RuntimeException | IOException e) {
        return lastDmesg + "\n(dmesg not readable: " + e.getMessage() + ")";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return lastDmesg;
  }

  /** Runs {@code argv} in the guest as root over SSH; the status is the command's. */
  public GuestResult exec(String... argv) {
    return execWithStdin(null, argv);
  }

  /**
   * Runs {@code argv} with {@code stdin} (null: none). (Not an overload of {@link
   * #exec(String...)}: {@code exec(String, String...)} would make every {@code exec("a", "b")}
   * ambiguous.)
   */
  public GuestResult execWithStdin(String stdin, String... argv) {
    try {
      return run(List.of(argv), stdin, spec.commandTimeout());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GuestFailure("interrupted", e);
    }
  }

  /** Runs {@code argv} and returns its stdout; a non-zero status is a {@link GuestFailure}. */
  public String check(String... argv) {
    GuestResult r = exec(argv);
    if (!r.ok()) {
      throw new GuestFailure(
          spec.name() + ": " + ShellQuoting.join(List.of(argv)) + " failed: " + r);
    }
    return r.stdout();
  }

  /** Powers off like a pulled plug after a {@code sync}: sysrq {@code o}, then waits for qemu. */
  public void powerOff() throws InterruptedException {
    if (!isRunning()) return;
    try {
      run(List.of("sh", "-c", "sync; echo o > /proc/sysrq-trigger"), null, Duration.ofSeconds(60));
    } catch (IOException | GuestFailure ignored) {
      // the connection dies with the guest
    }
    if (!process.waitFor(90)) kill();
    process.cancelWatchdog();
  }

  /** Kills qemu at once (SIGKILL by PID): the guest loses what it had not written. */
  public synchronized void kill() {
    ssh.stopMaster();
    if (process == null) return;
    process.kill();
  }

  /** Kills qemu (nothing is left running) and forgets the guest; the files stay. */
  @Override
  public void close() {
    kill();
    OPEN.remove(this);
    ssh.close();
  }

  /** Guests booted and not closed in this JVM (for {@link GuestLogsExtension}). */
  static List<Guest> open() {
    return List.copyOf(OPEN);
  }

  /** The known_hosts line pinning {@code publicKeyLine} (an {@code .pub} file's text) at PORT. */
  static String knownHostsLine(int port, String publicKeyLine) {
    return GuestSsh.knownHostsLine(port, publicKeyLine);
  }

  private Path hostPublicKey() {
    return Path.of(hostKey + ".pub");
  }

  // ---------------------------------------------------------------------------------------------

  private void start() throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        launch();
        return;
      } catch (PortTaken e) {
        if (attempt == 3) throw new GuestFailure(spec.name() + ": " + e.getMessage());
        forwards.replaceAll((guest, host) -> GuestSsh.freePort());
        ssh.pin(GuestSsh.freePort(), hostPublicKey());
      }
    }
  }

  private void launch() throws IOException, InterruptedException, PortTaken {
    bootNumber++;
    bootDir = Files.createDirectories(workDir.resolve("boot-" + bootNumber));
    Path stage2 = GuestBootFiles.writeShare(bootDir, spec, hostKey, identity);
    Path share = stage2.getParent();
    GuestBootFiles.createDisks(spec);
    Path console = bootDir.resolve("console.log");
    Path pidFile = bootDir.resolve("qemu.pid");
    Duration watchdog = spec.watchdog();
    List<String> argv =
        new QemuCommand(
                timeout,
                qemu,
                spec,
                kernel,
                initramfs,
                stage2,
                share,
                console,
                pidFile,
                ssh.port(),
                forwards,
                watchdog.plusMinutes(1))
            .argv();
    Files.writeString(bootDir.resolve("qemu.argv"), String.join("\n", argv) + "\n");
    Path qemuOut = bootDir.resolve("qemu.out");
    process = QemuProcess.start(argv, qemuOut, pidFile);
    OPEN.add(this);
    watchdogNote = "";
    process.watch(
        watchdog,
        () -> {
          watchdogNote = "killed by its watchdog after " + watchdog;
          kill();
        });
    long deadline = System.nanoTime() + spec.bootTimeout().toNanos();
    Path ready = share.resolve("ready");
    while (!Files.exists(ready)) {
      if (!process.isAlive()) {
        String out = Files.readString(qemuOut);
        if (out.contains("Could not set up host forwarding rule")) {
          process.cancelWatchdog();
          throw new PortTaken("forwarded port taken: " + out.strip());
        }
        throw bootFailure(
            "qemu exited (status "
                + process.exitValue()
                + ") before the guest was ready: "
                + out.strip());
      }
      if (console().contains("SANCTL-GUEST-FAIL")) {
        kill();
        throw bootFailure("the guest's stage 2 failed");
      }
      if (System.nanoTime() > deadline) {
        kill();
        throw bootFailure("the guest was not ready within " + spec.bootTimeout() + " (hang)");
      }
      Thread.sleep(250);
    }
    // sshd is up; the first login proves keys, known_hosts and the forwarded port
    GuestResult r = null;
    while (System.nanoTime() < deadline) {
      ssh.startMaster(bootDir.resolve("ssh-master.log"), deadline);
      r = run(List.of("true"), null, Duration.ofSeconds(90));
      if (r.ok()) return;
      if (!process.isAlive()) break;
      ssh.stopMaster();
      Thread.sleep(500);
    }
    kill();
    throw bootFailure(
        "sshd in the guest did not accept the client key on port "
            + ssh.port()
            + ": "
            + (r == null ? "" : r.stderr().strip())
            + "\n--- sshd.log\n"
            + GuestBootFiles.readOr(share.resolve("sshd.log")));
  }

  private GuestFailure bootFailure(String what) {
    return failure(" (boot " + bootNumber + "): " + what, 200);
  }

  /** A failure of this guest: its name, {@code what}, and the last lines of its console. */
  private GuestFailure failure(String what, int consoleLines) {
    return new GuestFailure(spec.name() + what + "\n" + consoleTail(consoleLines));
  }

  /** The last {@code lines} lines of the console, framed, for failure messages. */
  String consoleTail(int lines) {
    return ConsoleLog.tail(
        spec.name(), bootDir == null ? null : bootDir.resolve("console.log"), lines);
  }

  private GuestResult run(List<String> argv, String stdin, Duration limit)
      throws IOException, InterruptedException {
    if (!isRunning()) {
      throw failure(" is not running" + watchdogSuffix() + "; cannot run " + argv, 60);
    }
    GuestResult r = ssh.run(argv, stdin, limit, bootDir.resolve("exec"));
    String line = ShellQuoting.join(argv);
    if (r == null) throw failure(": " + line + " did not finish within " + limit, 60);
    if (r.status() == 255 && !isRunning()) {
      throw failure(" died during " + line + watchdogSuffix() + ": " + r.stderr(), 60);
    }
    return r;
  }

  private String watchdogSuffix() {
    return watchdogNote.isEmpty() ? "" : " (" + watchdogNote + ")";
  }

  @Override
  public String toString() {
    return "Guest[" + spec.name() + ", ssh 127.0.0.1:" + ssh.port() + ", boot " + bootNumber + "]";
  }
}
