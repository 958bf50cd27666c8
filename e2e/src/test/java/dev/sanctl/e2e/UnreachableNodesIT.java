package dev.sanctl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sanctl.testkit.ssh.OpenSshServer;
import dev.sanctl.testkit.ssh.TestKeys;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes that cannot be observed are reported unknown with the reason, and the rest of the cluster
 * is planned and applied: a changed host key (real OpenSSH), a silent node, a hanging command.
 */
class UnreachableNodesIT {
  @TempDir Path tmp;

  private String config(int sshPort, Path identity, int silentPort, Path vg) {
    String user = System.getProperty("user.name");
    return """
cluster: {name: e2e, iqnPrefix: iqn.2026-01.dev.sanctl:e2e}
transport: {connectTimeout: 2s, commandTimeout: 3s, knownHostsFile: known_hosts, identityFile: %s, user: %s}
nodes:
  here: {address: 127.0.0.1, os: linux, connection: local, services: [files]}
  rekeyed: {address: 127.0.0.1, port: %d, os: linux, services: [files]}
  silent: {address: 127.0.0.1, port: %d, os: linux, services: [files]}
volumeGroups:
  vg_here: {type: files, path: %s, nodes: [here], volumes: {lun_a: {size: 8M}}}
  vg_rekeyed: {type: files, path: %s/r, nodes: [rekeyed], volumes: {lun_b: {size: 8M}}}
  vg_silent: {type: files, path: %s/s, nodes: [silent], volumes: {lun_c: {size: 8M}}}
"""
        .formatted(identity, user, sshPort, silentPort, vg, vg, vg);
  }

  @Test
  void changedHostKeyAndSilentNodeAreUnknownWhileTheRestIsApplied() throws Exception {
    assumeTrue(Files.isExecutable(OpenSshServer.SSHD), "openssh-server is not installed");
    Path identity = TestKeys.generate(Files.createDirectories(tmp.resolve("keys")), "ed25519");
    try (OpenSshServer sshd =
            new OpenSshServer(
                Files.createDirectories(tmp.resolve("sshd")), Path.of(identity + ".pub"));
        ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Path cfg = Files.createDirectories(tmp.resolve("cfg"));
      Files.writeString(
          cfg.resolve("cluster.yaml"),
          config(sshd.port, identity, silent.getLocalPort(), tmp.resolve("vg")));
      KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
      String pinnedOther =
          TestKeys.knownHostsLine("127.0.0.1", sshd.port, gen.generateKeyPair().getPublic());
      Files.writeString(cfg.resolve("known_hosts"), pinnedOther);
      String fingerprint = fingerprintOf(sshd.hostKeyPub);

      Cli plan = Cli.run("-C", cfg.toString(), "--no-color", "plan");
      assertEquals(4, plan.exitCode(), "a changed host key makes the plan incomplete: " + plan);
      assertTrue(
          plan.out().contains("rekeyed") && plan.out().contains("HAS CHANGED"), plan.toString());
      assertTrue(plan.out().contains(fingerprint), "names the presented key: " + plan);
      assertTrue(plan.out().contains("no answer within connectTimeout"), plan.toString());
      assertTrue(plan.out().contains("here/files.volume/vg_here/lun_a"), plan.toString());

      Cli apply = Cli.run("-C", cfg.toString(), "--no-color", "apply", "--auto-approve");
      assertEquals(4, apply.exitCode(), "incomplete, never success: " + apply);
      assertTrue(
          Files.exists(tmp.resolve("vg/lun_a.img")), "the reachable node was applied: " + apply);
      assertTrue(Files.notExists(tmp.resolve("vg/r/lun_b.img")), "nothing on the refused node");
      Cli replan =
          Cli.run(
              "-C", cfg.toString(), "--no-color", "plan", "--node", "here", "--detailed-exitcode");
      assertEquals(0, replan.exitCode(), replan.toString());
    }
  }

  @Test
  void commandThatHangsIsKilledAtCommandTimeoutAndReported() throws Exception {
    assumeTrue(Files.isExecutable(OpenSshServer.SSHD), "openssh-server is not installed");
    Path identity = TestKeys.generate(Files.createDirectories(tmp.resolve("keys")), "ed25519");
    // a stat that never returns for sanctl's observation (as on a hung NFS mount), first on the
    // node's PATH; other callers (the login shell's rc files) get the real one
    Path bin = Files.createDirectories(tmp.resolve("hung-bin"));
    Path stat = bin.resolve("stat");
    Files.writeString(
        stat,
        "#!/bin/sh\n"
            + "case \"$2\" in '%s|%F|%n') exec sleep 43.4242 ;; esac\n"
            + "exec /usr/bin/stat \"$@\"\n");
    stat.toFile().setExecutable(true);
    try (OpenSshServer sshd =
        new OpenSshServer(
            Files.createDirectories(tmp.resolve("sshd")),
            Path.of(identity + ".pub"),
            List.of("SetEnv PATH=" + bin + ":/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"))) {
      Path cfg = Files.createDirectories(tmp.resolve("cfg"));
      Files.writeString(
          cfg.resolve("cluster.yaml"), config(sshd.port, identity, 9, tmp.resolve("vg")));
      Files.writeString(cfg.resolve("known_hosts"), sshd.knownHostsLine());
      Cli plan = Cli.run("-C", cfg.toString(), "--no-color", "plan");
      assertTrue(
          plan.out().contains("rekeyed") && plan.out().contains("killed after commandTimeout"),
          plan.toString());
      assertTrue(
          plan.out().contains("here/files.volume/vg_here/lun_a"), "the rest is planned: " + plan);
      Process pgrep = new ProcessBuilder("pgrep", "-f", "sleep 43.4242").start();
      assertEquals(1, pgrep.waitFor(), "the hung command does not linger on the node");
    }
  }

  private static String fingerprintOf(Path pub) throws Exception {
    Process p = new ProcessBuilder("ssh-keygen", "-lf", pub.toString()).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    p.waitFor();
    return out.split(" ")[1];
  }
}
