package dev.sanctl.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.model.Backups;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrency limit and one job per volume at a time, within a run and across runs. */
class JobLockingTest {
  static final String LOCK = "/mnt/iscsi-target/vg0/ddmap/lv_data/backup.lock";
  @TempDir Path dir;
  BackupCluster c;
  Backups.Job data;
  Backups.Job plain;

  @BeforeEach
  void init() throws Exception {
    c = new BackupCluster(dir);
    data = BackupRunner.find(c.desired, "lv_data").orElseThrow();
    plain = BackupRunner.find(c.desired, "lv_plain").orElseThrow();
  }

  private void holdLock(String owner) throws IOException {
    c.ok("san1", "mkdir", "-p", LOCK);
    if (owner != null) {
      CommandResult r =
          c.sim
              .host("san1")
              .run(
                  Command.change(
                      (owner + "\n").getBytes(StandardCharsets.UTF_8), "tee", LOCK + "/owner"));
      assertTrue(r.ok(), r.err());
    }
  }

  private boolean locked() throws IOException {
    return c.sim.run("san1", "cat", LOCK + "/owner").ok();
  }

  private String owner(String host, long pid, String renewed) {
    return "host=" + host + " pid=" + pid + " token=other since=" + renewed + " renewed=" + renewed;
  }

  @Test
  void aLockHeldByALiveRunRefusesTheJobAndChangesNothing() throws Exception {
    holdLock(owner("cron-host", 4242, c.clock.instant().toString()));
    JobResult r = new BackupRunner(c.desired, c.hosts(), c.clock).run(data);
    assertTrue(r.refused(), r.line());
    assertFalse(r.ok());
    assertEquals(
        "vg0/lv_data -> archive/lv_data_bk: SKIPPED: another run holds the lock "
            + "san1:"
            + LOCK
            + " (host=cron-host pid=4242 token=other since=2026-11-21T10:00:00Z "
            + "renewed=2026-11-21T10:00:00Z)",
        r.line());
    assertEquals(
        MapState.UNKNOWN,
        new MapService(c.desired, c.clock).store(c.sim.host("san1"), data.source()).state());
    assertFalse(
        c.sim.run("arch1", "zfs", "list", "-H", "archive/lv_data_bk").ok(),
        "nothing created on the archive");
    assertTrue(locked(), "the other run's lock stays");
  }

  @Test
  void aLockOfThisMachineHeldByALiveProcessRefuses() throws Exception {
    holdLock(
        owner(VolumeLock.thisHost(), ProcessHandle.current().pid(), c.clock.instant().toString()));
    assertTrue(new BackupRunner(c.desired, c.hosts(), c.clock).run(data).refused());
  }

  @Test
  void aLockNotRenewedForTheLeaseIsTakenOverAndReleasedAfterTheJob() throws Exception {
    holdLock(
        owner(
            "cron-host",
            4242,
            c.clock.instant().minus(VolumeLock.LEASE).minusSeconds(1).toString()));
    JobResult r = new BackupRunner(c.desired, c.hosts(), c.clock).run(data);
    assertNull(r.error(), r.line());
    assertFalse(locked(), "released");
  }

  @Test
  void aLockOfADeadProcessOfThisMachineIsTakenOver() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    holdLock(owner(VolumeLock.thisHost(), p.pid(), c.clock.instant().toString()));
    JobResult r = new BackupRunner(c.desired, c.hosts(), c.clock).run(data);
    assertNull(r.error(), r.line());
  }

  @Test
  void aLockWithoutOwnerIsTakenOver() throws Exception {
    holdLock(null);
    JobResult r = new BackupRunner(c.desired, c.hosts(), c.clock).run(data);
    assertNull(r.error(), r.line());
    assertFalse(locked());
  }

  @Test
  void aFailedJobReleasesItsLock() throws Exception {
    c.sim.failExecutable("arch1", "zfs", 1);
    JobResult r = new BackupRunner(c.desired, c.hosts(), c.clock).run(data);
    assertFalse(r.ok());
    assertFalse(r.refused());
    assertFalse(locked());
  }

  @Test
  void aWaitingJobRunsOnceTheOtherRunReleases() throws Exception {
    holdLock(owner("cron-host", 4242, c.clock.instant().toString()));
    Thread releaser =
        new Thread(
            () -> {
              try {
                Thread.sleep(300);
                c.sim.run("san1", "rm", "-r", "-f", LOCK);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    releaser.start();
    JobResult r =
        new BackupRunner(c.desired, c.hosts(), c.clock).lockWait(Duration.ofMinutes(1)).run(data);
    releaser.join();
    assertNull(r.error(), r.line());
  }

  @Test
  void jobsRunUpToTheLimitAtOnceAndOneJobPerVolume() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    Map<String, AtomicInteger> perVolume = new ConcurrentHashMap<>();
    List<String> overlaps = new ArrayList<>();
    Hosts counting =
        WatchedHosts.of(
            c.sim,
            (real, command) -> {
              List<String> argv = command.argv();
              if (argv.get(0).equals("lvcreate") && argv.contains("-s")) {
                String lv = argv.get(argv.size() - 1);
                if (perVolume.computeIfAbsent(lv, k -> new AtomicInteger()).incrementAndGet() > 1) {
                  synchronized (overlaps) {
                    overlaps.add(lv);
                  }
                }
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                sleep();
              }
              CommandResult r = real.run(command);
              if (argv.get(0).equals("lvremove")) {
                String snap = argv.get(argv.size() - 1);
                perVolume
                    .get(snap.substring(0, snap.length() - SourceVolume.SNAPSHOT_SUFFIX.length()))
                    .decrementAndGet();
                running.decrementAndGet();
              }
              return r;
            });
    BackupRunner runner = new BackupRunner(c.desired, counting, c.clock);
    List<JobResult> results = runner.run(List.of(data, plain, data, plain), 2);
    results.forEach(r -> assertNull(r.error(), r.line()));
    assertEquals(
        List.of("vg0/lv_data", "vg0/lv_plain", "vg0/lv_data", "vg0/lv_plain"),
        results.stream().map(JobResult::job).toList());
    assertEquals(2, most.get(), "two jobs at a time");
    assertEquals(List.of(), overlaps, "never two jobs of one volume");

    running.set(0);
    most.set(0);
    runner.run(List.of(data, plain), 1);
    assertEquals(1, most.get());
    assertThrows(IllegalArgumentException.class, () -> runner.run(List.of(data), 0));
  }

  private static void sleep() {
    try {
      Thread.sleep(150);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
