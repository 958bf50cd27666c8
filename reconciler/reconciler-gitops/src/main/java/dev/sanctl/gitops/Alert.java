package dev.sanctl.gitops;

import java.time.Instant;

/**
 * One e-mail alert waiting in the {@link AlertQueue}: subject, plain text and HTML bodies (already
 * free of secrets), and its delivery attempts.
 *
 * @param id unique within the queue
 * @param kind {@code drift}, {@code resolved}, {@code failed}, {@code refused} or {@code invalid}
 * @param attempts failed delivery attempts so far
 * @param nextAttempt not delivered before this time (backoff after failures)
 * @param lastError why the last attempt failed, or null
 */
public record Alert(
    String id,
    String kind,
    String subject,
    String text,
    String html,
    Instant created,
    int attempts,
    Instant nextAttempt,
    String lastError) {

  /** A new alert, due now. */
  public static Alert of(String kind, String subject, String text, String html, Instant now) {
    String id = now.toEpochMilli() + "-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
    return new Alert(id, kind, subject, text, html, now, 0, now, null);
  }

  Alert failed(String error, Instant next) {
    return new Alert(id, kind, subject, text, html, created, attempts + 1, next, error);
  }
}
