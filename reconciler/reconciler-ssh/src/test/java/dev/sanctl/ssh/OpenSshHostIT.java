package dev.sanctl.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.HostUnreachableException;
import dev.sanctl.testkit.ssh.OpenSshServer;
import dev.sanctl.testkit.ssh.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SshHost} against the real OpenSSH server, as nodes run it. */
class OpenSshHostIT {
  @TempDir static Path dir;
  static OpenSshServer sshd;
  static Path identity;

  @BeforeAll
  static void start() throws Exception {
    boolean present = Files.isExecutable(OpenSshServer.SSHD);
    if (System.getenv("CI") != null) {
      assertTrue(present, "CI must install openssh-server (ci/packages.txt)");
    }
    assumeTrue(present, "openssh-server is not installed");
    identity = TestKeys.generate(dir, "ed25519");
    sshd =
        new OpenSshServer(
            Files.createDirectories(dir.resolve("server")), Path.of(identity + ".pub"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (sshd != null) sshd.close();
  }

  private SshHost host(Path knownHosts) {
    return new SshHost(
        new SshEndpoint(
            "node1",
            "127.0.0.1",
            sshd.port,
            System.getProperty("user.name"),
            identity,
            knownHosts,
            Duration.ofSeconds(5),
            Duration.ofSeconds(30)));
  }

  @Test
  void hostileArgumentsSurviveTheRemoteLoginShell() throws Exception {
    Path kh = TestKeys.writeKnownHosts(dir, sshd.knownHostsLine());
    List<String> hostile =
        List.of(
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
            "#comment");
    try (SshHost host = host(kh)) {
      for (String word : hostile) {
        CommandResult r = host.run(Command.read("printf", "%s", word));
        assertEquals(0, r.exitStatus(), r.err());
        assertEquals(word, new String(r.stdout(), StandardCharsets.UTF_8), "word " + word);
      }
      assertEquals("in\n", host.run(Command.change("in\n".getBytes(), "cat")).out());
    }
  }

  @Test
  void hangingCommandIsKilledOnTheNode() throws Exception {
    Path kh = TestKeys.writeKnownHosts(dir, sshd.knownHostsLine());
    String marker = "41.4242";
    try (SshHost host = host(kh)) {
      CommandResult r = host.run(Command.read("sleep", marker).withTimeout(Duration.ofSeconds(1)));
      assertEquals(CommandResult.TIMED_OUT, r.exitStatus());
    }
    Process pgrep = new ProcessBuilder("pgrep", "-f", "sleep " + marker).start();
    assertEquals(1, pgrep.waitFor(), "the remote sleep must not linger");
  }

  @Test
  void unpinnedRealServerIsRefused() throws Exception {
    Path kh = TestKeys.writeKnownHosts(dir, "");
    try (SshHost host = host(kh)) {
      HostUnreachableException e =
          assertThrows(HostUnreachableException.class, () -> host.run(Command.read("true")));
      assertTrue(e.getMessage().contains("SHA256:"), e.getMessage());
    }
  }

  private String refusal(String knownHosts) throws Exception {
    Path kh = TestKeys.writeKnownHosts(dir, knownHosts);
    try (SshHost host = host(kh)) {
      return assertThrows(HostUnreachableException.class, () -> host.run(Command.read("true")))
          .getMessage();
    }
  }

  private String serverKey() throws Exception {
    String[] pub = Files.readString(sshd.hostKeyPub).trim().split(" ");
    return pub[0] + " " + pub[1];
  }

  @Test
  void revokedKeyIsRefusedEvenWithAPlainLineForIt() throws Exception {
    String plain = sshd.knownHostsLine();
    String revoked = "@revoked [127.0.0.1]:" + sshd.port + " " + serverKey() + "\n";
    for (String kh :
        List.of(revoked + plain, plain + revoked, plain + "@revoked * " + serverKey())) {
      String message = refusal(kh);
      assertTrue(message.contains("revoked"), message);
      assertFalse(message.contains("CHANGED"), message);
    }
  }

  @Test
  void aRevokedLineOfAnotherKeyOrAnotherHostChangesNothing() throws Exception {
    Path other = TestKeys.generate(Files.createDirectories(dir.resolve("other")), "ed25519");
    String otherKey =
        String.join(
            " ", Arrays.copyOf(Files.readString(Path.of(other + ".pub")).trim().split(" "), 2));
    Path kh =
        TestKeys.writeKnownHosts(
            dir,
            "@revoked * "
                + otherKey
                + "\n@revoked otherhost "
                + serverKey()
                + "\n"
                + sshd.knownHostsLine());
    try (SshHost host = host(kh)) {
      assertEquals(0, host.run(Command.read("true")).exitStatus());
    }
    String onlyRevokedOther = refusal("@revoked * " + otherKey + "\n");
    assertTrue(onlyRevokedOther.contains("is not in"), onlyRevokedOther);
  }

  @Test
  void aCertAuthorityLineNeverAuthenticatesAPlainHostKey() throws Exception {
    String message = refusal("@cert-authority [127.0.0.1]:" + sshd.port + " " + serverKey() + "\n");
    assertTrue(message.contains("is not in"), message);
  }
}
