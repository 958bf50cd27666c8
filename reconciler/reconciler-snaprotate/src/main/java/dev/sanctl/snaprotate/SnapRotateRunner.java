package dev.sanctl.snaprotate;

import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rotation executor (2.9) against one node's {@link Host}: per-volume lock, brakes, batched
 * comma destroys (or one call per name when the node's zfs lacks the syntax), re-verification
 * before each batch, strip-and-retry, per-snapshot errors, and rule tags afterwards. With {@link
 * RunOptions#simulate()} it makes no mutating call.
 */
public final class SnapRotateRunner {
  private static final Pattern DESTROY_ERROR =
      Pattern.compile("cannot destroy snapshot (\\S+?)@(\\S+): (.+)");
  private static final String NOT_FOUND = "could not find any snapshots to destroy";
  private static final String E2BIG = "Argument list too long";

  private final ZfsCli zfs;
  private final VolumeLocks locks;

  public SnapRotateRunner(Host host, String namespace, VolumeLocks locks) {
    this.zfs = new ZfsCli(host, namespace);
    this.locks = locks;
  }

  /** Rotates every job's volume, in volume-name order. */
  public RunReport run(List<VolumeJob> jobs, RunOptions options) {
    List<VolumeJob> ordered = new ArrayList<>(jobs);
    ordered.sort(Comparator.comparing(VolumeJob::volume));
    List<VolumeReport> out = new ArrayList<>();
    ZfsCapabilities caps = null;
    for (VolumeJob job : ordered) {
      List<String> problems = ScheduleValidator.problems(job.schedule());
      if (!ZfsNames.isDataset(job.volume())) {
        problems = List.of("not a valid ZFS dataset name: '" + job.volume() + "'");
      }
      if (!problems.isEmpty()) {
        out.add(error(job.volume(), problems));
        continue;
      }
      try {
        if (caps == null) caps = zfs.capabilities();
        out.add(runVolume(job, options, caps));
      } catch (IOException e) {
        out.add(error(job.volume(), List.of("node " + zfs.host().name() + ": " + e.getMessage())));
      }
    }
    return new RunReport(out, options.simulate());
  }

  private VolumeReport runVolume(VolumeJob job, RunOptions options, ZfsCapabilities caps)
      throws IOException {
    String v = job.volume();
    Optional<VolumeLocks.Lock> lock = locks.tryLock(zfs.host().name(), v);
    if (lock.isEmpty()) {
      return new Volume(v, null).report(VolumeStatus.LOCKED, List.of(), List.of("locked"));
    }
    try (VolumeLocks.Lock held = lock.get()) {
      List<Snapshot> listing;
      try {
        listing = zfs.list(v, caps);
      } catch (ZfsCli.ZfsException e) {
        if (e.getMessage().contains("dataset does not exist")) {
          return new Volume(v, null)
              .report(VolumeStatus.ABSENT, List.of(), List.of(e.getMessage()));
        }
        return error(v, List.of("cannot list snapshots of " + v + ": " + e.getMessage()));
      }
      RotationPlan plan =
          SnapRotatePlanner.plan(
              new PlanRequest(
                  v,
                  job.schedule(),
                  options.now(),
                  options.protectedNames(),
                  listing,
                  options.legacyNameTime()));
      Volume vol = new Volume(v, plan);
      List<String> names = plan.deleteNames();
      vol.wouldRun.addAll(DestroyBatches.argvs(v, names, caps.commaDestroy()));
      List<Brake> engaged = plan.engagedBrakes(options.overrides());
      if (!engaged.isEmpty()) return vol.report(VolumeStatus.BRAKED, engaged, List.of());
      if (options.simulate()) return vol.report(VolumeStatus.DONE, List.of(), List.of());
      vol.wouldRun.clear();
      Map<String, String> plannedGuid = new LinkedHashMap<>();
      plan.deletions().forEach(r -> plannedGuid.put(r.name(), r.snapshot().guid()));
      List<List<String>> batches =
          caps.commaDestroy()
              ? DestroyBatches.split(v, names)
              : names.stream().map(List::of).toList();
      boolean first = true;
      for (List<String> batch : batches) {
        if (!first) pause(options);
        first = false;
        List<String> verified = reverify(vol, batch, plannedGuid, caps);
        if (!verified.isEmpty()) destroy(vol, verified);
      }
      setTags(vol, plan);
      return vol.report(
          vol.failed.isEmpty() ? VolumeStatus.DONE : VolumeStatus.FAILED, List.of(), List.of());
    }
  }

  private List<String> reverify(
      Volume vol, List<String> batch, Map<String, String> plannedGuid, ZfsCapabilities caps)
      throws IOException {
    Map<String, ZfsCli.LiveSnapshot> live = zfs.verify(vol.name, batch, caps);
    List<String> keep = new ArrayList<>();
    for (String n : batch) {
      ZfsCli.LiveSnapshot s = live.get(n);
      if (s == null) vol.gone.add(n);
      else if (plannedGuid.get(n) != null && !plannedGuid.get(n).equals(s.guid())) {
        vol.changed.put(n, "changed since planning: guid differs (name reused)");
      } else if (s.userrefs() > 0) vol.changed.put(n, "changed since planning: held");
      else if (!s.clones().isEmpty()) vol.changed.put(n, "changed since planning: has clones");
      else if (s.deferDestroy()) vol.changed.put(n, "changed since planning: defer_destroy=on");
      else keep.add(n);
    }
    return keep;
  }

  /** Destroys {@code names} (all verified), stripping failures and falling back as 2.9.6 says. */
  private void destroy(Volume vol, List<String> names) throws IOException {
    CommandResult r = call(vol, names);
    if (r.ok()) {
      vol.destroyed.addAll(names);
      return;
    }
    if (r.err().contains(E2BIG) && names.size() > 1) {
      int half = names.size() / 2;
      destroy(vol, names.subList(0, half));
      destroy(vol, names.subList(half, names.size()));
      return;
    }
    if (names.size() == 1) {
      single(vol, names.get(0), r);
      return;
    }
    Map<String, String> stripped = parseFailures(vol.name, r.err(), names);
    if (stripped == null) {
      oneByOne(vol, names);
      return;
    }
    vol.failed.putAll(stripped);
    List<String> rest = names.stream().filter(n -> !stripped.containsKey(n)).toList();
    if (rest.isEmpty()) return;
    CommandResult retry = call(vol, rest);
    if (retry.ok()) vol.destroyed.addAll(rest);
    else oneByOne(vol, rest);
  }

  private void oneByOne(Volume vol, List<String> names) throws IOException {
    for (String n : names) {
      CommandResult r = call(vol, List.of(n));
      if (r.ok()) vol.destroyed.add(n);
      else single(vol, n, r);
    }
  }

  private void single(Volume vol, String name, CommandResult r) {
    String err = r.err();
    if (err.contains(NOT_FOUND) || err.contains("dataset does not exist")) {
      vol.gone.add(name);
    } else {
      Map<String, String> parsed = parseFailures(vol.name, err, List.of(name));
      vol.failed.put(
          name,
          parsed != null ? parsed.get(name) : ZfsCli.firstLine(err, "exit " + r.exitStatus()));
    }
  }

  /**
   * The names named by {@code cannot destroy snapshot V@x: reason} lines, or null when any line
   * does not parse or names something outside {@code names}.
   */
  static Map<String, String> parseFailures(String volume, String stderr, List<String> names) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : stderr.split("\n")) {
      if (line.isBlank()) continue;
      Matcher m = DESTROY_ERROR.matcher(line.strip());
      if (!m.matches() || !m.group(1).equals(volume) || !names.contains(m.group(2))) return null;
      out.put(m.group(2), m.group(3));
    }
    return out.isEmpty() ? null : out;
  }

  private CommandResult call(Volume vol, List<String> names) throws IOException {
    vol.wouldRun.add(DestroyBatches.argv(vol.name, names));
    try {
      return zfs.destroy(vol.name, names);
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().contains(E2BIG)) {
        return CommandResult.of(126, "", E2BIG);
      }
      throw e;
    }
  }

  /** 2.9 step 8: set the primary rule tag where it changed, grouped by value. */
  private void setTags(Volume vol, RotationPlan plan) throws IOException {
    Map<String, List<String>> byRule = new TreeMap<>();
    for (PlanRow r : plan.rows()) {
      if (r.snapshotClass() != SnapshotClass.CANDIDATE || r.action() != RowAction.KEEP) continue;
      if (r.primaryRule() == null || r.primaryRule().equals(r.snapshot().ruleTag())) continue;
      byRule.computeIfAbsent(r.primaryRule(), k -> new ArrayList<>()).add(r.name());
    }
    for (Map.Entry<String, List<String>> e : byRule.entrySet()) {
      List<String> names = e.getValue();
      for (int i = 0; i < names.size(); i += DestroyBatches.MAX_NAMES) {
        List<String> chunk = names.subList(i, Math.min(names.size(), i + DestroyBatches.MAX_NAMES));
        CommandResult r = zfs.setRuleTag(vol.name, e.getKey(), chunk);
        if (r.ok()) vol.tagged.addAll(chunk);
        else {
          vol.messages.add(
              "warning: could not tag "
                  + chunk.size()
                  + " snapshot(s) with rule "
                  + e.getKey()
                  + ": "
                  + ZfsCli.firstLine(r.err(), "exit " + r.exitStatus()));
        }
      }
    }
    if (!vol.tagged.isEmpty()) vol.messages.add("tagged " + vol.tagged.size() + " snapshot(s)");
  }

  private static void pause(RunOptions options) {
    if (options.pause().isZero()) return;
    try {
      Thread.sleep(options.pause().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static VolumeReport error(String volume, List<String> messages) {
    return new Volume(volume, null).report(VolumeStatus.ERROR, List.of(), messages);
  }

  /** Mutable progress of one volume. */
  private static final class Volume {
    final String name;
    final RotationPlan plan;
    final List<String> destroyed = new ArrayList<>();
    final List<String> gone = new ArrayList<>();
    final List<String> tagged = new ArrayList<>();
    final Map<String, String> changed = new LinkedHashMap<>();
    final Map<String, String> failed = new LinkedHashMap<>();
    final List<List<String>> wouldRun = new ArrayList<>();
    final List<String> messages = new ArrayList<>();

    Volume(String name, RotationPlan plan) {
      this.name = name;
      this.plan = plan;
    }

    VolumeReport report(VolumeStatus status, List<Brake> engaged, List<String> extra) {
      List<String> msgs = new ArrayList<>(messages);
      msgs.addAll(extra);
      return new VolumeReport(
          name, status, plan, engaged, destroyed, gone, changed, failed, wouldRun, msgs);
    }
  }
}
