package dev.sanctl.providers.tgt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sanctl.core.apply.Applier;
import dev.sanctl.core.apply.ApplyResult;
import dev.sanctl.core.apply.Journal;
import dev.sanctl.core.engine.Engine;
import dev.sanctl.core.engine.HostFactory;
import dev.sanctl.core.host.LocalHost;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.provider.ProviderRegistry;
import dev.sanctl.providers.files.FilesProvider;
import dev.sanctl.sim.tgt.TgtAccountPerl;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.testkit.Configs;
import dev.sanctl.testkit.ContractScenario;
import dev.sanctl.testkit.ProviderContract;
import dev.sanctl.testkit.RecordingHost;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CHAP secrets reach tgtd on standard input, never in any process's argument vector. */
class TgtAccountSecretTest {
  static final Path TGTD = Path.of("/usr/sbin/tgtd");

  @TempDir Path tmp;

  @Test
  void simulatorModelsExactlyTheProvidersScript() {
    assertEquals(TgtAccountScript.SOURCE, TgtAccountPerl.SCRIPT);
  }

  @Test
  void applyNeverPutsASecretInAnArgumentAndTheAccountExists() throws IOException {
    DesiredState desired = Configs.load(TgtProviderContractTest.CONFIG);
    HostFactory sim = ContractScenario.simulated("chap", desired, 1L << 30, s -> {}).hosts().get();
    Map<String, RecordingHost> recorders = new ConcurrentHashMap<>();
    HostFactory recording = RecordingHost.recording(sim, recorders);
    try (Engine engine =
        new Engine(
            ProviderRegistry.of(List.of(new FilesProvider(), new TgtProvider())),
            recording,
            ProviderContract.FAKE_SECRETS)) {
      var first = engine.observe(desired, List.of());
      Plan plan = engine.plan(desired, first, List.of());
      ApplyResult result =
          new Applier(engine, new Journal(tmp, Clock.systemUTC()))
              .apply(desired, plan, first, null);
      assertTrue(result.ok(), result.toString());
      String secret = "secret-of-/etc/sanctl/web.chap";
      List<Command> sent = recorders.get("lab1").commands();
      Command account =
          sent.stream().filter(c -> c.executable().equals("perl")).findFirst().orElseThrow();
      assertEquals(
          "user=web,password=" + secret, new String(account.stdin(), StandardCharsets.UTF_8));
      for (Command c : sent) {
        for (String arg : c.argv()) {
          assertFalse(arg.contains(secret), "secret in the argv of " + c);
        }
      }
      CommandResult accounts = recorders.get("lab1").run(new TgtCommands(7).show("account"));
      assertEquals("Account list:\n    web\n", accounts.out());
      CommandResult mode =
          recorders
              .get("lab1")
              .run(Command.read("stat", "-c", "%a", TgtPersistedConfig.CONFIG_FILE));
      assertEquals("600\n", mode.out(), "the persisted file holds the secret: owner only");
      try (var journal = Files.walk(tmp)) {
        for (Path p : journal.filter(Files::isRegularFile).toList()) {
          assertFalse(Files.readString(p).contains(secret), "secret in journal " + p);
        }
      }
    }
  }

