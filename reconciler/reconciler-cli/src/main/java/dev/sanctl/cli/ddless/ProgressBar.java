package dev.sanctl.cli.ddless;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The progress of a copy on standard error ({@link ProgressLine}), redrawn in place twice a second
 * while it runs: shown whenever standard error is a terminal, never with {@code -q} or when
 * standard error is a file or pipe (logs and cron mail get no carriage-return noise). Erased when
 * the copy ends, before the summary.
 */
final class ProgressBar implements AutoCloseable {
  static final long INTERVAL_MILLIS = 500;

  private final AtomicLong progress;
  private final long total;
  private final PrintWriter out;
  private final LongSupplier clock;
  private final long start;
  private final Thread thread;
  private int drawnWidth;
  private volatile boolean done;

  ProgressBar(AtomicLong progress, long total, PrintWriter out, LongSupplier nanoClock) {
    this.progress = progress;
    this.total = total;
    this.out = out;
    this.clock = nanoClock;
    this.start = nanoClock.getAsLong();
    this.thread = new Thread(this::loop, "ddless-progress");
    thread.setDaemon(true);
  }

  /**
   * Starts a bar on {@code err} when {@link #wanted wanted}; else returns one that shows nothing.
   */
  static ProgressBar start(boolean quiet, AtomicLong progress, long total, PrintWriter err) {
    ProgressBar bar = new ProgressBar(progress, total, err, System::nanoTime);
    if (wanted(quiet, stderrIsTerminal(), total)) bar.thread.start();
    return bar;
  }

  /** Whether to show progress: on a terminal, not quiet, and with something to copy. */
  static boolean wanted(boolean quiet, boolean stderrIsTerminal, long total) {
    return !quiet && stderrIsTerminal && total > 0;
  }

  /**
   * Whether this process's standard error (file descriptor 2) is a terminal ({@code /dev/pts/N},
   * {@code /dev/ttyN}, {@code /dev/console}); false where that cannot be told.
   */
  static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/")
          || target.startsWith("/dev/tty")
          || target.equals("/dev/console");
    } catch (Exception e) {
      return false;
    }
  }

  /** Draws the current line once, over the previous one. */
  synchronized void draw() {
    String line = ProgressLine.render(progress.get(), total, clock.getAsLong() - start);
    int pad = Math.max(0, drawnWidth - line.length());
    out.print("\r" + line + " ".repeat(pad));
    out.flush();
    drawnWidth = line.length();
  }

  private void loop() {
    while (!done) {
      draw();
      try {
        Thread.sleep(INTERVAL_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Stops redrawing and erases the line (if one was drawn). */
  @Override
  public void close() {
    done = true;
    thread.interrupt();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (drawnWidth > 0) {
        out.print("\r" + " ".repeat(drawnWidth) + "\r");
        out.flush();
        drawnWidth = 0;
      }
    }
  }
}
