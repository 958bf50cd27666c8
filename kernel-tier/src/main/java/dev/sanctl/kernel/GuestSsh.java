package dev.sanctl.kernel;

import dev.sanctl.spi.host.ShellQuoting;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How the host reaches a guest's sshd: the OpenSSH client with the guest's pinned known_hosts and
 * the client key, public-key login as root on {@code 127.0.0.1:port}, every command over one shared
 * connection ({@code ControlMaster}, our own process, stopped by PID).
 */
final class GuestSsh {
  static final String HOST = "127.0.0.1";

  private final Path identity;
  private final Path knownHosts;
  // a unix socket path must stay short (108 bytes): not under the (deep) work directory
  private final Path controlPath;
  private int port;
  private Process master;

  GuestSsh(Path identity, Path knownHosts) throws IOException {
    this.identity = identity;
    this.knownHosts = knownHosts;
    this.controlPath = Files.createTempDirectory("sanctl-ssh-").resolve("master");
  }

  int port() {
    return port;
  }

  /** Moves to {@code port} and pins {@code hostPublicKey} (an {@code .pub} file) for it. */
  void pin(int port, Path hostPublicKey) throws IOException {
    this.port = port;
    Files.writeString(knownHosts, knownHostsLine(port, Files.readString(hostPublicKey)));
  }

  /** The known_hosts line pinning {@code publicKeyLine} (an {@code .pub} file's text) at PORT. */
  static String knownHostsLine(int port, String publicKeyLine) {
    String[] w = publicKeyLine.strip().split("\\s+");
    if (w.length < 2) throw new IllegalArgumentException("not a public key line: " + publicKeyLine);
    return "[" + HOST + "]:" + port + " " + w[0] + " " + w[1] + "\n";
  }

  /** The OpenSSH client argv that runs {@code remoteCommand} in the guest. */
  List<String> argv(String remoteCommand) {
    return List.of(
        "ssh",
        "-F",
        "/dev/null",
        "-p",
        Integer.toString(port),
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
   * Starts the SSH connection every command shares: under TCG a new SSH connection costs seconds of
   * sshd work in the guest, a new session on it a fraction. A command finding no master connects on
   * its own.
   */
  void startMaster(Path log, long deadline) throws IOException, InterruptedException {
    stopMaster();
    List<String> argv = new ArrayList<>(argv("true"));
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
            .redirectOutput(log.toFile())
            .start();
    while (!Files.exists(controlPath) && master.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
  }

  void stopMaster() {
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

  /** Stops the master and removes the socket's directory. */
  void close() {
    stopMaster();
    try {
      Files.deleteIfExists(controlPath);
      Files.deleteIfExists(controlPath.getParent());
    } catch (IOException ignored) {
      // a leftover empty directory in /tmp
    }
  }

  /**
   * Runs {@code argv} in the guest with {@code stdin} (null: none), output through files under
   * {@code dir}; null when it did not finish within {@code limit} (it is killed).
   */
  GuestResult run(List<String> argv, String stdin, Duration limit, Path dir)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path out = Files.createTempFile(dir, "cmd-", ".out");
    Path err = Files.createTempFile(dir, "cmd-", ".err");
    try {
      Process p =
          new ProcessBuilder(argv(ShellQuoting.join(argv)))
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
        return null;
      }
      return new GuestResult(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /**
   * A TCP port on the host free right now (qemu may still lose it to a race: {@link PortTaken}).
   */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
