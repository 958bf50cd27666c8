package dev.sanctl.core.apply;

import dev.sanctl.spi.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Small records in the state directory that {@code sanctl status} reads: {@code last-apply.json}
 * and {@code last-drift.json}. Written atomically (temp file and rename).
 */
public final class StateFile {
  public static final String LAST_APPLY = "last-apply.json";
  public static final String LAST_DRIFT = "last-drift.json";
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private StateFile() {}

  /** Writes {@code values} (strings and numbers) to {@code name} in the state directory. */
  public static void write(Path stateDir, String name, Map<String, Object> values) {
    try {
      StateDirectory.ensure(stateDir);
      Path tmp = stateDir.resolve(name + ".tmp");
      Files.writeString(tmp, Json.write(new TreeMap<>(values)), StandardCharsets.UTF_8);
      Files.move(
          tmp,
          stateDir.resolve(name),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + stateDir.resolve(name), e);
    }
  }

  /** A state record that exists but cannot be read: says where and how to recover. */
  public static final class UnreadableException extends IllegalStateException {
    UnreadableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Reads a state record as strings, empty when it was never written.
   *
   * @throws UnreadableException when the file exists but is not a JSON object (with {@code
   *     file:line:column} and how to recover), never "never written"
   */
  public static Optional<Map<String, String>> read(Path stateDir, String name) {
    Path f = stateDir.resolve(name);
    if (!Files.exists(f)) return Optional.empty();
    JsonNode n;
    try {
      n = MAPPER.readTree(Files.readString(f, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw unreadable(f, "cannot be read (" + e.getMessage() + ")", e);
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      String where = at == null ? f.toString() : f + ":" + at.getLineNr() + ":" + at.getColumnNr();
      throw unreadable(f, where + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
    if (n == null || !n.isObject()) throw unreadable(f, f + ": not a JSON object", null);
    Map<String, String> m = new LinkedHashMap<>();
    n.properties()
        .forEach(e -> m.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asString()));
    return Optional.of(m);
  }

  private static UnreadableException unreadable(Path f, String what, Throwable cause) {
    return new UnreadableException(
        what
            + "; it only records the last result for sanctl status: move it away (mv "
            + f
            + " "
            + f
            + ".damaged), the next run writes a new one",
        cause);
  }
}
