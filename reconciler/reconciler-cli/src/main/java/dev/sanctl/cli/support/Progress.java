package dev.sanctl.cli.support;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Progress lines of long work ({@code apply} of many changes, {@code backup run}) on standard
 * error: {@code apply: 3/14 changes, san-a 2/9: san-a/lvm.volume/vg/lv applied}. Shown only to a
 * person at a terminal; silent when standard error is not a terminal (scripts, CI, cron), or when
 * the caller asks for quiet ({@code -q}). The system property {@value #PROPERTY} ({@code always},
 * {@code never}, default {@code auto}) overrides the terminal check, for tests and wrappers.
 */
public final class Progress {
  public static final String PROPERTY = "sanctl.progress";

  private final PrintWriter err;
  private final boolean on;
  private final String what;
  private int total;
  private int done;
  private final Map<String, int[]> perNode = new LinkedHashMap<>();

  private Progress(PrintWriter err, boolean on, String what) {
    this.err = err;
    this.on = on;
    this.what = what;
  }

  /**
   * Progress of {@code what} ({@code apply}), shown when a person watches and not {@code quiet}.
   */
  public static Progress of(PrintWriter err, String what, boolean quiet) {
    String mode = System.getProperty(PROPERTY, "auto").toLowerCase(Locale.ROOT);
    boolean on =
        !quiet
            && switch (mode) {
              case "always" -> true;
              case "never" -> false;
              default -> Terminal.interactive();
            };
    return new Progress(err, on, what);
  }

  /** Whether lines are printed. */
  public boolean on() {
    return on;
  }

  /** Declares one more item of work on {@code node} (before any {@link #step}). */
  public void expect(String node) {
    total++;
    perNode.computeIfAbsent(node, n -> new int[2])[1]++;
  }

  /** One item on {@code node} finished; prints the counts and {@code detail}. */
  public void step(String node, String detail) {
    done++;
    int[] n = perNode.computeIfAbsent(node, k -> new int[2]);
    n[0]++;
    total = Math.max(total, done); // work not declared ahead is counted as it comes
    n[1] = Math.max(n[1], n[0]);
    if (!on) return;
    err.println(
        what + ": " + done + "/" + total + ", " + node + " " + n[0] + "/" + n[1] + ": " + detail);
    err.flush();
  }
}
