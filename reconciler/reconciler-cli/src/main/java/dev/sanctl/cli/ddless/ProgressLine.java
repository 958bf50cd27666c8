package dev.sanctl.cli.ddless;

import java.util.Locale;

/**
 * The text of a copy's progress line: a bar, the percentage, bytes done of the total, the rate and
 * the estimated time left, e.g. {@code [=========> ] 47.5% 1.9 GiB of 4.0 GiB 2.34 GB/s ETA 0:01}.
 * Pure: the caller supplies the clock.
 */
final class ProgressLine {
  static final int BAR_WIDTH = 20;

  private ProgressLine() {}

  /**
   * The line for {@code done} of {@code total} bytes after {@code elapsedNanos}; rate and ETA are
   * {@code --} until something was done.
   */
  static String render(long done, long total, long elapsedNanos) {
    double fraction = total <= 0 ? 1.0 : Math.min(1.0, Math.max(0, done) / (double) total);
    int filled = (int) (fraction * BAR_WIDTH);
    String bar =
        "=".repeat(filled) + (filled < BAR_WIDTH ? ">" + " ".repeat(BAR_WIDTH - filled - 1) : "");
    double seconds = elapsedNanos / 1e9;
    boolean known = done > 0 && seconds > 0;
    double bytesPerSecond = known ? done / seconds : 0;
    String rate = known ? String.format(Locale.ROOT, "%.2f GB/s", bytesPerSecond / 1e9) : "-- GB/s";
    String eta = known ? duration((long) Math.ceil((total - done) / bytesPerSecond)) : "--:--";
    return String.format(
        Locale.ROOT,
        "[%s] %5.1f%%  %s of %s  %s  ETA %s",
        bar,
        fraction * 100,
        size(done),
        size(total),
        rate,
        eta);
  }

  /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
  static String duration(long seconds) {
    long s = Math.max(0, seconds);
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  /** Binary units with one decimal: {@code 512 B}, {@code 1.5 MiB}, {@code 4.0 GiB}. */
  static String size(long bytes) {
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    if (bytes < 1024) return bytes + " B";
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
