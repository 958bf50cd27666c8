package dev.sanctl.kernel;

import dev.sanctl.spi.host.ShellQuoting;
import dev.sanctl.testkit.ssh.TestKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

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
  private static final String HOST = "127.0.0.1";
  private static final Set<Guest> OPEN = ConcurrentHashMap.newKeySet();
  private static final ScheduledExecutorService WATCHDOGS =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "guest-watchdog");
            t.setDaemon(true);
            return t;
          });

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
  private int sshPort;
  private final Map<Integer, Integer> forwards = new LinkedHashMap<>();
  private int bootNumber;
  private Path bootDir;
  private Process process;
  private Process master;
  private final Path controlPath;
  private ScheduledFuture<?> watchdogTask;
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
    this.identity =
        existingOr(clientDir.resolve("id_ed25519"), () -> TestKeys.generate(clientDir, "ed25519"));
    Path hostKeyDir = Files.createDirectories(workDir.resolve("hostkey"));
    this.hostKey =
        existingOr(
            hostKeyDir.resolve("id_ed25519"), () -> TestKeys.generate(hostKeyDir, "ed25519"));
    this.knownHosts = workDir.resolve("known_hosts");
    // a unix socket path must stay short (108 bytes): not under the (deep) work directory
    this.controlPath = Files.createTempDirectory("sanctl-ssh-").resolve("master");
  }

  private interface KeyMaker {
    Path make() throws IOException, InterruptedException;
  }

  private static Path existingOr(Path p, KeyMaker maker) throws IOException, InterruptedException {
    return Files.exists(p) ? p : maker.make();
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
    g.sshPort = freePort();
    for (int p : spec.forwardedGuestPorts()) g.forwards.put(p, freePort());
    g.writeKnownHosts();
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
    return sshPort;
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
    return "{address: "
        + HOST
        + ", os: linux, port: "
        + sshPort
        + ", user: root, identityFile: '"
        + identity
        + "', knownHostsFile: '"
        + knownHosts
        + "', services: ["
        + String.join(", ", services)
        + "]}";
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
    try {
      Path c = bootDir == null ? null : bootDir.resolve("console.log");
      return c != null && Files.exists(c)
          ? new String(Files.readAllBytes(c), StandardCharsets.UTF_8)
          : "";
    } catch (IOException e) {
      return "(console unreadable: " + e + ")";
    }
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
    if (!process.waitFor(90, TimeUnit.SECONDS)) kill();
    finishBoot();
  }

  /** Kills qemu at once (SIGKILL by PID): the guest loses what it had not written. */
  public synchronized void kill() {
    stopMaster();
    if (process == null) return;
    ProcessHandle wrapper = process.toHandle();
    readQemuPid().flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
    wrapper.descendants().forEach(ProcessHandle::destroyForcibly);
    wrapper.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    finishBoot();
  }

  /** Kills qemu (nothing is left running) and forgets the guest; the files stay. */
  @Override
  public void close() {
    kill();
    OPEN.remove(this);
    try {
      Files.deleteIfExists(controlPath);
      Files.deleteIfExists(controlPath.getParent());
    } catch (IOException ignored) {
      // a leftover empty directory in /tmp
    }
  }

  /** Guests booted and not closed in this JVM (for {@link GuestLogsExtension}). */
  static List<Guest> open() {
    return List.copyOf(OPEN);
  }

  /** The known_hosts line pinning {@code publicKeyLine} (an {@code .pub} file's text) at PORT. */
  static String knownHostsLine(int port, String publicKeyLine) {
    String[] w = publicKeyLine.strip().split("\\s+");
    if (w.length < 2) throw new IllegalArgumentException("not a public key line: " + publicKeyLine);
    return "[" + HOST + "]:" + port + " " + w[0] + " " + w[1] + "\n";
  }

  /** The OpenSSH client argv that runs {@code remoteCommand} in the guest. */
  List<String> sshArgv(String remoteCommand) {
    return List.of(
        "ssh",
        "-F",
        "/dev/null",
        "-p",
        Integer.toString(sshPort),
        "-i",
        identity.toString(),
        "-o",
        "IdentitiesOnly=yes",
        "-o",
        "UserKnownHostsFile=" + knownHosts,
        "-o",
        "GlobalKnownHostsFile=/dev/null",
        "-o",
        "StrictHostKeyChecking=yes",
        "-o",
        "BatchMode=yes",
        "-o",
        "ConnectTimeout=60",
        "-o",
        "ServerAliveInterval=15",
        "-o",
        "ServerAliveCountMax=8",
        "-o",
        "LogLevel=ERROR",
        "-o",
        "ControlMaster=no",
        "-o",
        "ControlPath=" + controlPath,
        "root@" + HOST,
        "--",
        remoteCommand);
  }

  /**
   * Starts the SSH connection every command shares ({@code ControlMaster}): under TCG a new SSH
   * connection costs seconds of sshd work in the guest, a new session on it a fraction. Our own
   * process, stopped by PID; a command finding no master connects on its own.
   */
  private void startMaster(long deadline) throws IOException, InterruptedException {
    stopMaster();
    List<String> argv = new ArrayList<>(sshArgv("true"));
    argv.remove(argv.size() - 1); // the command
    argv.remove(argv.size() - 1); // --
    int at = argv.indexOf("ControlMaster=no");
    argv.set(at, "ControlMaster=yes");
    argv.add(argv.size() - 1, "-N");
    argv.add(argv.size() - 1, "-o");
    argv.add(argv.size() - 1, "ControlPersist=no");
    master =
        new ProcessBuilder(argv)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectErrorStream(true)
            .redirectOutput(bootDir.resolve("ssh-master.log").toFile())
            .start();
    while (!Files.exists(controlPath) && master.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
  }

  private void stopMaster() {
    Process m = master;
    master = null;
    if (m == null) return;
    m.destroy();
    try {
      if (!m.waitFor(10, TimeUnit.SECONDS)) m.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      Files.deleteIfExists(controlPath);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException ignored) {
      // ssh removes its socket itself
    }
  }

  // ---------------------------------------------------------------------------------------------

  private void writeKnownHosts() throws IOException {
    Files.writeString(
        knownHosts, knownHostsLine(sshPort, Files.readString(Path.of(hostKey + ".pub"))));
  }

  private void start() throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        launch();
        return;
      } catch (PortTaken e) {
        if (attempt == 3) throw new GuestFailure(spec.name() + ": " + e.getMessage());
        sshPort = freePort();
        forwards.replaceAll((guest, host) -> freePort());
        writeKnownHosts();
      }
    }
  }

  private static final class PortTaken extends Exception {
    private static final long serialVersionUID = 1L;

    PortTaken(String m) {
      super(m);
    }
  }

  private void launch() throws IOException, InterruptedException, PortTaken {
    bootNumber++;
    bootDir = Files.createDirectories(workDir.resolve("boot-" + bootNumber));
    Path share = Files.createDirectories(bootDir.resolve("share"));
    Files.setPosixFilePermissions(share, PosixFilePermissions.fromString("rwx------"));
    Path stage2 = share.resolve("stage2.sh");
    Files.write(stage2, Initramfs.resource("guest-stage2.sh"));
    Files.setPosixFilePermissions(stage2, PosixFilePermissions.fromString("rwxr-xr-x"));
    writeShare(share);
    createDisks();
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
                sshPort,
                forwards,
                watchdog.plusMinutes(1))
            .argv();
    Files.writeString(bootDir.resolve("qemu.argv"), String.join("\n", argv) + "\n");
    Path qemuOut = bootDir.resolve("qemu.out");
    process =
        new ProcessBuilder(argv)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectErrorStream(true)
            .redirectOutput(qemuOut.toFile())
            .start();
    OPEN.add(this);
    watchdogNote = "";
    Process mine = process;
    watchdogTask =
        WATCHDOGS.schedule(
            () -> {
              if (mine.isAlive()) {
                watchdogNote = "killed by its watchdog after " + watchdog;
                kill();
              }
            },
            watchdog.toMillis(),
            TimeUnit.MILLISECONDS);
    long deadline = System.nanoTime() + spec.bootTimeout().toNanos();
    Path ready = share.resolve("ready");
    while (!Files.exists(ready)) {
      if (!process.isAlive()) {
        String out = Files.readString(qemuOut);
        if (out.contains("Could not set up host forwarding rule")) {
          finishBoot();
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
      startMaster(deadline);
      r = run(List.of("true"), null, Duration.ofSeconds(90));
      if (r.ok()) return;
      if (!process.isAlive()) break;
      stopMaster();
      Thread.sleep(500);
    }
    kill();
    throw bootFailure(
        "sshd in the guest did not accept the client key on port "
            + sshPort
            + ": "
            + (r == null ? "" : r.stderr().strip())
            + "\n--- sshd.log\n"
            + readOr(share.resolve("sshd.log")));
  }

  private GuestFailure bootFailure(String what) {
    return new GuestFailure(
        spec.name() + " (boot " + bootNumber + "): " + what + "\n" + consoleTail(200));
  }

  /** The last {@code lines} lines of the console, framed, for failure messages. */
  String consoleTail(int lines) {
    List<String> all = console().lines().toList();
    List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
    return "--- console of "
        + spec.name()
        + " ("
        + bootDir.resolve("console.log")
        + ", last "
        + tail.size()
        + " lines)\n"
        + String.join("\n", tail)
        + "\n--- end of console";
  }

  private void finishBoot() {
    if (watchdogTask != null) watchdogTask.cancel(false);
  }

  private void writeShare(Path share) throws IOException {
    List<String> serials = new ArrayList<>();
    for (int i = 0; i < spec.disks().size(); i++) serials.add(GuestSpec.diskSerial(i));
    Files.writeString(
        share.resolve("guest.env"),
        "GUEST_NAME="
            + ShellQuoting.quote(spec.name())
            + "\nGUEST_DISKS="
            + ShellQuoting.quote(String.join(" ", serials))
            + "\nINITIATOR_IQN="
            + ShellQuoting.quote("iqn.2026-12.dev.sanctl.guest:" + spec.name())
            + "\n");
    Files.copy(hostKey, share.resolve("ssh_host_ed25519_key"));
    Files.copy(Path.of(identity + ".pub"), share.resolve("authorized_keys"));
    Files.writeString(
        share.resolve("sshd_config"),
        String.join(
            "\n",
            "Port 22",
            "ListenAddress 0.0.0.0",
            "HostKey /etc/ssh/sanctl_host_ed25519_key",
            "AuthorizedKeysFile /sanctl-guest/authorized_keys",
            "PidFile /run/sshd.pid",
            "UsePAM no",
            "StrictModes no",
            "PermitRootLogin prohibit-password",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "UseDNS no",
            "MaxStartups 64",
            "MaxSessions 64",
            "SetEnv LVM_SUPPRESS_FD_WARNINGS=1",
            "LogLevel VERBOSE",
            ""));
  }

  private void createDisks() throws IOException {
    for (GuestDisk d : spec.disks()) {
      if (Files.exists(d.image())) continue;
      Files.createDirectories(d.image().getParent());
      try (RandomAccessFile f = new RandomAccessFile(d.image().toFile(), "rw")) {
        f.setLength(d.sizeBytes());
      }
    }
  }

  private GuestResult run(List<String> argv, String stdin, Duration limit)
      throws IOException, InterruptedException {
    if (!isRunning()) {
      throw new GuestFailure(
          spec.name()
              + " is not running"
              + watchdogSuffix()
              + "; cannot run "
              + argv
              + "\n"
              + consoleTail(60));
    }
    Path dir = Files.createDirectories(bootDir.resolve("exec"));
    Path out = Files.createTempFile(dir, "cmd-", ".out");
    Path err = Files.createTempFile(dir, "cmd-", ".err");
    try {
      Process p =
          new ProcessBuilder(sshArgv(ShellQuoting.join(argv)))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      try (OutputStream in = p.getOutputStream()) {
        if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
      } catch (IOException closedEarly) {
        // the command did not read all of its stdin
      }
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor();
        throw new GuestFailure(
            spec.name()
                + ": "
                + ShellQuoting.join(argv)
                + " did not finish within "
                + limit
                + "\n"
                + consoleTail(60));
      }
      GuestResult r = new GuestResult(p.exitValue(), Files.readString(out), Files.readString(err));
      if (r.status() == 255 && !isRunning()) {
        throw new GuestFailure(
            spec.name()
                + " died during "
                + ShellQuoting.join(argv)
                + watchdogSuffix()
                + ": "
                + r.stderr()
                + "\n"
                + consoleTail(60));
      }
      return r;
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private String watchdogSuffix() {
    return watchdogNote.isEmpty() ? "" : " (" + watchdogNote + ")";
  }

  private Optional<Long> readQemuPid() {
    try {
      Path pid = bootDir == null ? null : bootDir.resolve("qemu.pid");
      if (pid == null || !Files.exists(pid)) return Optional.empty();
      long p = Long.parseLong(Files.readString(pid).strip());
      // the PID is ours only while it is a descendant of our wrapper
      return process.toHandle().descendants().anyMatch(h -> h.pid() == p)
          ? Optional.of(p)
          : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String readOr(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p) : "(none)";
    } catch (IOException e) {
      return "(unreadable)";
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "Guest[" + spec.name() + ", ssh 127.0.0.1:" + sshPort + ", boot " + bootNumber + "]";
  }
}
