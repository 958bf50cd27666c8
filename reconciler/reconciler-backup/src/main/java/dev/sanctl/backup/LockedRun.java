package dev.sanctl.backup;

import dev.sanctl.spi.model.Backups;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A job run holding the {@link VolumeLock} of its volume across processes: taken (waiting up to the
 * runner's lock wait), renewed every {@link VolumeLock#RENEW_EVERY} while the job runs, released
 * afterwards. A lock held by another live run refuses the job.
 */
final class LockedRun {
  private static final ScheduledExecutorService RENEWALS =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "backup-lock-renewal");
            t.setDaemon(true);
            return t;
          });

  private LockedRun() {}

  /** Opens the lock of the job's volume. */
  interface Opener {
    VolumeLock open() throws IOException;
  }

  /** Runs {@code body} holding the lock of the job's volume on {@code node}; never throws. */
  static JobResult run(
      Backups.Job job, String node, Opener lock, Duration wait, Supplier<JobResult> body) {
    VolumeLock volumeLock;
    try {
      volumeLock = lock.open();
      Optional<String> holder = acquire(volumeLock, wait);
      if (holder.isPresent()) {
        return JobResult.refused(
            job.source().toString(),
            job.archiveVolume(),
            "another run holds the lock "
                + node
                + ":"
                + volumeLock.path()
                + " ("
                + holder.get()
                + ")");
      }
    } catch (IOException | RuntimeException e) {
      return new JobResult(
          job.source().toString(),
          job.source().toString(),
          job.archiveVolume(),
          null,
          "NONE",
          "NONE",
          0,
          0,
          0,
          0,
          0,
          false,
          0,
          "cannot take the volume's lock: " + e.getMessage());
    }
    ScheduledFuture<?> renewal =
        RENEWALS.scheduleAtFixedRate(
            () -> {
              try {
                volumeLock.renew();
              } catch (IOException | RuntimeException e) {
                // the next renewal tries again; a lock not renewed for the lease is taken over
              }
            },
            VolumeLock.RENEW_EVERY.toMillis(),
            VolumeLock.RENEW_EVERY.toMillis(),
            TimeUnit.MILLISECONDS);
    try {
      return body.get();
    } finally {
      renewal.cancel(false);
      try {
        volumeLock.release();
      } catch (IOException | RuntimeException e) {
        // left behind: stale once not renewed for the lease, or at once for this machine
      }
    }
  }

  /** Tries to take the lock until {@code wait} has passed; empty when taken. */
  private static Optional<String> acquire(VolumeLock lock, Duration wait) throws IOException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      Optional<String> holder = lock.tryAcquire();
      long left = deadline - System.nanoTime();
      if (holder.isEmpty() || left <= 0) return holder;
      try {
        Thread.sleep(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 2000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return holder;
      }
    }
  }
}
