package dev.sanctl.snaprotate;

import static dev.sanctl.spi.model.SnapshotSchedule.Freq.DAILY;
import static dev.sanctl.spi.model.SnapshotSchedule.Freq.MONTHLY;
import static dev.sanctl.spi.model.SnapshotSchedule.Freq.WEEKLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.sim.zfs.ZfsSim;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.model.SnapshotSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Executor tests E1-E12 of snaprotate.md, against the simulator's zfs. */
class ExecutorTest {
  static final String V = "tank/vol1";
  static final Instant DAY0 = Instant.parse("2024-01-01T09:35:27Z");
  static final Duration DAY = Duration.ofDays(1);

  @Test
  void e1StaleBrakeThenOverrides() {
    SnapshotSchedule s = Fixture.schedule("UTC", 1, "D7", DAILY, 7);
    Instant now =
        DAY0.plus(DAY.multipliedBy(29)).atZone(java.time.ZoneOffset.UTC).plusMonths(17).toInstant();
    Fixture f = new Fixture(now);
    List<String> names = f.series(V, DAY0, DAY, 30, "D7");

    RunReport braked = f.run(V, s, RunOptions.at(now));
    assertEquals(3, braked.exitCode());
    assertTrue(braked.volumes().get(0).engaged().contains(Brake.STALE));
    assertTrue(f.host.destroys().isEmpty());

    RunReport sim = f.run(V, s, RunOptions.at(now).simulated());
    assertEquals(3, sim.exitCode());
    assertTrue(RunRenderer.text(sim, false).contains("PLAN\tvolume=tank/vol1"));

    RunReport staleOnly = f.run(V, s, RunOptions.at(now).overriding(Brake.STALE));
    assertEquals(3, staleOnly.exitCode());
    assertEquals(List.of(Brake.MASS), staleOnly.volumes().get(0).engaged());
    assertTrue(f.host.destroys().isEmpty());

    RunReport both = f.run(V, s, RunOptions.at(now).overriding(Brake.STALE, Brake.MASS));
    assertEquals(0, both.exitCode());
    assertEquals(1, f.host.destroys().size());
    assertEquals(names.subList(0, 29), Fixture.names(f.host.destroys().get(0).get(2)));
    assertEquals(List.of(names.get(29)), f.zfs.snapshotNames(V));
  }

  @Test
  void e2MassBrakeThenOverrideThenNormalDay() {
    SnapshotSchedule s = Fixture.schedule("UTC", 1, "D7", DAILY, 7);
    Instant now = DAY0.plus(DAY.multipliedBy(39)).plusSeconds(3600);
    Fixture f = new Fixture(now);
    List<String> names = f.series(V, DAY0, DAY, 40, "D7");

    RunReport braked = f.run(V, s, RunOptions.at(now));
    assertEquals(3, braked.exitCode());
    assertEquals(32, braked.volumes().get(0).plan().deleteNames().size());
    assertEquals(List.of(Brake.MASS), braked.volumes().get(0).engaged());
    assertTrue(f.host.destroys().isEmpty());

    RunReport forced = f.run(V, s, RunOptions.at(now).overriding(Brake.MASS));
    assertEquals(0, forced.exitCode());
    assertEquals(
        List.of(List.of("zfs", "destroy", V + "@" + String.join(",", names.subList(0, 32)))),
        f.host.destroys());

    Instant next = DAY0.plus(DAY.multipliedBy(40));
    f.clock.set(next);
    f.managed(V, next, "D7");
    RunReport nextDay = f.run(V, s, RunOptions.at(next.plusSeconds(60)));
    assertEquals(0, nextDay.exitCode());
    assertEquals(List.of(names.get(32)), nextDay.volumes().get(0).destroyed());
    assertTrue(nextDay.volumes().get(0).plan().brakes().isEmpty());
  }

  private static Fixture fourDays(List<String> names) {
    Instant now = DAY0.plus(DAY.multipliedBy(3)).plusSeconds(60);
    Fixture f = new Fixture(now);
    names.addAll(f.series(V, DAY0, DAY, 4, "D1"));
    return f;
  }

  private static final SnapshotSchedule D0 = Fixture.schedule("UTC", 1, "D0", DAILY, 1);

