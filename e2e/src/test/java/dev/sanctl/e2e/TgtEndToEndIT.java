package dev.sanctl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sanctl.testkit.ssh.OpenSshServer;
import dev.sanctl.testkit.ssh.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain against real software: YAML, plan, (SSH,) real {@code tgtadm}, a real {@code
 * tgtd}, and libiscsi as the initiator that logs in and reads VPD serials.
 */
class TgtEndToEndIT {
  static final Path PERSISTED = Path.of("/etc/tgt/conf.d/sanctl.conf");
  static final String A = "iqn.1994-05.com.redhat:client-a";
  static final String B = "iqn.1994-05.com.redhat:client-b";
  static final String C = "iqn.1994-05.com.redhat:client-c";
  static final String IQN_WEB = "iqn.2026-01.dev.sanctl:e2e.pg-lab.vg-lab.lun-web";
  static final String IQN_DB = "iqn.2026-01.dev.sanctl:e2e.pg-lab.vg-lab.lun-db";

  @TempDir static Path tmp;
  static Path savedPersisted;

  @BeforeAll
  static void requireRealComponents() throws Exception {
    boolean present =
        Files.isExecutable(TgtDaemon.TGTD) && Files.isExecutable(Path.of("/usr/bin/iscsi-ls"));
    if (System.getenv("CI") != null) {
      assertTrue(present, "CI must install tgt and libiscsi-bin (ci/packages.txt)");
    }
    assumeTrue(present, "tgt and libiscsi-bin are not installed");
    if (Files.exists(PERSISTED)) {
      savedPersisted = tmp.resolve("sanctl.conf.saved");
      Files.copy(PERSISTED, savedPersisted);
    }
  }

  @AfterAll
  static void restorePersisted() throws Exception {
    if (savedPersisted != null) {
      Files.copy(savedPersisted, PERSISTED, StandardCopyOption.REPLACE_EXISTING);
    } else {
      Files.deleteIfExists(PERSISTED);
    }
  }

  static String config(
      String node, int controlPort, int iscsiPort, Path vgDir, List<String> dbInitiators) {
    return """
        cluster: {name: e2e, iqnPrefix: iqn.2026-01.dev.sanctl:e2e}
        nodes:
        %s
        volumeGroups:
          vg_lab:
            type: files
            path: %s
            nodes: [lab]
            volumes:
              lun_web: {size: 64M}
              lun_db: {size: 32M}
        portalGroups:
          pg_lab: {port: %d, portals: {lab: [127.0.0.1]}}
        initiatorGroups:
          ig_web: [%s]
        targets:
          - volume: vg_lab/lun_web
            serial: E2EWEB-0001
            portalGroup: pg_lab
            initiators: [ig_web]
          - volume: vg_lab/lun_db
            serial: E2EDB-0002
            portalGroup: pg_lab
            initiators: %s
        """
        .formatted(
            node.replace("CTL", Integer.toString(controlPort)), vgDir, iscsiPort, A, dbInitiators);
  }

  static Path writeConfig(String name, String yaml) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name));
    Files.writeString(dir.resolve("cluster.yaml"), yaml);
    return dir;
  }

  static void assertServedCorrectly(int port, boolean cSeesDb) throws Exception {
    List<LibIscsi.Seen> a = LibIscsi.discover(A, port);
    assertEquals(List.of(new LibIscsi.Seen(IQN_WEB, List.of("1"))), a, "client-a sees only web");
    List<LibIscsi.Seen> b = LibIscsi.discover(B, port);
    assertEquals(List.of(new LibIscsi.Seen(IQN_DB, List.of("1"))), b, "client-b sees only db");
    List<LibIscsi.Seen> c = LibIscsi.discover(C, port);
    assertEquals(
        cSeesDb ? List.of(new LibIscsi.Seen(IQN_DB, List.of("1"))) : List.of(),
        c,
        "client-c sees db only once it is listed");
    assertEquals(64L << 20, LibIscsi.size(A, port, IQN_WEB, 1));
    assertEquals(32L << 20, LibIscsi.size(B, port, IQN_DB, 1));
    assertEquals("E2EWEB-0001", LibIscsi.serial(A, port, IQN_WEB, 1));
    assertEquals("E2EDB-0002", LibIscsi.serial(B, port, IQN_DB, 1));
  }

  @Test
  void localNodeAppliesReplansEmptyAndChangesAclsLive() throws Exception {
    try (TgtDaemon tgtd = new TgtDaemon(tmp, 4711)) {
      String node =
          "  lab: {address: 127.0.0.1, os: linux, connection: local, services: [tgt], tgt: {controlPort: CTL}}";
      Path cfg =
          writeConfig(
              "local",
              config(node, tgtd.controlPort, tgtd.iscsiPort, tmp.resolve("vg-local"), List.of(B)));
      Cli apply = Cli.run("-C", cfg.toString(), "--no-color", "apply", "--auto-approve");
      assertEquals(0, apply.exitCode(), apply.toString());
      assertServedCorrectly(tgtd.iscsiPort, false);
      Cli replan = Cli.run("-C", cfg.toString(), "--no-color", "plan", "--detailed-exitcode");
      assertEquals(0, replan.exitCode(), replan.toString());
      assertTrue(Files.readString(PERSISTED).contains("<target " + IQN_WEB + ">"));

      long pid = tgtd.pid();
      Files.writeString(
          cfg.resolve("cluster.yaml"),
          config(node, tgtd.controlPort, tgtd.iscsiPort, tmp.resolve("vg-local"), List.of(B, C)));
      Cli acl = Cli.run("-C", cfg.toString(), "--no-color", "apply", "--auto-approve");
      assertEquals(0, acl.exitCode(), acl.toString());
      assertTrue(tgtd.alive());
      assertEquals(pid, tgtd.pid(), "the ACL change needs no tgtd restart");
      assertServedCorrectly(tgtd.iscsiPort, true);
      Cli again = Cli.run("-C", cfg.toString(), "--no-color", "plan", "--detailed-exitcode");
      assertEquals(0, again.exitCode(), again.toString());
    }
  }

  @Test
  void sameConfigThroughRealSshdGivesTheSameResult() throws Exception {
    assumeTrue(Files.isExecutable(OpenSshServer.SSHD), "openssh-server is not installed");
    Path keys = Files.createDirectories(tmp.resolve("keys"));
    Path identity = TestKeys.generate(keys, "ed25519");
    try (OpenSshServer sshd =
            new OpenSshServer(
                Files.createDirectories(tmp.resolve("sshd")), Path.of(identity + ".pub"));
        TgtDaemon tgtd = new TgtDaemon(tmp, 4712)) {
      String node =
          "  lab: {address: 127.0.0.1, os: linux, port: "
              + sshd.port
              + ", user: "
              + System.getProperty("user.name")
              + ", identityFile: "
              + identity
              + ", knownHostsFile: known_hosts, services: [tgt], tgt: {controlPort: CTL}}";
      Path cfg =
          writeConfig(
              "ssh",
              config(node, tgtd.controlPort, tgtd.iscsiPort, tmp.resolve("vg-ssh"), List.of(B)));
      Files.writeString(cfg.resolve("known_hosts"), sshd.knownHostsLine());
      Cli apply = Cli.run("-C", cfg.toString(), "--no-color", "apply", "--auto-approve");
      assertEquals(0, apply.exitCode(), apply.toString());
      assertServedCorrectly(tgtd.iscsiPort, false);
      Cli replan = Cli.run("-C", cfg.toString(), "--no-color", "plan", "--detailed-exitcode");
      assertEquals(0, replan.exitCode(), replan.toString());
    }
  }
}
