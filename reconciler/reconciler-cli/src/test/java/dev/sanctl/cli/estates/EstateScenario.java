package dev.sanctl.cli.estates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.ExitCodes;
import dev.sanctl.cli.support.CliRun;
import dev.sanctl.sim.SimCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs one generated estate through {@code sanctl} in-process against a simulated cluster and
 * checks the estates invariants after every step: validate accepts ⇒ a first apply exits 0 and the
 * re-plan is empty; after a failover the plan is empty; drift is detected and repaired by one
 * apply; nothing is destroyed without its flag; validate rejects ⇒ exit 1 with file:line:column
 * lines and no stack trace.
 */
final class EstateScenario implements AutoCloseable {
  /** One operation of a scenario; {@code i} picks the object (modulo). */
  record Op(Kind kind, int i) {}

  enum Kind {
    FAILOVER_GROUP,
    FAILOVER_POOL,
    DRIFT_TARGET_STOPPED,
    DRIFT_LV_REMOVED,
    DRIFT_ZFS_PROPERTY,
    FAULT_ONCE,
    GROW,
    ADD,
    FORGET
  }

  private static final Pattern DIAGNOSTIC = Pattern.compile("^[^: ]+\\.ya?ml:\\d+:\\d+: \\S.*");

  private final Estate estate;
  private final Path dir;
  private final Path config;
  private final Path sim;
  private final Path state;
  private final StringBuilder log = new StringBuilder();
  private String groupHolder = "l1";
  private String poolHolder = "z1";
  private int added;

  EstateScenario(Estate estate) throws IOException {
    this.estate = estate;
    this.dir = Files.createTempDirectory("sanctl-estate");
    this.config = dir.resolve("config");
    this.sim = dir.resolve("sim");
    this.state = dir.resolve("state");
  }

  /** Runs the scenario; false when validate rejected the estate (checked, nothing to apply). */
  boolean run(List<Op> ops) throws IOException {
    if (!writeAndValidate()) return false;
    CliRun.Result init = CliRun.run("sim", "init", sim.toString(), "-C", config.toString());
    assertEquals(ExitCodes.OK, init.exit(), context("sim init", init));
    applyConverges("first apply");
    for (Op op : ops) {
      log.append("op ").append(op).append('\n');
      if (!step(op)) return true;
    }
    return true;
  }

  /** What the scenario did so far: operations, commands and their exits, validate's rejection. */
  String log() {
    return log.toString();
  }

  private boolean step(Op op) throws IOException {
    SimCluster cluster = SimCluster.open(sim);
    switch (op.kind()) {
      case FAILOVER_GROUP -> {
        String to = groupHolder.equals("l1") ? "l2" : "l1";
        CliRun.Result f = CliRun.run("sim", "failover", sim.toString(), Estate.HA_GROUP, to);
        assertEquals(ExitCodes.OK, f.exit(), context("sim failover", f));
        groupHolder = to;
        planIsEmpty("after failover of " + Estate.HA_GROUP + " to " + to);
      }
      case FAILOVER_POOL -> {
        if (estate.haZvols.isEmpty()) return true;
        String to = poolHolder.equals("z1") ? "z2" : "z1";
        CliRun.Result f = CliRun.run("sim", "failover", sim.toString(), Estate.HA_POOL, to);
        assertEquals(ExitCodes.OK, f.exit(), context("sim failover", f));
        poolHolder = to;
        planIsEmpty("after failover of " + Estate.HA_POOL + " to " + to);
      }
      case DRIFT_TARGET_STOPPED -> {
        String volume = cluster.run(groupHolder, "cat", "/proc/net/iet/volume").out();
        String tid = null;
        for (String line : volume.split("\n")) {
          // a managed target: one left out of the desired state is unmanaged, not drift
          if (line.startsWith("tid:")
              && estate.onlineIetIqns().contains(line.substring(line.indexOf("name:") + 5))) {
            tid = line.substring(4, line.indexOf(' '));
            break;
          }
        }
        if (tid == null) return true;
        assertEquals(
            0,
            cluster.run(groupHolder, "ietadm", "--op", "delete", "--tid=" + tid).exitStatus(),
            "ietadm --op delete");
        driftIsRepaired("target tid " + tid + " stopped by hand on " + groupHolder);
      }
      case DRIFT_LV_REMOVED -> {
        List<String[]> lvs = estate.lvmVolumes();
        if (lvs.isEmpty()) return true;
        String[] vgLv = lvs.get(Math.floorMod(op.i(), lvs.size()));
        String node = vgLv[0].equals(Estate.HA_GROUP) ? groupHolder : "l1";
        if (cluster.run(node, "lvs", vgLv[0] + "/" + vgLv[1]).exitStatus() != 0) return true;
        if (isServed(cluster, node, vgLv)) return true; // open LVs cannot be removed
        assertEquals(
            0,
            cluster.run(node, "lvremove", "-f", vgLv[0] + "/" + vgLv[1]).exitStatus(),
            "lvremove");
        driftIsRepaired("lvremove of " + vgLv[0] + "/" + vgLv[1]);
      }
      case DRIFT_ZFS_PROPERTY -> {
        if (estate.haZvols.isEmpty()) return true;
        assertEquals(
            0,
            cluster.run(poolHolder, "zfs", "set", "compression=off", "tank/vm").exitStatus(),
            "zfs set");
        driftIsRepaired("zfs set compression=off tank/vm");
      }
      case FAULT_ONCE -> {
        CliRun.Result f =
            CliRun.run("sim", "fault", sim.toString(), "l1", "--fail", "lvs", "--times", "1");
        assertEquals(ExitCodes.OK, f.exit(), context("sim fault", f));
        CliRun.Result plan = cli("plan");
        noStackTrace(plan);
        planIsEmpty("after a one-time lvs failure");
      }
      case GROW -> {
        estate.grow(op.i(), 4 + Math.floorMod(op.i(), 9));
        if (!writeAndValidate()) return false;
        applyConverges("grow");
      }
      case ADD -> {
        estate.add(op.i(), ++added);
        if (!writeAndValidate()) return false;
        applyConverges("add");
      }
      case FORGET -> {
        String[] gone = estate.forget(op.i());
        if (gone == null) return true;
        if (!writeAndValidate()) return false;
        applyConverges("forget " + gone[0] + "/" + gone[1]);
        if (!gone[0].equals("vg_files")) {
          String node =
              gone[0].equals(Estate.HA_GROUP)
                  ? groupHolder
                  : gone[0].equals("vg_tgt") ? "t1" : "l1";
          assertEquals(
              0,
              cluster.run(node, "lvs", gone[0] + "/" + gone[1]).exitStatus(),
              context("a volume left out of the desired state is never destroyed", null));
        }
      }
    }
    return true;
  }