  @Test
  void realTgtdGetsTheAccountAndNoProcessSeesTheSecret() throws Exception {
    assumeTrue(Files.isExecutable(TGTD), "tgt is not installed");
    boolean libiscsi = Files.isExecutable(Path.of("/usr/bin/iscsi-ls"));
    String secret = "Pw-" + Long.toHexString(System.nanoTime()) + "+with/slash@and:colon";
    int iscsiPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      iscsiPort = probe.getLocalPort();
    }
    int control = 4900 + (int) (ProcessHandle.current().pid() % 90);
    Files.createDirectories(Path.of("/var/run/tgtd"));
    Process tgtd =
        new ProcessBuilder(
                TGTD.toString(),
                "-f",
                "-C",
                Integer.toString(control),
                "--iscsi",
                "portal=127.0.0.1:" + iscsiPort)
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("tgtd.log").toFile())
            .start();
    AtomicBoolean watching = new AtomicBoolean(true);
    List<String> seen = new ArrayList<>();
    Thread watcher = new Thread(() -> watchArgv(secret, watching, seen));
    try {
      awaitPort(tgtd, iscsiPort);
      watcher.start();
      RecordingHost host = new RecordingHost(new LocalHost("lab"));
      TgtCommands tgt = new TgtCommands(control);
      CommandResult created = host.run(tgt.newAccount("alice", secret));
      assertEquals(0, created.exitStatus(), created.err());
      CommandResult again = host.run(tgt.newAccount("alice", secret));
      assertEquals(22, again.exitStatus());
      assertEquals("tgtadm: this account already exists\n", again.err());
      assertEquals("Account list:\n    alice\n", host.run(tgt.show("account")).out());
      if (libiscsi) {
        Path img = tmp.resolve("lun.img");
        try (var f = new java.io.RandomAccessFile(img.toFile(), "rw")) {
          f.setLength(8 << 20);
        }
        String iqn = "iqn.2026-01.dev.sanctl:chap";
        for (Command c :
            List.of(
                tgt.newTarget(1, iqn),
                tgt.newLun(1, 1, img.toString()),
                tgt.change("--op", "bind", "--mode", "target", "--tid", "1", "-I", "ALL"),
                tgt.bindAccount(1, "alice", false))) {
          CommandResult r = host.run(c);
          assertEquals(0, r.exitStatus(), c + ": " + r.err());
        }
        watching.set(false);
        watcher.join();
        assertEquals(0, login("alice", secret, iscsiPort), "CHAP login with the secret");
        assertEquals(10, login("alice", "wrong", iscsiPort), "CHAP login with another secret");
      }
      for (RecordingHost.Entry e : host.entries()) {
        for (String arg : e.command().argv()) assertFalse(arg.contains(secret), e.command() + "");
      }
    } finally {
      watching.set(false);
      if (watcher.isAlive()) watcher.join();
      tgtd.destroy();
      if (!tgtd.waitFor(2, TimeUnit.SECONDS)) tgtd.destroyForcibly().waitFor();
    }
    assertEquals(List.of(), seen, "processes whose argv held the secret");
  }

  /** Scans every process's command line while the account is created. */
  private static void watchArgv(String secret, AtomicBoolean watching, List<String> seen) {
    byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
    while (watching.get()) {
      try (var procs = Files.list(Path.of("/proc"))) {
        for (Path p : procs.toList()) {
          if (!p.getFileName().toString().matches("\\d+")) continue;
          try {
            String line =
                new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
            if (line.contains(new String(needle, StandardCharsets.UTF_8))) {
              synchronized (seen) {
                seen.add(p.getFileName() + ": " + line.replace('\0', ' '));
              }
            }
          } catch (IOException gone) {
            // the process exited meanwhile
          }
        }
      } catch (IOException e) {
        return;
      }
    }
  }

  /**
   * Logs in with libiscsi's {@code iscsi-ls}; the credentials go in libiscsi's environment
   * variables, not in the URL, whose parser splits at '@', '/' and ':' of the secret.
   */
  private static int login(String user, String secret, int port) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
                "iscsi-ls",
                "-s",
                "-i",
                "iqn.2026-01.dev.sanctl:initiator",
                "iscsi://127.0.0.1:" + port + "/")
            .redirectErrorStream(true);
    pb.environment().put("LIBISCSI_CHAP_USERNAME", user);
    pb.environment().put("LIBISCSI_CHAP_PASSWORD", secret);
    Process p = pb.start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }

  private static void awaitPort(Process tgtd, int port) throws Exception {
    for (int i = 0; i < 100; i++) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        if (!tgtd.isAlive()) break;
        Thread.sleep(100);
      }
    }
    throw new IOException("tgtd did not start");
  }
}
