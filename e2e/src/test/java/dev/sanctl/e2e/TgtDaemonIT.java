package dev.sanctl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test daemon stops cleanly and fast: tgtd ignores SIGTERM while it serves targets, so {@link
 * TgtDaemon#close()} takes it offline, deletes its targets and deletes the system, and tgtd exits
 * by itself well before the SIGKILL fallback; its control port is free for the next daemon.
 */
class TgtDaemonIT {
  static final int CONTROL_PORT = 4751;
  @TempDir Path tmp;

  @Test
  void closeEndsATgtdThatServesTargetsWithinSecondsAndFreesItsControlPort() throws Exception {
    boolean present = Files.isExecutable(TgtDaemon.TGTD);
    if (System.getenv("CI") != null) assertTrue(present, "CI must install tgt");
    assumeTrue(present, "tgt is not installed");
    TgtDaemon tgtd = new TgtDaemon(tmp, CONTROL_PORT);
    String port = Integer.toString(CONTROL_PORT);
    TgtRestartIT.run(
        "tgtadm",
        "-C",
        port,
        "--lld",
        "iscsi",
        "--op",
        "new",
        "--mode",
        "target",
        "--tid",
        "1",
        "-T",
        "iqn.2026-01.dev.sanctl:daemon-close");
    TgtRestartIT.run(
        "tgtadm", "-C", port, "--lld", "iscsi", "--op", "bind", "--mode", "target", "--tid", "1",
        "-I", "ALL");
    assertEquals(1, TgtRestartIT.acls(CONTROL_PORT).size());
    long start = System.nanoTime();
    tgtd.close();
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertFalse(tgtd.alive());
    assertTrue(millis < 5_000, "close took " + millis + " ms: tgtd did not exit by itself");
    try (TgtDaemon next = new TgtDaemon(tmp, CONTROL_PORT)) {
      assertEquals(Map.of(), TgtRestartIT.acls(next.controlPort), "a fresh tgtd serves nothing");
    }
  }
}
