package dev.sanctl.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.HostUnreachableException;
import dev.sanctl.testkit.ssh.TestKeys;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SshHostTest {
  @TempDir Path dir;
  Path identity;
  MinaServer mina;

  @BeforeEach
  void start() throws Exception {
    identity = TestKeys.generate(dir, "ed25519");
    mina = new MinaServer(dir, Path.of(identity + ".pub"));
  }

  @AfterEach
  void stop() throws Exception {
    mina.close();
  }

  private SshHost host(Path knownHosts, Path key, Duration commandTimeout) {
    return new SshHost(
        new SshEndpoint(
            "node1",
            "127.0.0.1",
            mina.port(),
            "root",
            key,
            knownHosts,
            Duration.ofSeconds(5),
            commandTimeout));
  }

  private SshHost pinnedHost() throws Exception {
    Path kh =
        TestKeys.writeKnownHosts(
            dir, TestKeys.knownHostsLine("127.0.0.1", mina.port(), mina.hostKey()));
    return host(kh, identity, Duration.ofSeconds(30));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "it's",
        "$(id -u)",
        "`id`",
        "a;b",
        "-rf",
        "*",
        "~root",
        "back\\slash",
        "",
        "  spaced ",
        "\"dq\"",
        "héllo wörld ✓",
        "a'b'c",
        "$HOME",
        "x|y&z>w<v",
        "#comment"
      })
  void hostileArgumentsArriveUnchanged(String word) throws Exception {
    try (SshHost host = pinnedHost()) {
      CommandResult r = host.run(Command.read("printf", "%s", word));
      assertEquals(0, r.exitStatus(), r.err());
      assertEquals(word, r.out());
    }
  }

  @Test
  void feedsStdinAndReportsExitStatusAndStderr() throws Exception {
    try (SshHost host = pinnedHost()) {
      byte[] payload = "line one\nline 'two'\n".getBytes(StandardCharsets.UTF_8);
      CommandResult cat = host.run(Command.change(payload, "cat"));
      assertEquals("line one\nline 'two'\n", cat.out());
      CommandResult fail = host.run(Command.read("ls", "/nonexistent-sanctl-path"));
      assertEquals(2, fail.exitStatus());
      assertTrue(fail.err().contains("nonexistent-sanctl-path"), fail.err());
    }
  }

  @Test
  void reusesOneConnectionForAllCommands() throws Exception {
    try (SshHost host = pinnedHost()) {
      for (int i = 0; i < 5; i++) {
        assertEquals("x", host.run(Command.read("printf", "x")).out());
      }
    }
    assertEquals(1, mina.sessions.get());
  }

  @Test
  void unknownHostKeyRefusesTheNodeNamingTheFingerprint() throws Exception {
    Path kh = TestKeys.writeKnownHosts(dir, "");
    try (SshHost host = host(kh, identity, Duration.ofSeconds(30))) {
      HostUnreachableException e =
          assertThrows(HostUnreachableException.class, () -> host.run(Command.read("true")));
      assertTrue(e.getMessage().startsWith("node1 ("), e.getMessage());
      assertTrue(e.getMessage().contains("is not in " + kh), e.getMessage());
      assertTrue(e.getMessage().contains(KeyFingerprint.sha256(mina.hostKey())), e.getMessage());
    }
  }

  /**
   * The node dies while a command runs (seen in the kernel tier: a guest killed mid-apply): the
   * connection is lost at once, which is not a command timeout. It used to be reported as exit 124
   * "command did not finish within PT30S" right after the connection dropped.
   */
  @Test
  void aConnectionLostMidCommandIsUnreachableNotATimeout() throws Exception {
    Path kh =
        TestKeys.writeKnownHosts(
            dir, TestKeys.knownHostsLine("127.0.0.1", mina.port(), mina.hostKey()));
    try (SshHost host = host(kh, identity, Duration.ofSeconds(30))) {
      assertEquals(0, host.run(Command.read("true")).exitStatus());
      Thread killer =
          new Thread(
              () -> {
                try {
                  Thread.sleep(1000);
                  for (var s : mina.server.getActiveSessions()) s.close(true);
                } catch (Exception ignored) {
                  // the assertion below reports it
                }
              });
      killer.start();
      long start = System.nanoTime();
      HostUnreachableException e =
          assertThrows(HostUnreachableException.class, () -> host.run(Command.read("sleep", "20")));
      killer.join();
      assertTrue(e.getMessage().contains("connection lost"), e.getMessage());
      assertTrue(System.nanoTime() - start < 15_000_000_000L, "reported when the connection drops");
    }
  }

  @Test
  void changedHostKeyRefusesTheNode() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(256);
    var other = gen.generateKeyPair().getPublic();
    Path kh =
        TestKeys.writeKnownHosts(dir, TestKeys.knownHostsLine("127.0.0.1", mina.port(), other));
    try (SshHost host = host(kh, identity, Duration.ofSeconds(30))) {
      HostUnreachableException e =
          assertThrows(HostUnreachableException.class, () -> host.run(Command.read("true")));
      assertTrue(e.getMessage().contains("HAS CHANGED"), e.getMessage());
      assertTrue(e.getMessage().contains(KeyFingerprint.sha256(mina.hostKey())), e.getMessage());
    }
    for (int i = 0; i < 100 && !mina.server.getActiveSessions().isEmpty(); i++) Thread.sleep(50);
    assertEquals(0, mina.server.getActiveSessions().size(), "the refused connection is closed");
  }

  @Test
  void refusedKeyIsReportedAsAuthenticationFailure() throws Exception {
    Path stranger = TestKeys.generate(dir, "rsa");
    Path kh =
        TestKeys.writeKnownHosts(
            dir, TestKeys.knownHostsLine("127.0.0.1", mina.port(), mina.hostKey()));
    try (SshHost host = host(kh, stranger, Duration.ofSeconds(30))) {
      HostUnreachableException e =
          assertThrows(HostUnreachableException.class, () -> host.run(Command.read("true")));
      assertTrue(e.getMessage().contains("public-key authentication"), e.getMessage());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ed25519", "rsa", "ecdsa"})
  void authenticatesWithEveryKeyType(String type) throws Exception {
    Path keyDir = Files.createDirectories(dir.resolve(type));
    Path key = TestKeys.generate(keyDir, type);
    Files.copy(
        Path.of(key + ".pub"),
        Path.of(identity + ".pub"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Path kh =
        TestKeys.writeKnownHosts(
            dir, TestKeys.knownHostsLine("127.0.0.1", mina.port(), mina.hostKey()));
    try (SshHost host = host(kh, key, Duration.ofSeconds(30))) {
      assertEquals("ok", host.run(Command.read("printf", "ok")).out());
    }
  }

  @Test
  void silentServerIsUnreachableAfterConnectTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Path kh = TestKeys.writeKnownHosts(dir, "");
      SshHost host =
          new SshHost(
              new SshEndpoint(
                  "node9",
                  "127.0.0.1",
                  silent.getLocalPort(),
                  "root",
                  identity,
                  kh,
                  Duration.ofMillis(700),
                  Duration.ofSeconds(5)));
      HostUnreachableException e =
          assertThrows(HostUnreachableException.class, () -> host.run(Command.read("true")));
      assertTrue(e.getMessage().contains("no answer within connectTimeout"), e.getMessage());
    }
  }

  @Test
  void remoteCommandLineWrapsArgvInTimeout() {
    assertEquals(
        List.of("env", "LC_ALL=C", "timeout", "-k", "5", "2", "lvs", "--units", "b"),
        SshHost.remoteArgv(List.of("lvs", "--units", "b"), Duration.ofMillis(1500), false));
    assertFalse(SshHost.remoteArgv(List.of("x"), Duration.ZERO, false).get(5).equals("0"));
  }
}
