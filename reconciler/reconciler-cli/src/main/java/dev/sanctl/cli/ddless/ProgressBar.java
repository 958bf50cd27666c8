package dev.sanctl.cli.ddless;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** A one-line progress bar on standard error, redrawn twice a second while a copy runs. */
final class ProgressBar implements AutoCloseable {
  private final Thread thread;
  private final PrintStream out;
  private volatile boolean done;

  private ProgressBar(AtomicLong progress, long total, PrintStream out) {
    this.out = out;
    long start = System.nanoTime();
    this.thread =
        new Thread(
            () -> {
              while (!done) {
                draw(progress.get(), total, start);
                try {
                  Thread.sleep(500);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "ddless-progress");
    thread.setDaemon(true);
  }

  /** Starts a bar when standard error is a terminal and {@code enabled}; else does nothing. */
  static ProgressBar start(boolean enabled, AtomicLong progress, long total) {
    ProgressBar bar = new ProgressBar(progress, total, System.err);
    if (enabled && System.console() != null && total > 0) bar.thread.start();
    return bar;
  }

  private void draw(long done, long total, long start) {
    int width = 40;
    double fraction = Math.min(1.0, (double) done / total);
    int filled = (int) (fraction * width);
    double seconds = (System.nanoTime() - start) / 1e9;
    out.printf(
        Locale.ROOT,
        "\r[%s%s] %5.1f%% %8.1f MB/s",
        "=".repeat(filled),
        " ".repeat(width - filled),
        fraction * 100,
        seconds > 0 ? done / 1048576.0 / seconds : 0);
    out.flush();
  }

  @Override
  public void close() {
    done = true;
    if (thread.isAlive()) {
      thread.interrupt();
      out.print("\r" + " ".repeat(70) + "\r");
      out.flush();
    }
  }
}
