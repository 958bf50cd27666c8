package dev.sanctl.core.apply;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterLockTest {
  @TempDir Path state;

  @Test
  void aSecondApplyFailsClearlyWithOwnerAndAge() throws Exception {
    Clock t0 = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
    Clock t1 = Clock.fixed(Instant.parse("2026-11-21T12:01:30Z"), ZoneOffset.UTC);
    try (ClusterLock held = ClusterLock.acquire(state, t0)) {
      ClusterLock.HeldException e =
          assertThrows(ClusterLock.HeldException.class, () -> ClusterLock.acquire(state, t1));
      assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
      assertTrue(e.getMessage().contains("since 2026-11-21T12:00:00Z (90s ago)"), e.getMessage());
    }
    try (ClusterLock again = ClusterLock.acquire(state, t1)) {
      assertTrue(Files.exists(state.resolve(ClusterLock.FILE)));
    }
  }

  @Test
  void aLockOfADeadProcessOnThisHostIsTakenOver() throws Exception {
    Clock t = Clock.systemUTC();
    try (ClusterLock l = ClusterLock.acquire(state, t)) {
      String body = Files.readString(state.resolve(ClusterLock.FILE));
      Files.writeString(
          state.resolve(ClusterLock.FILE),
          body.replaceFirst("pid=\\d+", "pid=" + Integer.MAX_VALUE));
      try (ClusterLock taken = ClusterLock.acquire(state, t)) {
        assertTrue(
            Files.readString(state.resolve(ClusterLock.FILE))
                .contains("pid=" + ProcessHandle.current().pid()));
      }
    }
  }
}
