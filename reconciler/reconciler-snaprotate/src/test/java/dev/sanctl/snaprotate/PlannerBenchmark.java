package dev.sanctl.snaprotate;

import dev.sanctl.spi.model.SnapshotSchedule;
import dev.sanctl.spi.model.SnapshotSchedule.Freq;
import dev.sanctl.spi.model.SnapshotSchedule.Rule;
import dev.sanctl.spi.model.SourceRef;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * P5 benchmark (not a test): plans 100,000+ snapshots, with and without parsing the listing, and
 * measures allocation and retained heap for growing sizes. Run with {@code bench.sh} in this
 * module; results are recorded in docs/benchmarks-snaprotate.md.
 */
public final class PlannerBenchmark {
  static final SnapshotSchedule SCHEDULE =
      new SnapshotSchedule(
          "SNAP_ROTATE_A",
          ZoneId.of("America/New_York"),
          1,
          List.of(
              new Rule("2MONTHS_DAILY_SHORT_TERM", Freq.DAILY, 60),
              new Rule("4MONTHS_WEEKLY_MEDIUM_TERM", Freq.WEEKLY, 16),
              new Rule("6MONTHS_MONTHLY_LONG_TERM", Freq.MONTHLY, 6)),
          SourceRef.NONE);
  static final SnapshotSchedule HOURLY =
      new SnapshotSchedule(
          "HOURLY",
          ZoneId.of("Asia/Kolkata"),
          3,
          List.of(
              new Rule("H48", Freq.HOURLY, 48),
              new Rule("D30", Freq.DAILY, 30),
              new Rule("Y5", Freq.YEARLY, 5)),
          SourceRef.NONE);
  static final Instant FIRST = Instant.parse("2015-01-01T00:17:00Z");

  private PlannerBenchmark() {}

  static List<Snapshot> snapshots(int n) {
    List<Snapshot> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Instant t = FIRST.plus(Duration.ofHours(i));
      out.add(
          new Snapshot(
              SnapshotCreator.nameFor(t),
              Long.toString(1_000_000L + i),
              1000 + i,
              t.getEpochSecond(),
              i % 997 == 0 ? 1 : 0,
              "",
              false,
              t.toString(),
              "2MONTHS_DAILY_SHORT_TERM"));
    }
    return out;
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    System.out.println(
        "java "
            + System.getProperty("java.version")
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " cpus, max heap "
            + Runtime.getRuntime().maxMemory() / (1 << 20)
            + " MiB");
    List<Snapshot> snaps = snapshots(n);
    Instant now = FIRST.plus(Duration.ofHours(n));
    String listing = ListingParser.render("tank/vol1", snaps);
    time(
        "plan only, SNAP_ROTATE_A, " + n + " snapshots",
        () -> SnapRotatePlanner.plan(PlanRequest.of("tank/vol1", SCHEDULE, now, snaps)));
    time(
        "plan only, hourly/daily/yearly in Asia/Kolkata, " + n + " snapshots",
        () -> SnapRotatePlanner.plan(PlanRequest.of("tank/vol1", HOURLY, now, snaps)));
    time(
        "parse listing (" + listing.length() / 1024 + " KiB) + plan, " + n + " snapshots",
        () -> {
          var l = ListingParser.parse(listing, null);
          return SnapRotatePlanner.plan(PlanRequest.of(l.volume(), SCHEDULE, now, l.snapshots()));
        });
    time(
        "parse + plan + text rendering, " + n + " snapshots",
        () -> {
          var l = ListingParser.parse(listing, null);
          RotationPlan p =
              SnapRotatePlanner.plan(PlanRequest.of(l.volume(), SCHEDULE, now, l.snapshots()));
          return PlanRenderer.text(p, DestroyBatches.argvs(l.volume(), p.deleteNames(), true));
        });
    System.out.println();
    System.out.println("size      allocated/plan  bytes/snapshot  retained(plan)  bytes/snapshot");
    for (int size : new int[] {25_000, 50_000, 100_000, 200_000}) memory(size);
  }

  interface Work {
    Object run() throws Exception;
  }

  static void time(String what, Work w) throws Exception {
    for (int i = 0; i < 5; i++) w.run();
    long[] ms = new long[10];
    for (int i = 0; i < ms.length; i++) {
      long t0 = System.nanoTime();
      w.run();
      ms[i] = (System.nanoTime() - t0) / 1_000_000;
    }
    Arrays.sort(ms);
    System.out.printf("%-66s min %5d ms  median %5d ms  max %5d ms%n", what, ms[0], ms[5], ms[9]);
  }

  static void memory(int size) {
    List<Snapshot> snaps = snapshots(size);
    Instant now = FIRST.plus(Duration.ofHours(size));
    SnapRotatePlanner.plan(PlanRequest.of("v", SCHEDULE, now, snaps));
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = usedAfterGc();
    long a0 = threads.getThreadAllocatedBytes(id);
    RotationPlan plan = SnapRotatePlanner.plan(PlanRequest.of("v", SCHEDULE, now, snaps));
    long allocated = threads.getThreadAllocatedBytes(id) - a0;
    long retained = usedAfterGc() - before;
    System.out.printf(
        "%7d  %11d MiB  %14d  %10d MiB  %14d%n",
        size, allocated >> 20, allocated / size, retained >> 20, retained / size);
    if (plan.rows().size() != size) throw new AssertionError("plan lost rows");
  }

  static long usedAfterGc() {
    for (int i = 0; i < 3; i++) System.gc();
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }
}
