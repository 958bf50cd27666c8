package dev.sanctl.snaprotate;

import static dev.sanctl.spi.model.SnapshotSchedule.Freq.DAILY;
import static dev.sanctl.spi.model.SnapshotSchedule.Freq.HOURLY;
import static dev.sanctl.spi.model.SnapshotSchedule.Freq.MONTHLY;
import static dev.sanctl.spi.model.SnapshotSchedule.Freq.WEEKLY;
import static dev.sanctl.spi.model.SnapshotSchedule.Freq.YEARLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.spi.model.SnapshotSchedule;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Property tests P1-P4 of snaprotate.md; P1 and P2 run the executor against the simulator. P1 runs
 * two schedules per zone and keepLast by default; {@code -Dsnaprotate.long=true} adds a third
 * (reversed frequency order).
 */
class PropertyTest {
  static final String V = "tank/vol1";
  static final Instant START = Instant.parse("2023-01-01T00:17:00Z");
  static final List<String> ZONES =
      List.of("UTC", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe");

  static List<SnapshotSchedule> schedules(String zone, int keepLast) {
    return List.of(
        Fixture.schedule(zone, keepLast, "D60", DAILY, 60, "W16", WEEKLY, 16, "M6", MONTHLY, 6),
        Fixture.schedule(
            zone, keepLast, "H24", HOURLY, 24, "D7", DAILY, 7, "W4", WEEKLY, 4, "Y1", YEARLY, 1),
        Fixture.schedule(zone, keepLast, "W4", WEEKLY, 4, "D10", DAILY, 10, "M3", MONTHLY, 3));
  }

  @TestFactory
  Stream<DynamicTest> p1PathIndependenceAndP2Idempotence() {
    List<DynamicTest> tests = new ArrayList<>();
    long seed = 1;
    for (String zone : ZONES) {
      for (int keepLast : List.of(1, 3)) {
        List<SnapshotSchedule> all = schedules(zone, keepLast);
        int count = Boolean.getBoolean("snaprotate.long") ? all.size() : 2;
        for (int i = 0; i < count; i++) {
          SnapshotSchedule s = all.get(i);
          long sd = seed++;
          tests.add(
              DynamicTest.dynamicTest(
                  zone + " keepLast=" + keepLast + " schedule#" + i,
                  () -> pathIndependence(s, sd)));
        }
      }
    }
    return tests.stream();
  }

  private static void pathIndependence(SnapshotSchedule s, long seed) throws IOException {
    Random random = new Random(seed);
    Fixture f = new Fixture(START);
    f.zfs.createFilesystem(V);
    SnapshotCreator creator = new SnapshotCreator(f.host, Fixture.NS);
    ZfsCli cli = new ZfsCli(f.host, Fixture.NS);
    List<Snapshot> created = new ArrayList<>();
    Instant end = START.atZone(java.time.ZoneOffset.UTC).plusYears(2).toInstant();
    Instant t = START;
    RunOptions base = RunOptions.at(t).overriding(Brake.values());
    while (t.isBefore(end)) {
      f.clock.set(t);
      String name = creator.create(V, t, s);
      created.add(
          new Snapshot(
              name,
              name,
              created.size(),
              t.getEpochSecond(),
              0,
              "",
              false,
              t.toString(),
              s.rules().get(0).name()));
      RunOptions at = new RunOptions(t, base.overrides(), false, Duration.ZERO, Set.of(), false);
      RunReport r = f.runner.run(List.of(new VolumeJob(V, s)), at);
      assertEquals(0, r.exitCode(), "run at " + t);
      if (created.size() % 5 == 0) {
        // P2: planning again right after applying deletes nothing
        List<Snapshot> now = list(cli);
        assertEquals(
            List.of(),
            SnapRotatePlanner.plan(PlanRequest.of(V, s, t, now)).deleteNames(),
            "re-plan at " + t);
      }
      t = t.plusSeconds(1800 + random.nextInt(30 * 3600 - 1800 + 1));
    }
    Instant last = f.clock.instant();
    RotationPlan oneShot = SnapRotatePlanner.plan(PlanRequest.of(V, s, last, created));
    Set<String> expected = new TreeSet<>();
    oneShot.rows().stream()
        .filter(r -> r.action() != RowAction.DELETE)
        .forEach(r -> expected.add(r.name()));
    assertEquals(expected, new TreeSet<>(f.zfs.snapshotNames(V)));
  }

  private static List<Snapshot> list(ZfsCli cli) throws IOException {
    try {
      return cli.list(V, ZfsCapabilities.MODERN);
    } catch (ZfsCli.ZfsException e) {
      throw new IOException(e);
    }
  }

  /** A random snapshot set around {@code now} with every class represented. */
  static List<Snapshot> randomSet(Random r, Instant center, int count) {
    List<Snapshot> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long t = center.getEpochSecond() - r.nextInt(400 * 86400) + r.nextInt(3 * 86400);
      int kind = r.nextInt(20);
      boolean managed = kind != 0;
      String snapTime = managed && kind != 1 ? Instant.ofEpochSecond(t).toString() : null;
      long creation = kind == 2 ? t + 3 * 86400 : t;
      out.add(
          new Snapshot(
              "s" + i,
              "g" + i,
              i,
              creation,
              kind == 3 ? 1 : 0,
              kind == 4 ? "tank/clone" + i : "",
              kind == 5,
              snapTime,
              managed ? "R" : null));
    }
    return out;
  }

