package dev.sanctl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sanctl.providers.tgt.TgtShowParser;
import dev.sanctl.providers.tgt.TgtTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a tgtd restart brings back: sanctl applies to a real {@code tgtd}, the daemon is killed, a
 * fresh one is started and restored the way the tgt service does ({@code tgt-admin -e} with the
 * persisted file), and the ACLs must be exactly the applied ones: a listed initiator logs in, an
 * unlisted one sees nothing.
 */
class TgtRestartIT {
  static final Path PERSISTED = TgtEndToEndIT.PERSISTED;
  static final String A = TgtEndToEndIT.A;
  static final String B = TgtEndToEndIT.B;
  static final String UNLISTED = "iqn.2026-01.dev.sanctl:unlisted-initiator";
  static final int CONTROL_PORT = 4731;

  @TempDir static Path tmp;
  static Path savedPersisted;

  @BeforeAll
  static void requireRealComponents() throws Exception {
    boolean present =
        Files.isExecutable(TgtDaemon.TGTD)
            && Files.isExecutable(Path.of("/usr/sbin/tgt-admin"))
            && Files.isExecutable(Path.of("/usr/bin/iscsi-ls"));
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

  /** Target IQN to its ACL entries, as the running tgtd shows them. */
  static Map<String, List<String>> acls(int controlPort) throws Exception {
    String shown =
        run("tgtadm", "-C", Integer.toString(controlPort), "--op", "show", "--mode", "target");
    Map<String, List<String>> out = new TreeMap<>();
    for (TgtTarget t : TgtShowParser.targets(shown)) out.put(t.iqn(), t.acl());
    return out;
  }

  static String run(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", argv) + "\n" + out);
    return out;
  }

  @Test
  void aRestartedTgtdRestoresExactlyTheAppliedAcls() throws Exception {
    String node =
        "  lab: {address: 127.0.0.1, os: linux, connection: local, services: [tgt],"
            + " tgt: {controlPort: CTL}}";
    Path cfg = Files.createDirectories(tmp.resolve("restart"));
    Map<String, List<String>> applied;
    try (TgtDaemon tgtd = new TgtDaemon(tmp, CONTROL_PORT)) {
      Files.writeString(
          cfg.resolve("cluster.yaml"),
          TgtEndToEndIT.config(
              node, tgtd.controlPort, tgtd.iscsiPort, tmp.resolve("vg"), List.of(B)));
      Cli apply = Cli.run("-C", cfg.toString(), "--no-color", "apply", "--auto-approve");
      assertEquals(0, apply.exitCode(), apply.toString());
      applied = acls(tgtd.controlPort);
      assertEquals(2, applied.size(), applied.toString());
      assertFalse(applied.values().stream().anyMatch(a -> a.contains("ALL")), applied.toString());
    }
    try (TgtDaemon restarted = new TgtDaemon(tmp, CONTROL_PORT)) {
      assertEquals(Map.of(), acls(restarted.controlPort), "a fresh tgtd serves nothing");
      run(
          "tgt-admin",
          "-C",
          Integer.toString(restarted.controlPort),
          "-e",
          "-c",
          PERSISTED.toString());
      assertEquals(applied, acls(restarted.controlPort), "the restart restores the applied ACLs");
      int port = restarted.iscsiPort;
      assertEquals(List.of(), LibIscsi.discover(UNLISTED, port), "an unlisted initiator sees none");
      assertFalse(LibIscsi.canLogIn(UNLISTED, port, TgtEndToEndIT.IQN_WEB, 1));
      assertFalse(LibIscsi.canLogIn(UNLISTED, port, TgtEndToEndIT.IQN_DB, 1));
      assertEquals(
          List.of(new LibIscsi.Seen(TgtEndToEndIT.IQN_WEB, List.of("1"))),
          LibIscsi.discover(A, port));
      assertTrue(LibIscsi.canLogIn(A, port, TgtEndToEndIT.IQN_WEB, 1));
      assertFalse(LibIscsi.canLogIn(A, port, TgtEndToEndIT.IQN_DB, 1));
      assertEquals(
          List.of(new LibIscsi.Seen(TgtEndToEndIT.IQN_DB, List.of("1"))),
          LibIscsi.discover(B, port));
      assertEquals("E2EWEB-0001", LibIscsi.serial(A, port, TgtEndToEndIT.IQN_WEB, 1));
    }
  }
}