  @Test
  void e3AtomicBatchFailureStripsAndRetries() {
    List<String> n = new ArrayList<>();
    Fixture f = fourDays(n);
    // a hold races in between re-verification and destroy: the real atomic failure follows
    AtomicBoolean raced = new AtomicBoolean();
    f.zfs.intercept(
        argv -> {
          if (argv.get(1).equals("destroy") && raced.compareAndSet(false, true)) {
            f.zfs.run(List.of("zfs", "hold", "backup", V + "@" + n.get(1)));
          }
          return null;
        });
    Instant now = f.clock.instant();
    RunReport r = f.run(V, D0, RunOptions.at(now));
    List<List<String>> d = f.host.destroys();
    assertEquals(List.of("zfs", "destroy", V + "@" + n.get(0) + "," + n.get(1)), d.get(0));
    assertEquals(List.of("zfs", "destroy", V + "@" + n.get(0)), d.get(1));
    assertEquals(2, d.size());
    assertEquals(Map.of(n.get(1), "dataset is busy"), r.volumes().get(0).failed());
    assertEquals(1, r.exitCode());
  }

  @Test
  void e3OpenZfs24HeldWordingIsParsedToo() {
    List<String> n = new ArrayList<>();
    Fixture f = fourDays(n);
    String msg =
        "cannot destroy snapshot "
            + V
            + "@"
            + n.get(0)
            + ": it's being held. Run 'zfs holds -r "
            + V
            + "@"
            + n.get(0)
            + "' to see holders.\n";
    AtomicBoolean first = new AtomicBoolean(true);
    f.zfs.intercept(
        argv ->
            argv.get(1).equals("destroy") && first.getAndSet(false)
                ? CommandResult.of(1, "", msg)
                : null);
    RunReport r = f.run(V, D0, RunOptions.at(f.clock.instant()));
    assertEquals(List.of("zfs", "destroy", V + "@" + n.get(1)), f.host.destroys().get(1));
    assertTrue(r.volumes().get(0).failed().get(n.get(0)).startsWith("it's being held"));
    assertEquals(List.of(n.get(1)), r.volumes().get(0).destroyed());
    assertEquals(1, r.exitCode());
  }

  @Test
  void e3UnparseableStderrFallsBackToSingleCalls() {
    List<String> n = new ArrayList<>();
    Fixture f = fourDays(n);
    AtomicBoolean first = new AtomicBoolean(true);
    f.zfs.intercept(
        argv ->
            argv.get(1).equals("destroy") && first.getAndSet(false)
                ? CommandResult.of(1, "", "internal error: out of memory\n")
                : null);
    RunReport r = f.run(V, D0, RunOptions.at(f.clock.instant()));
    List<List<String>> d = f.host.destroys();
    assertEquals(3, d.size());
    assertEquals(List.of("zfs", "destroy", V + "@" + n.get(0)), d.get(1));
    assertEquals(List.of("zfs", "destroy", V + "@" + n.get(1)), d.get(2));
    assertEquals(0, r.exitCode());
    assertEquals(List.of(n.get(2), n.get(3)), f.zfs.snapshotNames(V));
  }

  private static Fixture manyDays(int count, ZfsSim.Dialect dialect, List<String> names) {
    Instant now = DAY0.plus(DAY.multipliedBy(count - 1)).plusSeconds(60);
    Fixture f = new Fixture(now, dialect);
    names.addAll(f.series(V, DAY0, DAY, count, "D1"));
    return f;
  }

  @Test
  void e4BatchesOf100AndBytesLimit() {
    List<String> n = new ArrayList<>();
    Fixture f = manyDays(252, ZfsSim.Dialect.OPENZFS, n);
    RunReport r = f.run(V, D0, RunOptions.at(f.clock.instant()).overriding(Brake.MASS));
    List<List<String>> d = f.host.destroys();
    assertEquals(3, d.size());
    assertEquals(n.subList(0, 100), Fixture.names(d.get(0).get(2)));
    assertEquals(n.subList(100, 200), Fixture.names(d.get(1).get(2)));
    assertEquals(n.subList(200, 250), Fixture.names(d.get(2).get(2)));
    for (List<String> a : d) assertTrue(a.get(2).getBytes().length <= 65_536);
    assertEquals(0, r.exitCode());
    List<List<String>> small = DestroyBatches.split(V, n, 100, 200);
    for (List<String> b : small) assertTrue(DestroyBatches.argument(V, b).length() <= 200);
    assertEquals(n, small.stream().flatMap(List::stream).toList());
  }