  @Test
  void p3MonotonicityDeleteSetsGrowWithNow() {
    Random r = new Random(7);
    for (int round = 0; round < 60; round++) {
      Instant center = START.plusSeconds(r.nextInt(1000) * 86400L);
      List<Snapshot> set = randomSet(r, center, 150);
      SnapshotSchedule s = schedules(ZONES.get(round % 4), 1 + round % 3).get(round % 3);
      Instant now1 = center.minusSeconds(r.nextInt(30 * 86400));
      Instant now2 = now1.plusSeconds(r.nextInt(90 * 86400));
      Set<String> d1 =
          new HashSet<>(SnapRotatePlanner.plan(PlanRequest.of(V, s, now1, set)).deleteNames());
      Set<String> d2 =
          new HashSet<>(SnapRotatePlanner.plan(PlanRequest.of(V, s, now2, set)).deleteNames());
      assertTrue(d2.containsAll(d1), "DELETE(" + now1 + ") within DELETE(" + now2 + ")");
    }
  }

  @Test
  void p4DeterminismInputOrderAndOtherFieldsDoNotMatter() {
    Random r = new Random(11);
    for (int round = 0; round < 40; round++) {
      Instant now = START.plusSeconds(r.nextInt(1000) * 86400L);
      List<Snapshot> set = randomSet(r, now, 120);
      SnapshotSchedule s = schedules(ZONES.get(round % 4), 1 + round % 3).get(round % 3);
      List<Snapshot> shuffled = new ArrayList<>();
      for (Snapshot x : set) {
        shuffled.add(
            new Snapshot(
                x.name(),
                "other-" + r.nextInt(),
                r.nextInt(1000),
                x.creation(),
                x.userrefs(),
                x.clones(),
                x.deferDestroy(),
                x.snapTime(),
                x.ruleTag() == null ? null : "TAG" + r.nextInt(3)));
      }
      Collections.shuffle(shuffled, r);
      assertEquals(
          summary(SnapRotatePlanner.plan(PlanRequest.of(V, s, now, set))),
          summary(SnapRotatePlanner.plan(PlanRequest.of(V, s, now, shuffled))));
    }
  }

  private static List<String> summary(RotationPlan p) {
    return p.rows().stream().map(r -> r.name() + " " + r.action() + " " + r.reasons()).toList();
  }
}
