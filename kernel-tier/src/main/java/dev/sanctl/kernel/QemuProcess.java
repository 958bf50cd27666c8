package dev.sanctl.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One boot's qemu: started under {@code timeout -s KILL} (the argv of {@link QemuCommand}), with a
 * JVM watchdog on top, and killed by PID only: qemu's own PID (from its pid file, and only while it
 * is a descendant of our wrapper), then the wrapper and its descendants. Never by name.
 */
final class QemuProcess {
  private static final ScheduledExecutorService WATCHDOGS =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "guest-watchdog");
            t.setDaemon(true);
            return t;
          });

  private final Process process;
  private final Path pidFile;
  private ScheduledFuture<?> watchdogTask;

  private QemuProcess(Process process, Path pidFile) {
    this.process = process;
    this.pidFile = pidFile;
  }

  /** Starts {@code argv} with its output in {@code out}; qemu writes its PID to {@code pidFile}. */
  static QemuProcess start(List<String> argv, Path out, Path pidFile) throws IOException {
    Process p =
        new ProcessBuilder(argv)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    return new QemuProcess(p, pidFile);
  }

  /** Runs {@code onExpiry} after {@code watchdog} if qemu still runs then. */
  void watch(Duration watchdog, Runnable onExpiry) {
    watchdogTask =
        WATCHDOGS.schedule(
            () -> {
              if (process.isAlive()) onExpiry.run();
            },
            watchdog.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  /** Cancels the watchdog (the boot is over). */
  void cancelWatchdog() {
    if (watchdogTask != null) watchdogTask.cancel(false);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  int exitValue() {
    return process.exitValue();
  }

  boolean waitFor(long seconds) throws InterruptedException {
    return process.waitFor(seconds, TimeUnit.SECONDS);
  }

  /** SIGKILL to qemu and the wrapper, by PID; waits up to 30 s for the wrapper to end. */
  void kill() {
    ProcessHandle wrapper = process.toHandle();
    qemuPid().flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
    wrapper.descendants().forEach(ProcessHandle::destroyForcibly);
    wrapper.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    cancelWatchdog();
  }

  private Optional<Long> qemuPid() {
    try {
      if (!Files.exists(pidFile)) return Optional.empty();
      long p = Long.parseLong(Files.readString(pidFile).strip());
      // the PID is ours only while it is a descendant of our wrapper
      return process.toHandle().descendants().anyMatch(h -> h.pid() == p)
          ? Optional.of(p)
          : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