  @Test
  void e4WithoutCommaSyntaxOneCallPerName() {
    List<String> n = new ArrayList<>();
    Fixture f = manyDays(252, ZfsSim.Dialect.ZFS_FUSE, n);
    RunReport r = f.run(V, D0, RunOptions.at(f.clock.instant()).overriding(Brake.MASS));
    List<List<String>> d = f.host.destroys();
    assertEquals(250, d.size());
    for (int i = 0; i < 250; i++)
      assertEquals(List.of("zfs", "destroy", V + "@" + n.get(i)), d.get(i));
    assertEquals(0, r.exitCode());
    assertEquals(n.subList(250, 252), f.zfs.snapshotNames(V));
  }

  @Test
  void e4E2bigHalvesTheBatch() {
    List<String> n = new ArrayList<>();
    Fixture f = manyDays(102, ZfsSim.Dialect.OPENZFS, n);
    f.zfs.intercept(
        argv ->
            argv.get(1).equals("destroy") && argv.get(2).split(",").length > 50
                ? CommandResult.of(126, "", "bash: /sbin/zfs: Argument list too long\n")
                : null);
    RunReport r = f.run(V, D0, RunOptions.at(f.clock.instant()).overriding(Brake.MASS));
    List<List<String>> d = f.host.destroys();
    assertEquals(3, d.size());
    assertEquals(n.subList(0, 50), Fixture.names(d.get(1).get(2)));
    assertEquals(n.subList(50, 100), Fixture.names(d.get(2).get(2)));
    assertEquals(0, r.exitCode());
  }

  @Test
  void e5ReverificationDropsChangedAndCountsVanished() {
    Instant now = DAY0.plus(DAY.multipliedBy(6)).plusSeconds(60);
    Fixture f = new Fixture(now);
    List<String> n = f.series(V, DAY0, DAY, 7, "D1");
    AtomicBoolean first = new AtomicBoolean(true);
    f.zfs.intercept(
        argv -> {
          if (argv.get(1).equals("get") && first.getAndSet(false)) {
            f.zfs.run(List.of("zfs", "destroy", V + "@" + n.get(1)));
            f.zfs.addSnapshot(
                V,
                n.get(1),
                DAY0.plus(DAY).getEpochSecond(),
                Map.of(Fixture.NS + ":snap_time", DAY0.plus(DAY).toString()));
            f.zfs.run(List.of("zfs", "hold", "replica", V + "@" + n.get(2)));
            f.zfs.run(List.of("zfs", "destroy", V + "@" + n.get(3)));
          }
          return null;
        });
    RunReport r = f.run(V, D0, RunOptions.at(now));
    assertEquals(
        List.of(List.of("zfs", "destroy", V + "@" + n.get(0) + "," + n.get(4))), f.host.destroys());
    VolumeReport v = r.volumes().get(0);
    assertTrue(v.changed().get(n.get(1)).startsWith("changed since planning"));
    assertTrue(v.changed().get(n.get(2)).startsWith("changed since planning"));
    assertEquals(List.of(n.get(3)), v.gone());
    assertEquals(0, r.exitCode());
  }

  @Test
  void e7SimulateMakesNoMutatingCallAndPrintsEverything() {
    List<String> n = new ArrayList<>();
    Fixture f = manyDays(120, ZfsSim.Dialect.OPENZFS, n);
    f.zfs.addSnapshot(V, "manual", DAY0.getEpochSecond(), Map.of());
    RunReport sim = f.run(V, D0, RunOptions.at(f.clock.instant()).simulated());
    assertTrue(f.host.mutating().isEmpty(), "mutating calls: " + f.host.mutating());
    String out = RunRenderer.text(sim, false);
    List<String> lines = out.lines().toList();
    assertEquals(
        121, lines.stream().filter(l -> l.matches("(KEEP|DELETE|SKIP|IGNORE)\t.*")).count());
    assertEquals(1, lines.stream().filter(l -> l.startsWith("SUMMARY\t")).count());
    List<String> wouldRun = lines.stream().filter(l -> l.startsWith("WOULD-RUN\t")).toList();
    assertEquals(2, wouldRun.size());
    assertTrue(wouldRun.get(0).startsWith("WOULD-RUN\tzfs destroy tank/vol1@" + n.get(0) + ","));
    assertEquals(3, sim.exitCode());
    RunReport real = f.run(V, D0, RunOptions.at(f.clock.instant()));
    assertEquals(sim.exitCode(), real.exitCode());
    RunReport simOk =
        f.run(V, D0, RunOptions.at(f.clock.instant()).overriding(Brake.MASS).simulated());
    assertEquals(0, simOk.exitCode());
    assertTrue(f.host.mutating().isEmpty());
  }

