package dev.sanctl.gitops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The suspend marker of {@code sanctl watch} ({@code sanctl watch suspend|resume}, like {@code flux
 * suspend}): {@code <state-dir>/suspended.json}. While it exists the daemon applies nothing — new
 * commits wait (they are applied in order after the resume) and drift is detected and reported but
 * never repaired — and {@code sanctl status} says so. Read at every step, so it takes effect on a
 * running daemon without a restart.
 *
 * @param since when it was suspended
 * @param by the account that suspended it
 * @param reason why (free text, may be empty)
 */
public record WatchSuspension(Instant since, String by, String reason) {
  static final String FILE = "suspended.json";

  /** The marker in {@code stateDir}, empty when the daemon is not suspended. */
  public static Optional<WatchSuspension> read(Path stateDir) {
    return StateFiles.read(stateDir.resolve(FILE))
        .map(
            n ->
                new WatchSuspension(
                    Instant.parse(text(n, "since")), text(n, "by"), text(n, "reason")));
  }

  /** Writes the marker (replacing an earlier one). */
  public void write(Path stateDir) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("since", since.toString());
    m.put("by", by);
    m.put("reason", reason);
    StateFiles.writeAtomically(
        stateDir.resolve(FILE), StateFiles.MAPPER.writeValueAsString(m) + "\n");
  }

  /** Removes the marker; false when the daemon was not suspended. */
  public static boolean resume(Path stateDir) {
    try {
      return Files.deleteIfExists(stateDir.resolve(FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + stateDir.resolve(FILE), e);
    }
  }

  /** {@code since 2026-01-02T03:04:05Z by alice: reason}. */
  public String describe() {
    return "since "
        + since
        + (by == null || by.isEmpty() ? "" : " by " + by)
        + (reason == null || reason.isEmpty() ? "" : ": " + reason);
  }

  private static String text(JsonNode n, String field) {
    String s = StateFiles.text(n, field);
    return s == null ? "" : s;
  }
}
