package dev.sanctl.gitops;

import dev.sanctl.spi.json.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What the daemon remembers between runs, in {@code <state-dir>/watch-state.json} (written
 * atomically after every step): the last commit seen and the last applied, the last drift check and
 * the fingerprint of the drift already reported, changes waiting for a human, and recent results.
 * Restarting the daemon resumes from here.
 */
public final class WatchState {
  public static final String FILE = "watch-state.json";
  static final int MAX_RESULTS = 50;

  /** One outcome of the daemon, newest last. */
  public record Result(Instant time, String revision, Outcome outcome, String message) {}

  /** What happened to a commit or a drift check. */
  public enum Outcome {
    APPLIED,
    NO_CHANGES,
    INVALID,
    PENDING,
    FAILED,
    DRIFT,
    REPAIRED,
    CLEAN,
    /** A node could not be observed: the commit is not applied everywhere, or drift is unknown. */
    INCOMPLETE,
    /** New commits wait: the daemon is suspended ({@link WatchSuspension}). */
    SUSPENDED,
    ERROR;

    String key() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static Outcome of(String key) {
      return valueOf(key.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
  }

  /** A commit whose changes the policy does not let the daemon apply: waits for {@code apply}. */
  public record Pending(String revision, Instant time, List<String> reasons) {
    public Pending {
      reasons = List.copyOf(reasons);
    }
  }

  private final Path file;
  private String lastSeen;
  private String lastApplied;
  private Instant lastAppliedAt;
  private String policyRevision;
  private Instant lastDriftCheck;
  private String driftStatus;
  private String driftFingerprint;
  private Pending pending;
  private final List<Result> results = new ArrayList<>();

  private WatchState(Path file) {
    this.file = file;
  }

  /** The state of {@code stateDir}; empty (a first run) when the file does not exist. */
  public static WatchState load(Path stateDir) {
    WatchState s = new WatchState(stateDir.resolve(FILE));
    StateFiles.read(s.file).ifPresent(s::fill);
    return s;
  }

  /** The saved state, or empty when the daemon never ran with this state directory. */
  public static Optional<WatchState> read(Path stateDir) {
    if (!java.nio.file.Files.exists(stateDir.resolve(FILE))) return Optional.empty();
    return Optional.of(load(stateDir));
  }

  private void fill(JsonNode n) {
    lastSeen = StateFiles.text(n, "lastSeen");
    lastApplied = StateFiles.text(n, "lastApplied");
    lastAppliedAt = instant(StateFiles.text(n, "lastAppliedAt"));
    policyRevision = StateFiles.text(n, "policyRevision");
    lastDriftCheck = instant(StateFiles.text(n, "lastDriftCheck"));
    driftStatus = StateFiles.text(n, "driftStatus");
    driftFingerprint = StateFiles.text(n, "driftFingerprint");
    JsonNode p = n.get("pending");
    if (p != null && !p.isNull()) {
      List<String> reasons = new ArrayList<>();
      p.path("reasons").forEach(r -> reasons.add(r.asString()));
      pending =
          new Pending(StateFiles.text(p, "revision"), instant(StateFiles.text(p, "time")), reasons);
    }
    for (JsonNode r : n.path("results")) {
      results.add(
          new Result(
              instant(StateFiles.text(r, "time")),
              StateFiles.text(r, "revision"),
              Outcome.of(StateFiles.text(r, "outcome")),
              StateFiles.text(r, "message")));
    }
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }

  /** Writes the state atomically. */
  public void save() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lastSeen", lastSeen);
    m.put("lastApplied", lastApplied);
    m.put("lastAppliedAt", str(lastAppliedAt));
    m.put("policyRevision", policyRevision);
    m.put("lastDriftCheck", str(lastDriftCheck));
    m.put("driftStatus", driftStatus);
    m.put("driftFingerprint", driftFingerprint);
    if (pending != null) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("revision", pending.revision());
      p.put("time", str(pending.time()));
      p.put("reasons", pending.reasons());
      m.put("pending", p);
    } else {
      m.put("pending", null);
    }
    List<Object> rs = new ArrayList<>();
    for (Result r : results) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("time", str(r.time()));
      x.put("revision", r.revision());
      x.put("outcome", r.outcome().key());
      x.put("message", r.message());
      rs.add(x);
    }
    m.put("results", rs);
    StateFiles.writeAtomically(file, Json.write(m));
  }

  private static String str(Instant i) {
    return i == null ? null : i.toString();
  }

  public String lastSeen() {
    return lastSeen;
  }

  public void lastSeen(String commit) {
    lastSeen = commit;
  }

  public String lastApplied() {
    return lastApplied;
  }

  public Instant lastAppliedAt() {
    return lastAppliedAt;
  }

  /** Records a converged apply of {@code commit}; a pending older commit is superseded. */
  public void applied(String commit, Instant at) {
    lastApplied = commit;
    lastAppliedAt = at;
    policyRevision = commit;
    pending = null;
  }

  /**
   * The revision whose {@code policy} guards the next commits: the last applied one, or a later one
   * whose policy a human accepted ({@code sanctl watch --accept-policy}); null before either.
   */
  public String policyRevision() {
    return policyRevision != null ? policyRevision : lastApplied;
  }

  /** A human accepted the policy of {@code revision}. */
  public void policyAccepted(String revision) {
    policyRevision = revision;
  }

  public Instant lastDriftCheck() {
    return lastDriftCheck;
  }

  /** {@code clean}, {@code drift} or {@code error}; null before the first check. */
  public String driftStatus() {
    return driftStatus;
  }

  /** The fingerprint of the drift last reported by mail; null when there is none. */
  public String driftFingerprint() {
    return driftFingerprint;
  }

  public void driftChecked(Instant at, String status, String fingerprint) {
    lastDriftCheck = at;
    driftStatus = status;
    driftFingerprint = fingerprint;
  }

  public Pending pending() {
    return pending;
  }

  public void pending(Pending p) {
    pending = p;
  }

  /** Recent results, oldest first (at most {@value #MAX_RESULTS}). */
  public List<Result> results() {
    return List.copyOf(results);
  }

  public void record(Result r) {
    results.add(r);
    while (results.size() > MAX_RESULTS) results.remove(0);
  }
}