  @Test
  void e8ClockBrake() {
    Instant now = DAY0.plus(DAY.multipliedBy(5));
    Fixture f = new Fixture(now);
    f.managed(V, DAY0.plus(DAY.multipliedBy(3)), "D1");
    f.managed(V, DAY0.plus(DAY.multipliedBy(1)), "D1");
    RunReport r = f.run(V, D0, RunOptions.at(now));
    assertEquals(List.of(Brake.CLOCK), r.volumes().get(0).engaged());
    assertTrue(RunRenderer.text(r, false).contains("brakes=clock"));
    assertEquals(3, r.exitCode());
    assertTrue(f.host.destroys().isEmpty());
  }

  @Test
  void e9ConfigurationErrorsExit2WithoutZfsCalls() {
    Instant now = DAY0;
    var bad =
        List.of(
            new SnapshotSchedule("S", java.time.ZoneOffset.UTC, 1, List.of(), null),
            Fixture.schedule("UTC", 1, "D", DAILY, 0),
            Fixture.schedule("UTC", 0, "D", DAILY, 1),
            Fixture.schedule("UTC", 1, "D", DAILY, 1, "D", WEEKLY, 2),
            new SnapshotSchedule(
                "S", null, 1, List.of(new SnapshotSchedule.Rule("D", DAILY, 1)), null),
            new SnapshotSchedule(
                "S",
                java.time.ZoneOffset.UTC,
                1,
                List.of(new SnapshotSchedule.Rule("D", null, 1)),
                null));
    for (SnapshotSchedule s : bad) {
      Fixture f = new Fixture(now);
      RunReport r = f.run(V, s, RunOptions.at(now));
      assertEquals(1, r.exitCode(), s.toString());
      assertTrue(f.host.commands.isEmpty(), "no zfs calls for " + s);
      assertFalse(r.volumes().get(0).messages().isEmpty());
    }
  }

  @Test
  void e10PartialProgressAcrossVolumes() {
    Instant now = DAY0.plus(DAY.multipliedBy(3)).plusSeconds(60);
    Fixture f = new Fixture(now);
    Map<String, SnapshotSchedule> vols = new LinkedHashMap<>();
    for (String v : List.of("tank/a", "tank/b", "tank/c")) {
      f.series(v, DAY0, DAY, 4, "D1");
      vols.put(v, D0);
    }
    f.zfs.intercept(
        argv ->
            argv.get(1).equals("destroy") && argv.get(2).startsWith("tank/b@")
                ? CommandResult.of(1, "", "internal error: I/O error\n")
                : null);
    RunReport r = f.run(vols, RunOptions.at(now));
    assertEquals(1, r.exitCode());
    assertEquals(2, f.zfs.snapshotNames("tank/a").size());
    assertEquals(4, f.zfs.snapshotNames("tank/b").size());
    assertEquals(2, f.zfs.snapshotNames("tank/c").size());
    assertEquals(VolumeStatus.FAILED, r.volumes().get(1).status());
    assertEquals(2, r.volumes().get(1).failed().size());
    assertTrue(RunRenderer.text(r, false).contains("FAILED\ttank/b@"));
  }

  private static void racingDestroyer(Fixture f) {
    f.zfs.intercept(
        argv -> {
          if (argv.get(1).equals("destroy")) {
            f.zfs.intercept(a -> null);
            f.zfs.run(argv); // another admin destroys the same snapshots first
          }
          return null;
        });
  }