  private static boolean isServed(SimCluster cluster, String node, String[] vgLv)
      throws IOException {
    String volume = cluster.run(node, "cat", "/proc/net/iet/volume").out();
    return volume.contains("path:/dev/" + vgLv[0] + "/" + vgLv[1] + "\n")
        || volume.contains("path:/dev/" + vgLv[0] + "/" + vgLv[1] + " ");
  }

  /** Writes the estate; true when validate accepts it, else checks the rejection. */
  private boolean writeAndValidate() throws IOException {
    if (Files.isDirectory(config)) deleteTree(config);
    Files.createDirectories(config.resolve("secrets"));
    for (String[] f : estate.files(config.resolve("secrets").toString()))
      Files.writeString(config.resolve(f[0]), f[1]);
    for (String[] s : estate.secrets()) {
      Path p = config.resolve("secrets").resolve(s[0]);
      Files.writeString(p, s[1] + "\n");
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
    }
    CliRun.Result v = CliRun.run("validate", "-C", config.toString());
    noStackTrace(v);
    if (v.exit() == ExitCodes.OK) return true;
    assertEquals(ExitCodes.ERROR, v.exit(), context("validate rejects with exit 1", v));
    List<String> lines =
        v.out().lines().filter(l -> !l.isBlank() && !l.startsWith("invalid")).toList();
    assertFalse(lines.isEmpty(), context("validate says where", v));
    for (String l : lines) {
      assertTrue(DIAGNOSTIC.matcher(l).matches(), context("not file:line:column: " + l, v));
    }
    log.append("validate rejected:\n").append(v.out());
    return false;
  }

  private void applyConverges(String what) {
    CliRun.Result json = cli("plan", "--format", "json");
    noStackTrace(json);
    assertFalse(
        json.out().contains("\"action\":\"delete\"")
            || json.out().contains("\"action\" : \"delete\""),
        context(what + ": nothing is destroyed without state: absent", json));
    CliRun.Result apply = cli("apply", "--auto-approve");
    noStackTrace(apply);
    if (apply.exit() == ExitCodes.REFUSED) {
      log.append(what).append(": refused without --allow-disruptive\n").append(apply.err());
      apply = cli("apply", "--auto-approve", "--allow-disruptive");
      noStackTrace(apply);
    }
    assertEquals(ExitCodes.OK, apply.exit(), context(what + ": apply exits 0", apply));
    planIsEmpty(what + ": the re-plan is empty");
  }

  private void driftIsRepaired(String what) {
    CliRun.Result drift = cli("drift");
    noStackTrace(drift);
    assertEquals(ExitCodes.CHANGES, drift.exit(), context(what + ": drift is detected", drift));
    CliRun.Result apply = cli("apply", "--auto-approve", "--allow-disruptive");
    noStackTrace(apply);
    assertEquals(ExitCodes.OK, apply.exit(), context(what + ": one apply repairs it", apply));
    planIsEmpty(what + ": repaired by one apply");
  }

  private void planIsEmpty(String what) {
    CliRun.Result plan = cli("plan", "--detailed-exitcode");
    noStackTrace(plan);
    assertEquals(ExitCodes.OK, plan.exit(), context(what, plan));
    assertTrue(plan.out().contains("No changes."), context(what, plan));
  }

  private CliRun.Result cli(String command, String... args) {
    String[] argv = new String[7 + args.length];
    argv[0] = "-C";
    argv[1] = config.toString();
    argv[2] = "--no-color";
    argv[3] = command;
    argv[4] = "--sim";
    argv[5] = sim.toString();
    argv[6] = "--state-dir=" + state;
    System.arraycopy(args, 0, argv, 7, args.length);
    CliRun.Result r = CliRun.run(argv);
    log.append("$ sanctl ").append(command).append(' ').append(String.join(" ", args));
    log.append(" -> ").append(r.exit()).append('\n');
    return r;
  }

  private void noStackTrace(CliRun.Result r) {
    String all = r.out() + r.err();
    assertFalse(all.contains("Exception") || all.contains("\tat "), context("no stack trace", r));
  }

  private String context(String what, CliRun.Result r) {
    return what
        + "\n--- estate\n"
        + estate
        + "--- steps\n"
        + log
        + (r == null ? "" : "--- output\n" + r);
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
    }
  }

  @Override
  public void close() {
    try {
      deleteTree(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
