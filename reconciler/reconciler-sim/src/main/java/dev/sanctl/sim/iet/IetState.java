package dev.sanctl.sim.iet;

import dev.sanctl.sim.StateFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The IET kernel module's runtime state on one node: targets (with parameters, LUNs, CHAP accounts,
 * sessions) and the discovery accounts. Stored in {@code DIR/<node>/iet.state}.
 */
public final class IetState {
  int nextTargetId;
  int nextTsih = 1;
  int nextIsidQualifier = 0x28;
  public final List<Target> targets = new ArrayList<>();
  final List<Account> discoveryAccounts = new ArrayList<>();

  /** One target. */
  public static final class Target {
    public final int tid;
    final String name;
    String redirect = "";
    public final Map<String, Integer> params = new LinkedHashMap<>();
    public final List<Lun> luns = new ArrayList<>();
    public final List<Account> accounts = new ArrayList<>();
    public final List<Session> sessions = new ArrayList<>();

    Target(int tid, String name) {
      this.tid = tid;
      this.name = name;
    }

    public int tid() {
      return tid;
    }

    public String name() {
      return name;
    }

    Lun lun(int n) {
      return luns.stream().filter(l -> l.lun == n).findFirst().orElse(null);
    }
  }

  /** One logical unit, as attached: {@code blocks} is the size seen when it was added. */
  public static final class Lun {
    final int lun;
    public final String params;
    public final String path;
    final String type;
    final String ioMode;
    final int blockSize;
    final long blocks;

    /** 0 running, 1 deleted but still referenced by sessions. */
    int state;

    boolean suspended;

    Lun(
        int lun,
        String params,
        String path,
        String type,
        String ioMode,
        int blockSize,
        long blocks) {
      this.lun = lun;
      this.params = params;
      this.path = path;
      this.type = type;
      this.ioMode = ioMode;
      this.blockSize = blockSize;
      this.blocks = blocks;
    }

    long sizeBytes() {
      return blocks * blockSize;
    }
  }

  /** A CHAP account: {@code incoming} or outgoing. */
  public record Account(boolean incoming, String user, String password) {}

  /** An initiator session with its connections (newest session first when rendered). */
  public static final class Session {
    final long sid;
    final String initiator;
    final List<Connection> connections = new ArrayList<>();

    Session(long sid, String initiator) {
      this.sid = sid;
      this.initiator = initiator;
    }
  }

  /** A connection of a session. */
  public record Connection(
      int cid, String ip, String state, String headerDigest, String dataDigest) {}

  public Target target(int tid) {
    return targets.stream().filter(t -> t.tid == tid).findFirst().orElse(null);
  }

  public Target target(String name) {
    return targets.stream().filter(t -> t.name.equals(name)).findFirst().orElse(null);
  }

  public static IetState load(Path file) throws IOException {
    IetState s = new IetState();
    // the target of each record by tid (the first of that tid, as target(tid)): a lookup, not a
    // search of every target per LUN, parameter, account or session record
    Map<Integer, Target> byTid = new HashMap<>();
    for (List<String> r : StateFile.read(file)) {
      switch (r.get(0)) {
        case "counters" -> {
          s.nextTargetId = Integer.parseInt(r.get(1));
          s.nextTsih = Integer.parseInt(r.get(2));
          s.nextIsidQualifier = Integer.parseInt(r.get(3));
        }
        case "target" -> {
          Target t = new Target(Integer.parseInt(r.get(1)), r.get(2));
          t.redirect = r.get(3);
          s.targets.add(t);
          byTid.putIfAbsent(t.tid, t);
        }
        case "param" ->
            byTid.get(Integer.parseInt(r.get(1))).params.put(r.get(2), Integer.parseInt(r.get(3)));
        case "lun" -> {
          Lun l =
              new Lun(
                  Integer.parseInt(r.get(2)),
                  r.get(3),
                  r.get(4),
                  r.get(5),
                  r.get(6),
                  Integer.parseInt(r.get(7)),
                  Long.parseLong(r.get(8)));
          l.suspended = Boolean.parseBoolean(r.get(9));
          l.state = Integer.parseInt(r.get(10));
          byTid.get(Integer.parseInt(r.get(1))).luns.add(l);
        }
        case "account" -> {
          Account a = new Account("in".equals(r.get(2)), r.get(3), r.get(4));
          int tid = Integer.parseInt(r.get(1));
          (tid == 0 ? s.discoveryAccounts : byTid.get(tid).accounts).add(a);
        }
        case "session" ->
            byTid
                .get(Integer.parseInt(r.get(1)))
                .sessions
                .add(new Session(Long.parseLong(r.get(2)), r.get(3)));
        case "conn" -> {
          Target t = byTid.get(Integer.parseInt(r.get(1)));
          long sid = Long.parseLong(r.get(2));
          t.sessions.stream()
              .filter(x -> x.sid == sid)
              .findFirst()
              .orElseThrow()
              .connections
              .add(
                  new Connection(
                      Integer.parseInt(r.get(3)), r.get(4), r.get(5), r.get(6), r.get(7)));
        }
        default -> throw new IOException(file + ": unknown record " + r.get(0));
      }
    }
    return s;
  }

  /**
   * Writes the state back; a node where IET never ran (no file, nothing but the initial counters)
   * gets no file.
   */
  public void save(Path file) throws IOException {
    List<List<String>> out = records();
    if (!java.nio.file.Files.exists(file) && out.equals(new IetState().records())) return;
    StateFile.write(file, out);
  }

  private List<List<String>> records() {
    List<List<String>> out = new ArrayList<>();
    out.add(StateFile.record("counters", nextTargetId, nextTsih, nextIsidQualifier));
    for (Account a : discoveryAccounts) out.add(account(0, a));
    for (Target t : targets) {
      out.add(StateFile.record("target", t.tid, t.name, t.redirect));
      t.params.forEach((k, v) -> out.add(StateFile.record("param", t.tid, k, v)));
      for (Lun l : t.luns) {
        out.add(
            StateFile.record(
                "lun",
                t.tid,
                l.lun,
                l.params,
                l.path,
                l.type,
                l.ioMode,
                l.blockSize,
                l.blocks,
                l.suspended,
                l.state));
      }
      for (Account a : t.accounts) out.add(account(t.tid, a));
      for (Session se : t.sessions) {
        out.add(StateFile.record("session", t.tid, se.sid, se.initiator));
        for (Connection c : se.connections) {
          out.add(
              StateFile.record(
                  "conn",
                  t.tid,
                  se.sid,
                  c.cid(),
                  c.ip(),
                  c.state(),
                  c.headerDigest(),
                  c.dataDigest()));
        }
      }
    }
    return out;
  }

  private static List<String> account(int tid, Account a) {
    return StateFile.record("account", tid, a.incoming() ? "in" : "out", a.user(), a.password());
  }
}
