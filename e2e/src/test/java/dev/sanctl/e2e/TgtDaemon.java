package dev.sanctl.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  /**
   * Stops tgtd the way the tgt service does, in about a second: tgtd ignores SIGTERM while it has
   * targets (close used to wait 10 s for it and then SIGKILL), so it is set offline (no new
   * logins), every target is deleted with {@code --force} (sessions closed), and {@code tgtadm
   * --mode sys --op delete} makes it exit. SIGKILL only if it is still alive 5 s later.
   */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      tgtadm("--op", "update", "--mode", "sys", "--name", "State", "-v", "offline");
      for (String tid : tids()) {
        tgtadm("--lld", "iscsi", "--op", "delete", "--force", "--mode", "target", "--tid", tid);
      }
      tgtadm("--op", "delete", "--mode", "sys");
    }
    if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
  }

  /** The target ids tgtd serves ({@code Target <tid>: <iqn>} lines of {@code --op show}). */
  private List<String> tids() throws InterruptedException {
    List<String> out = new ArrayList<>();
    for (String line : tgtadm("--lld", "iscsi", "--op", "show", "--mode", "target").split("\n")) {
      Matcher m = TARGET.matcher(line);
      if (m.matches()) out.add(m.group(1));
    }
    return out;
  }

  private static final Pattern TARGET = Pattern.compile("Target (\\d+): .*");

  /** Runs tgtadm on this daemon's control port; its output, empty when it could not run. */
  private String tgtadm(String... args) throws InterruptedException {
    List<String> argv = new ArrayList<>(List.of("tgtadm", "-C", Integer.toString(controlPort)));
    argv.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      return out;
    } catch (IOException e) {
      return "";
    }
  }
}
