package dev.sanctl.core.apply;

import dev.sanctl.core.plan.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The apply journal: one JSON object per line in {@code <state-dir>/journal.jsonl}, written and
 * flushed to disk before and after every command, so an interrupted apply can be told apart from a
 * finished one. Commands are journalled with secrets masked and without their standard input.
 *
 * <p>Events: {@code apply-start}, {@code change-start}, {@code command-start}, {@code command-end},
 * {@code change-end} ({@code status} applied, failed or skipped) and {@code apply-end}.
 */
public final class Journal {
  public static final String FILE = "journal.jsonl";
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final Path file;
  private final Clock clock;
  private String run;

  public Journal(Path stateDir, Clock clock) {
    this.file = stateDir.resolve(FILE);
    this.clock = clock;
  }

  public Path file() {
    return file;
  }

  /** Starts a run; returns its id. */
  public synchronized String start(String revision, int changes) {
    run = clock.instant().toString();
    write("apply-start", "revision", revision, "changes", changes);
    return run;
  }

  public void changeStart(String address) {
    write("change-start", "address", address);
  }

  public void commandStart(String address, int index, String command) {
    write("command-start", "address", address, "index", index, "command", command);
  }

  public void commandEnd(String address, int index, int exit) {
    write("command-end", "address", address, "index", index, "exit", exit);
  }

  public void changeEnd(String address, String status, String message) {
    write("change-end", "address", address, "status", status, "message", message);
  }

  public void end(String status) {
    write("apply-end", "status", status);
  }

  /** Writes an event with key-value pairs; null values are left out. */
  private void write(String name, Object... keyValues) {
    Map<String, Object> e = event(name);
    for (int i = 0; i < keyValues.length; i += 2) {
      if (keyValues[i + 1] != null) e.put((String) keyValues[i], keyValues[i + 1]);
    }
    write(e);
  }

  private Map<String, Object> event(String name) {
    Map<String, Object> e = new TreeMap<>();
    e.put("event", name);
    e.put("run", run);
    e.put("time", clock.instant().toString());
    return e;
  }

  private synchronized void write(Map<String, Object> e) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(
          file,
          (Json.writeLine(e) + "\n").getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.DSYNC);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write the apply journal " + file, ex);
    }
  }

  /**
   * The last run when it did not finish cleanly: the changes that were started but not applied,
   * with the last command journalled for each.
   *
   * @param status {@code interrupted} (no apply-end) or the failed apply-end status
   * @param unfinished address to the last command started (null when none was)
   */
  public record Unfinished(String run, String status, Map<String, String> unfinished) {}

  /** Reads the journal and reports the last run if it did not end with status {@code ok}. */
  public static java.util.Optional<Unfinished> lastUnfinished(Path stateDir) {
    Path f = stateDir.resolve(FILE);
    if (!Files.exists(f)) return java.util.Optional.empty();
    List<JsonNode> lastRun = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        if (line.isBlank()) continue;
        JsonNode n;
        try {
          n = MAPPER.readTree(line);
        } catch (RuntimeException torn) {
          continue; // a line torn by a crash
        }
        if ("apply-start".equals(n.path("event").asString())) lastRun.clear();
        lastRun.add(n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the apply journal " + f, e);
    }
    if (lastRun.isEmpty()) return java.util.Optional.empty();
    String status = "interrupted";
    Map<String, String> open = new LinkedHashMap<>();
    for (JsonNode n : lastRun) {
      String address = n.path("address").asString();
      switch (n.path("event").asString()) {
        case "change-start" -> open.put(address, null);
        case "command-start" -> open.put(address, n.path("command").asString());
        case "change-end" -> {
          if ("applied".equals(n.path("status").asString())) open.remove(address);
        }
        case "apply-end" -> status = n.path("status").asString();
        default -> {}
      }
    }
    if ("ok".equals(status)) return java.util.Optional.empty();
    return java.util.Optional.of(
        new Unfinished(lastRun.get(0).path("run").asString(), status, open));
  }
}
