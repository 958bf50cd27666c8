package dev.sanctl.testkit.ssh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH {@code sshd} on a loopback port with a throwaway host key and one authorized key,
 * for tests. Requires the {@code openssh-server} package (ci/packages.txt installs it).
 */
public final class OpenSshServer implements AutoCloseable {
  public static final Path SSHD = Path.of("/usr/sbin/sshd");

  public final int port;
  public final Path hostKeyPub;
  private final Process process;

  public OpenSshServer(Path dir, Path authorizedKey) throws IOException, InterruptedException {
    this(dir, authorizedKey, List.of());
  }

  /** A server with extra {@code sshd_config} lines (e.g. {@code SetEnv PATH=...}). */
  public OpenSshServer(Path dir, Path authorizedKey, List<String> extraConfig)
      throws IOException, InterruptedException {
    Path hostKey = TestKeys.generate(dir, "ed25519");
    hostKeyPub = Path.of(hostKey + ".pub");
    Files.createDirectories(Path.of("/run/sshd"));
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Path config = dir.resolve("sshd_config");
    Files.writeString(
        config,
        String.join(
            "\n",
            "Port " + port,
            "ListenAddress 127.0.0.1",
            "HostKey " + hostKey,
            "AuthorizedKeysFile " + authorizedKey,
            "PidFile " + dir.resolve("sshd.pid"),
            "UsePAM no",
            "StrictModes no",
            "PermitRootLogin prohibit-password",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "LogLevel ERROR",
            String.join("\n", extraConfig),
            ""));
    process =
        new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("sshd.log").toFile())
            .start();
    for (int i = 0; i < 100; i++) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        if (!process.isAlive()) break;
        Thread.sleep(100);
      }
    }
    throw new IOException("sshd did not start: " + Files.readString(dir.resolve("sshd.log")));
  }

  /** The known_hosts line for this server. */
  public String knownHostsLine() throws IOException {
    String[] pub = Files.readString(hostKeyPub).trim().split(" ");
    return "[127.0.0.1]:" + port + " " + pub[0] + " " + pub[1] + "\n";
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
  }
}