  @Test
  void e11VanishedSnapshotCountsAsSuccess() {
    Fixture f = new Fixture(DAY0.plus(DAY.multipliedBy(2)).plusSeconds(60));
    List<String> m = f.series(V, DAY0, DAY, 3, "D1");
    racingDestroyer(f);
    RunReport r = f.run(V, D0, RunOptions.at(f.clock.instant()));
    assertEquals(List.of(List.of("zfs", "destroy", V + "@" + m.get(0))), f.host.destroys());
    assertEquals(List.of(m.get(0)), r.volumes().get(0).gone());
    assertEquals(0, r.exitCode());
  }

  @Test
  void e11VanishedBatchFallsBackToSingleCallsThatCountAsGone() {
    Fixture g = new Fixture(DAY0.plus(DAY.multipliedBy(3)).plusSeconds(60));
    List<String> m = g.series(V, DAY0, DAY, 4, "D1");
    racingDestroyer(g);
    RunReport r = g.run(V, D0, RunOptions.at(g.clock.instant()));
    assertEquals(0, r.exitCode());
    assertEquals(List.of(m.get(0), m.get(1)), r.volumes().get(0).gone());
    assertEquals(List.of(m.get(2), m.get(3)), g.zfs.snapshotNames(V));
    assertEquals(3, g.host.destroys().size());
  }

  @Test
  void e12RuleTagsFollowThePrimaryRuleGroupedByValue() {
    SnapshotSchedule a =
        Fixture.schedule(
            "UTC", 1, "DAILY7", DAILY, 7, "WEEKLY4", WEEKLY, 4, "MONTHLY3", MONTHLY, 3);
    Instant now = DAY0.plus(DAY.multipliedBy(199)).plusSeconds(60);
    Fixture f = new Fixture(now);
    f.series(V, DAY0, DAY, 200, "DAILY7");
    RunReport r = f.run(V, a, RunOptions.at(now).overriding(Brake.MASS));
    assertEquals(0, r.exitCode());
    for (PlanRow row : r.volumes().get(0).plan().rows()) {
      if (row.action() != RowAction.KEEP) continue;
      String expected = row.primaryRule() != null ? row.primaryRule() : "DAILY7";
      String first =
          row.reasons().stream()
              .filter(x -> x.contains("["))
              .findFirst()
              .map(x -> x.substring(0, x.indexOf('[')))
              .orElse("DAILY7");
      assertEquals(first, expected);
      assertEquals(expected, f.zfs.userProperty(V, row.name(), Fixture.NS + ":snaprotate_rule"));
    }
    List<List<String>> sets = f.host.sets();
    Set<String> values = new HashSet<>();
    for (List<String> s : sets) assertTrue(values.add(s.get(2)), "one call per value: " + s.get(2));
    assertEquals(
        Set.of(Fixture.NS + ":snaprotate_rule=WEEKLY4", Fixture.NS + ":snaprotate_rule=MONTHLY3"),
        values);
  }

  @Test
  void aVolumeWhosePoolIsImportedElsewhereIsSkippedNotAnError() {
    Fixture f = new Fixture(DAY0);
    RunReport r = f.run(V, D0, RunOptions.at(DAY0));
    assertEquals(VolumeStatus.ABSENT, r.volumes().get(0).status());
    assertEquals(0, r.exitCode());
    assertTrue(RunRenderer.text(r, false).contains("ABSENT\tvolume=tank/vol1\t"));
  }

  @Test
  void lockedVolumeIsSkipped() throws Exception {
    List<String> n = new ArrayList<>();
    Fixture f = fourDays(n);
    VolumeLocks locks = VolumeLocks.inProcess();
    try (VolumeLocks.Lock held = locks.tryLock("node1", V).orElseThrow()) {
      RunReport r = f.run(V, D0, RunOptions.at(f.clock.instant()));
      assertEquals(VolumeStatus.LOCKED, r.volumes().get(0).status());
      assertTrue(f.host.destroys().isEmpty());
      assertTrue(RunRenderer.text(r, false).contains("LOCKED\tvolume=tank/vol1"));
    }
    assertEquals(0, f.run(V, D0, RunOptions.at(f.clock.instant())).exitCode());
    assertEquals(2, f.zfs.snapshotNames(V).size());
  }
}
