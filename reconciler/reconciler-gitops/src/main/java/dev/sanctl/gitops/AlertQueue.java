package dev.sanctl.gitops;

import dev.sanctl.spi.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Alerts not yet delivered, persisted in {@code <state-dir>/alert-queue.json} (atomic writes), so
 * an unreachable relay or a restart loses nothing. A failed delivery is retried with exponential
 * backoff: 30 s after the first failure, doubling, at most one hour apart. Alerts go out in the
 * order they were queued.
 */
public final class AlertQueue {
  public static final String FILE = "alert-queue.json";
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(30);
  static final Duration MAX_BACKOFF = Duration.ofHours(1);

  private final Path file;
  private final List<Alert> alerts = new ArrayList<>();

  private AlertQueue(Path file) {
    this.file = file;
  }

  /** The queue of {@code stateDir} as it was saved. */
  public static AlertQueue load(Path stateDir) {
    AlertQueue q = new AlertQueue(stateDir.resolve(FILE));
    StateFiles.read(q.file).ifPresent(n -> n.path("alerts").forEach(a -> q.alerts.add(alert(a))));
    return q;
  }

  private static Alert alert(JsonNode a) {
    String next = StateFiles.text(a, "nextAttempt");
    return new Alert(
        StateFiles.text(a, "id"),
        StateFiles.text(a, "kind"),
        StateFiles.text(a, "subject"),
        StateFiles.text(a, "text"),
        StateFiles.text(a, "html"),
        Instant.parse(StateFiles.text(a, "created")),
        a.path("attempts").asInt(),
        Instant.parse(next),
        StateFiles.text(a, "lastError"));
  }

  /** Adds an alert and saves the queue. */
  public void add(Alert a) {
    alerts.add(a);
    save();
  }

  /** The alerts waiting, oldest first. */
  public List<Alert> pending() {
    return List.copyOf(alerts);
  }

  /** The delay before retrying after {@code attempts} failed attempts. */
  static Duration backoff(int attempts) {
    Duration d = FIRST_BACKOFF;
    for (int i = 1; i < attempts && d.compareTo(MAX_BACKOFF) < 0; i++) d = d.multipliedBy(2);
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }

  /**
   * Delivers the alerts in queue order while they are due at {@code now}; at the first failure the
   * head of the queue is rescheduled with backoff and delivery stops (the relay is down for the
   * rest too, and alerts keep their order). Returns the number delivered.
   */
  public int deliver(AlertSender sender, Instant now) {
    int delivered = 0;
    while (!alerts.isEmpty()) {
      Alert head = alerts.get(0);
      if (head.nextAttempt().isAfter(now)) break;
      try {
        sender.send(head);
        alerts.remove(0);
        delivered++;
        save();
      } catch (AlertSender.AlertException e) {
        alerts.set(0, head.failed(e.getMessage(), now.plus(backoff(head.attempts() + 1))));
        save();
        break;
      }
    }
    return delivered;
  }

  /** When the next delivery attempt is due, or null when the queue is empty. */
  public Instant nextAttempt() {
    return alerts.isEmpty() ? null : alerts.get(0).nextAttempt();
  }

  private void save() {
    List<Object> out = new ArrayList<>();
    for (Alert a : alerts) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", a.id());
      m.put("kind", a.kind());
      m.put("subject", a.subject());
      m.put("text", a.text());
      m.put("html", a.html());
      m.put("created", a.created().toString());
      m.put("attempts", a.attempts());
      m.put("nextAttempt", a.nextAttempt().toString());
      m.put("lastError", a.lastError());
      out.add(m);
    }
    StateFiles.writeAtomically(file, Json.write(Map.of("alerts", out)));
  }
}
