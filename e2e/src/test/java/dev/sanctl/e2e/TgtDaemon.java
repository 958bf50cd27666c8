package dev.sanctl.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A private {@code tgtd} on a loopback portal with its own control port, for one test. */
final class TgtDaemon implements AutoCloseable {
  static final Path TGTD = Path.of("/usr/sbin/tgtd");

  final int controlPort;
  final int iscsiPort;
  private final Process process;

  TgtDaemon(Path dir, int controlPort) throws IOException, InterruptedException {
    this.controlPort = controlPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      iscsiPort = probe.getLocalPort();
    }
    Files.createDirectories(Path.of("/var/run/tgtd"));
    process =
        new ProcessBuilder(
                TGTD.toString(),
                "-f",
                "-C",
                Integer.toString(controlPort),
                "--iscsi",
                "portal=127.0.0.1:" + iscsiPort)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("tgtd-" + controlPort + ".log").toFile())
            .start();
    for (int i = 0; i < 100; i++) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", iscsiPort), 200);
        return;
      } catch (IOException notYet) {
        if (!process.isAlive()) break;
        Thread.sleep(100);
      }
    }
    throw new IOException(
        "tgtd did not start: " + Files.readString(dir.resolve("tgtd-" + controlPort + ".log")));
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
  }
}
