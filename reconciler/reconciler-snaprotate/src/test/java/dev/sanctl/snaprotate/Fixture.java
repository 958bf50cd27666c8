package dev.sanctl.snaprotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.sim.zfs.ZfsSim;
import dev.sanctl.spi.model.SnapshotSchedule;
import dev.sanctl.spi.model.SnapshotSchedule.Freq;
import dev.sanctl.spi.model.SnapshotSchedule.Rule;
import dev.sanctl.spi.model.SourceRef;
import dev.sanctl.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A simulated node with zfs, a clock and a runner, plus the E6 hygiene check. */
final class Fixture {
  static final String NS = "edu.amherst";
  final MutableClock clock;
  final ZfsSim zfs;
  final SimZfsHost host;
  final SnapRotateRunner runner;
  final List<RunReport> reports = new ArrayList<>();

  Fixture(Instant start) {
    this(start, ZfsSim.Dialect.OPENZFS);
  }

  Fixture(Instant start, ZfsSim.Dialect dialect) {
    clock = new MutableClock(start);
    zfs = new ZfsSim(dialect, clock, 42);
    host = new SimZfsHost(zfs);
    runner = new SnapRotateRunner(host, NS, VolumeLocks.inProcess());
  }

  static SnapshotSchedule schedule(String zone, int keepLast, Object... rules) {
    List<Rule> rs = new ArrayList<>();
    for (int i = 0; i < rules.length; i += 3) {
      rs.add(new Rule((String) rules[i], (Freq) rules[i + 1], (Integer) rules[i + 2]));
    }
    return new SnapshotSchedule("S", ZoneId.of(zone), keepLast, rs, SourceRef.NONE);
  }

  /** A managed snapshot named after {@code t}, created at {@code t}, tagged {@code rule}. */
  void managed(String volume, Instant t, String rule) {
    zfs.createFilesystem(volume);
    zfs.addSnapshot(
        volume,
        SnapshotCreator.nameFor(t),
        t.getEpochSecond(),
        Map.of(NS + ":snap_time", t.toString(), NS + ":snaprotate_rule", rule));
  }

  /** {@code count} managed snapshots, one every {@code step} from {@code first}. */
  List<String> series(String volume, Instant first, Duration step, int count, String rule) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant t = first.plus(step.multipliedBy(i));
      managed(volume, t, rule);
      names.add(SnapshotCreator.nameFor(t));
    }
    return names;
  }

  RunReport run(Map<String, SnapshotSchedule> volumes, RunOptions options) {
    List<VolumeJob> jobs = new ArrayList<>();
    volumes.forEach((v, s) -> jobs.add(new VolumeJob(v, s)));
    int before = host.commands.size();
    RunReport r = runner.run(jobs, options);
    reports.add(r);
    assertHygiene(r, before);
    return r;
  }

  RunReport run(String volume, SnapshotSchedule s, RunOptions options) {
    return run(Map.of(volume, s), options);
  }

  /** E6: every destroy is exactly ["zfs","destroy","V@names"] with names from V's DELETE set. */
  void assertHygiene(RunReport report, int fromCommand) {
    Map<String, Set<String>> deleteSets = new HashMap<>();
    for (VolumeReport v : report.volumes()) {
      if (v.plan() != null) deleteSets.put(v.volume(), new HashSet<>(v.plan().deleteNames()));
    }
    for (var c : host.commands.subList(fromCommand, host.commands.size())) {
      List<String> a = c.argv();
      if (a.size() < 2 || !a.get(1).equals("destroy")) continue;
      assertEquals(3, a.size(), "destroy argv " + a);
      assertEquals("zfs", a.get(0));
      String arg = a.get(2);
      assertFalse(arg.startsWith("-"), "no flags: " + a);
      assertFalse(arg.contains("%"), "no ranges: " + a);
      int at = arg.indexOf('@');
      assertTrue(at > 0, "a snapshot list: " + a);
      String vol = arg.substring(0, at);
      assertTrue(deleteSets.containsKey(vol), "planned volume: " + a);
      for (String n : arg.substring(at + 1).split(",")) {
        assertTrue(deleteSets.get(vol).contains(n), n + " is in " + vol + "'s DELETE set");
      }
      assertFalse(report.simulated(), "a simulation destroys nothing");
    }
  }

  static List<String> names(String arg) {
    return Arrays.asList(arg.substring(arg.indexOf('@') + 1).split(","));
  }
}
