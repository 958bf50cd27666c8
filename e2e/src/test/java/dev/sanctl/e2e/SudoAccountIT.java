package dev.sanctl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.ssh.SshEndpoint;
import dev.sanctl.ssh.SshHost;
import dev.sanctl.testkit.ssh.OpenSshServer;
import dev.sanctl.testkit.ssh.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A non-root account with the sudo allow-list documented in docs/operations.md (installed from the
 * document itself, the plan-only part) plans a tgt node through the real sshd, real sudo and the
 * real tgtd; a change the allow-list does not grant is refused at once.
 */
class SudoAccountIT {
  static final String USER = "sanctl-it";
  static final Path DOC = Path.of("../docs/operations.md").toAbsolutePath().normalize();
  static final Path SUDOERS = Path.of("/etc/sudoers.d/" + USER);

  @TempDir static Path tmp;
  static boolean createdUser;

  @BeforeAll
  static void account() throws Exception {
    boolean present =
        Files.isExecutable(OpenSshServer.SSHD)
            && Files.isExecutable(Path.of("/usr/bin/sudo"))
            && Files.isExecutable(TgtDaemon.TGTD)
            && "root".equals(System.getProperty("user.name"));
    if (System.getenv("CI") != null) assertTrue(present, "CI runs as root with sshd, sudo, tgt");
    assumeTrue(present, "needs root, openssh-server, sudo and tgt");
    if (run("id", "-u", USER) != 0) {
      assertEquals(0, run("useradd", "-r", "-M", "-d", "/nonexistent", "-s", "/bin/sh", USER));
      createdUser = true;
    }
    assertEquals(0, run("usermod", "-p", "*", USER), "an account sshd does not treat as locked");
    Files.writeString(SUDOERS, planOnlyAllowList());
    Files.setPosixFilePermissions(SUDOERS, PosixFilePermissions.fromString("r--r-----"));
    assertEquals(0, run("visudo", "-cf", SUDOERS.toString()), "the documented block is valid");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @AfterAll
  static void removeAccount() throws Exception {
    Files.deleteIfExists(SUDOERS);
    if (createdUser) run("userdel", USER);
  }

  /** The documented sudoers block for {@link #USER}, with {@code SANCTL_READ} alone. */
  static String planOnlyAllowList() throws Exception {
    String doc = Files.readString(DOC);
    int marker = doc.indexOf("<!-- sudoers allow-list");
    int start = doc.indexOf("```\n", marker) + 4;
    String block = doc.substring(start, doc.indexOf("```\n", start));
    String userLine = "sanctl ALL=(root) NOPASSWD: SANCTL_READ, SANCTL_APPLY\n";
    assertTrue(block.contains(userLine), block);
    return block.replace(userLine, USER + " ALL=(root) NOPASSWD: SANCTL_READ\n");
  }

  static int run(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }

  @Test
  void aSudoAccountPlansThroughTheDocumentedAllowListAndCannotChangeAnything() throws Exception {
    Path keys = Files.createDirectories(tmp.resolve("keys"));
    Path identity = TestKeys.generate(keys, "ed25519");
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(
        Path.of(identity + ".pub"), PosixFilePermissions.fromString("rw-r--r--"));
    try (OpenSshServer sshd =
            new OpenSshServer(
                Files.createDirectories(tmp.resolve("sshd")), Path.of(identity + ".pub"));
        TgtDaemon tgtd = new TgtDaemon(tmp, 4713)) {
      String node =
          "  lab: {address: 127.0.0.1, os: linux, port: "
              + sshd.port
              + ", user: "
              + USER
              + ", identityFile: "
              + identity
              + ", knownHostsFile: known_hosts, services: [tgt], tgt: {controlPort: CTL}}";
      Path cfg = Files.createDirectories(tmp.resolve("config"));
      Files.writeString(
          cfg.resolve("cluster.yaml"),
          "transport: {sudo: true}\n"
              + TgtEndToEndIT.config(
                  node,
                  tgtd.controlPort,
                  tgtd.iscsiPort,
                  tmp.resolve("vg-sudo"),
                  List.of(TgtEndToEndIT.B)));
      Files.writeString(cfg.resolve("known_hosts"), sshd.knownHostsLine());
      Cli plan = Cli.run("-C", cfg.toString(), "--no-color", "plan", "--detailed-exitcode");
      assertEquals(2, plan.exitCode(), plan.toString());
      assertTrue(plan.out().contains("--targetname " + TgtEndToEndIT.IQN_WEB), plan.toString());
      assertFalse(plan.toString().contains("sudo:"), plan.toString());

      try (SshHost host =
          new SshHost(
              new SshEndpoint(
                  "lab",
                  "127.0.0.1",
                  sshd.port,
                  USER,
                  identity,
                  cfg.resolve("known_hosts"),
                  Duration.ofSeconds(5),
                  Duration.ofSeconds(30),
                  true))) {
        CommandResult id = host.run(Command.read("id", "-u"));
        assertEquals(1, id.exitStatus(), id.err());
        assertTrue(id.err().contains("sudo: a password is required"), id.err());
        CommandResult change =
            host.run(
                Command.change(
                    "tgtadm",
                    "-C",
                    Integer.toString(tgtd.controlPort),
                    "--lld",
                    "iscsi",
                    "--op",
                    "new",
                    "--mode",
                    "target",
                    "--tid",
                    "9",
                    "--targetname",
                    "iqn.2026-01.dev.sanctl:refused"));
        assertEquals(1, change.exitStatus(), change.err());
        CommandResult show =
            host.run(
                Command.read(
                    "tgtadm",
                    "-C",
                    Integer.toString(tgtd.controlPort),
                    "--lld",
                    "iscsi",
                    "--op",
                    "show",
                    "--mode",
                    "target"));
        assertEquals(0, show.exitStatus(), show.err());
        assertFalse(show.out().contains("refused"), show.out());
      }
    }
  }
}
