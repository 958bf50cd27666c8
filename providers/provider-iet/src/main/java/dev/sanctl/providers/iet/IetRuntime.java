package dev.sanctl.providers.iet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The running targets of one node, from {@code /proc/net/iet/volume} and {@code
 * /proc/net/iet/session} (IET 1.4.20 lines carry {@code blocks:} and {@code blocksize:}; 0.4.17 to
 * 1.4.19 lines do not, and then a LUN's size is unknown).
 */
public final class IetRuntime {
  private final Map<Integer, Target> targets;
  private final Map<String, Target> byName = new HashMap<>();

  /** The running targets by tid, in file order. */
  public IetRuntime(Map<Integer, Target> targets) {
    this.targets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    for (Target t : this.targets.values()) byName.putIfAbsent(t.name(), t);
  }

  /** The running targets by tid, in file order. */
  public Map<Integer, Target> targets() {
    return targets;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IetRuntime r && targets.equals(r.targets);
  }

  @Override
  public int hashCode() {
    return targets.hashCode();
  }

  @Override
  public String toString() {
    return "IetRuntime[targets=" + targets + "]";
  }

  /** A running target. */
  public record Target(int tid, String name, List<Lun> luns, List<Session> sessions) {
    public Target {
      luns = List.copyOf(luns);
      sessions = List.copyOf(sessions);
    }

    /** The live LUN with this number ({@code state:0}), or null. */
    public Lun lun(int number) {
      return luns.stream()
          .filter(l -> l.lun() == number && l.state() == 0)
          .findFirst()
          .orElse(null);
    }

    /** Initiators with a session, sorted and distinct. */
    public List<String> initiators() {
      return List.copyOf(new TreeSet<>(sessions.stream().map(Session::initiator).toList()));
    }
  }

  /**
   * A LUN line. {@code blocks} and {@code blockSize} are null on IET before 1.4.20.
   *
   * @param state 0 running, 1 deleted but still referenced
   */
  public record Lun(
      int lun,
      int state,
      String ioType,
      String ioMode,
      Long blocks,
      Integer blockSize,
      String path) {
    /** Size in bytes, or null when this IET version does not print it. */
    public Long sizeBytes() {
      return blocks == null || blockSize == null ? null : blocks * blockSize;
    }
  }

  /** A session with its connections. */
  public record Session(String sid, String initiator, List<Connection> connections) {
    public Session {
      connections = List.copyOf(connections);
    }
  }

  /** A connection of a session. */
  public record Connection(int cid, String ip, String state) {}

  /**
   * The target named {@code iqn} (the first in file order if two have that name), or null; looked
   * up, not searched: a planner asks it for every desired target of the node.
   */
  public Target byName(String iqn) {
    return byName.get(iqn);
  }

  /** Parses both proc files; throws {@link IllegalArgumentException} naming the bad line. */
  public static IetRuntime parse(String volume, String session) {
    Map<Integer, String> names = new LinkedHashMap<>();
    Map<Integer, List<Lun>> luns = new LinkedHashMap<>();
    Integer tid = null;
    for (String line : volume.split("\n")) {
      if (line.isEmpty()) continue;
      if (line.startsWith("tid:")) {
        tid = header(line, names);
        luns.put(tid, new ArrayList<>());
      } else if (line.startsWith("\tlun:") && tid != null) {
        luns.get(tid).add(lun(line));
      } else {
        throw new IllegalArgumentException("unexpected line in /proc/net/iet/volume: " + line);
      }
    }
    tid = null;
    Map<Integer, List<SessionBuilder>> built = new LinkedHashMap<>();
    SessionBuilder current = null;
    for (String line : session.split("\n")) {
      if (line.isEmpty()) continue;
      if (line.startsWith("tid:")) {
        tid = header(line, names);
        built.put(tid, new ArrayList<>());
        current = null;
      } else if (line.startsWith("\tsid:") && tid != null) {
        Map<String, String> f = fields(line.substring(1));
        current = new SessionBuilder(f.get("sid"), f.getOrDefault("initiator", ""));
        built.get(tid).add(current);
      } else if (line.startsWith("\t\tcid:") && current != null) {
        Map<String, String> f = fields(line.substring(2));
        current.connections.add(
            new Connection(Integer.parseInt(f.get("cid")), f.get("ip"), f.get("state")));
      } else {
        throw new IllegalArgumentException("unexpected line in /proc/net/iet/session: " + line);
      }
    }
    Map<Integer, Target> out = new LinkedHashMap<>();
    names.keySet().stream()
        .sorted(Comparator.naturalOrder())
        .forEach(
            t ->
                out.put(
                    t,
                    new Target(
                        t,
                        names.get(t),
                        luns.getOrDefault(t, List.of()),
                        built.getOrDefault(t, List.of()).stream()
                            .map(SessionBuilder::build)
                            .toList())));
    return new IetRuntime(out);
  }

  private static final class SessionBuilder {
    final String sid;
    final String initiator;
    final List<Connection> connections = new ArrayList<>();

    SessionBuilder(String sid, String initiator) {
      this.sid = sid;
      this.initiator = initiator;
    }

    Session build() {
      return new Session(sid, initiator, connections);
    }
  }

  private static int header(String line, Map<Integer, String> names) {
    int space = line.indexOf(" name:");
    if (space < 0) throw new IllegalArgumentException("bad target line: " + line);
    int tid = Integer.parseInt(line.substring(4, space));
    names.put(tid, line.substring(space + 6));
    return tid;
  }

  private static Lun lun(String line) {
    String body = line.substring(1);
    int p = body.indexOf(" path:");
    String path = p < 0 ? null : body.substring(p + 6);
    Map<String, String> f = fields(p < 0 ? body : body.substring(0, p));
    return new Lun(
        Integer.parseInt(f.get("lun")),
        Integer.parseInt(f.getOrDefault("state", "0"), 16),
        f.get("iotype"),
        f.get("iomode"),
        f.containsKey("blocks") ? Long.valueOf(f.get("blocks")) : null,
        f.containsKey("blocksize") ? Integer.valueOf(f.get("blocksize")) : null,
        path);
  }

  /** {@code key:value} words separated by single spaces. */
  private static Map<String, String> fields(String s) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String w : s.split(" ")) {
      int c = w.indexOf(':');
      if (c > 0) m.put(w.substring(0, c), w.substring(c + 1));
    }
    return m;
  }
}
