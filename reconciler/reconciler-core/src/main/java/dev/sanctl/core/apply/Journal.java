package dev.sanctl.core.apply;

import dev.sanctl.spi.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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
 * The apply journal: one JSON object per line in {@code <state-dir>/journal.jsonl}, appended as
 * things happen and flushed to disk (fdatasync of the whole file: every event before it too) when a
 * command is about to run and when the apply ends, so everything that happened before a command is
 * on disk before the command runs and an interrupted apply can be told apart from a finished one.
 * An event lost by a crash between two flushes only makes a change look unfinished (it is planned
 * again), never finished. Commands are journalled with secrets masked and without their standard
 * input.
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
  private boolean tornChecked;

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
    writeFlushed("command-start", "address", address, "index", index, "command", command);
  }

  public void commandEnd(String address, int index, int exit) {
    write("command-end", "address", address, "index", index, "exit", exit);
  }

  public void changeEnd(String address, String status, String message) {
    write("change-end", "address", address, "status", status, "message", message);
  }

  public void end(String status) {
    writeFlushed("apply-end", "status", status);
  }

  /** Writes an event with key-value pairs; null values are left out. */
  private void write(String name, Object... keyValues) {
    write(event(name, keyValues), false);
  }

  /** Writes an event and flushes the journal (with every event before it) to disk. */
  private void writeFlushed(String name, Object... keyValues) {
    write(event(name, keyValues), true);
  }

  private Map<String, Object> event(String name, Object... keyValues) {
    Map<String, Object> e = event(name);
    for (int i = 0; i < keyValues.length; i += 2) {
      if (keyValues[i + 1] != null) e.put((String) keyValues[i], keyValues[i + 1]);
    }
    return e;
  }

  private Map<String, Object> event(String name) {
    Map<String, Object> e = new TreeMap<>();
    e.put("event", name);
    e.put("run", run);
    e.put("time", clock.instant().toString());
    return e;
  }

  private synchronized void write(Map<String, Object> e, boolean flush) {
    try {
      if (!tornChecked) StateDirectory.ensure(file.getParent());
      // never glue an event to a line torn by a crash (only the file as found can end torn)
      String separator = !tornChecked && endsTorn(file) ? "\n" : "";
      tornChecked = true;
      ByteBuffer bytes =
          ByteBuffer.wrap((separator + Json.writeLine(e) + "\n").getBytes(StandardCharsets.UTF_8));
      try (java.nio.channels.FileChannel ch =
          java.nio.channels.FileChannel.open(
              file,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND)) {
        while (bytes.hasRemaining()) ch.write(bytes);
        if (flush) ch.force(false);
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write the apply journal " + file, ex);
    }
  }

  /** True when the file exists and its last byte is not a newline (a line torn by a crash). */
  private static boolean endsTorn(Path f) throws IOException {
    if (!Files.exists(f)) return false;
    try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(f.toFile(), "r")) {
      if (raf.length() == 0) return false;
      raf.seek(raf.length() - 1);
      return raf.read() != '\n';
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

  /**
   * A line of the journal that is not an event (invalid UTF-8, not JSON, not an object with an
   * {@code event}), e.g. a line torn by a crash or damaged by hand. It is skipped when reading.
   *
   * @param line 1-based line number
   */
  public record Damage(Path file, int line, String what) {
    /** {@code file:line: what; skipped}, and how to recover. */
    public String message() {
      return file
          + ":"
          + line
          + ": "
          + what
          + "; the line is skipped. A line torn by a crash is harmless; to start a fresh journal,"
          + " move the file away (mv "
          + file
          + " "
          + file
          + ".damaged): the next apply re-plans from live state.";
    }
  }

  /** The damaged lines of the journal, in file order; empty when there is no journal. */
  public static List<Damage> damage(Path stateDir) {
    List<Damage> out = new ArrayList<>();
    events(stateDir.resolve(FILE), out);
    return out;
  }

  /** The events of the journal; damaged lines are added to {@code damage} and skipped. */
  private static List<JsonNode> events(Path f, List<Damage> damage) {
    List<JsonNode> events = new ArrayList<>();
    if (!Files.exists(f)) return events;
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(f);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the apply journal " + f, e);
    }
    int start = 0;
    int number = 0;
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') end++;
      number++;
      String line;
      try {
        line =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, start, end - start))
                .toString();
      } catch (CharacterCodingException e) {
        damage.add(new Damage(f, number, "not UTF-8 text"));
        start = end + 1;
        continue;
      }
      start = end + 1;
      if (line.isBlank()) continue;
      JsonNode n;
      try {
        n = MAPPER.readTree(line);
      } catch (RuntimeException e) {
        damage.add(new Damage(f, number, "not a JSON event (" + firstLine(e.getMessage()) + ")"));
        continue;
      }
      if (n == null || !n.isObject() || !n.path("event").isString()) {
        damage.add(new Damage(f, number, "not a journal event (no \"event\")"));
        continue;
      }
      String notText = notText(n);
      if (notText != null) {
        damage.add(new Damage(f, number, "field \"" + notText + "\" is not a string"));
        continue;
      }
      events.add(n);
    }
    return events;
  }

  /** The first field read as text that holds an object or array, or null when none does. */
  private static String notText(JsonNode n) {
    for (String field : List.of("run", "address", "command", "status")) {
      JsonNode v = n.get(field);
      if (v != null && v.isContainer()) return field;
    }
    return null;
  }

  private static String firstLine(String s) {
    return s == null ? "?" : s.lines().findFirst().orElse("?");
  }

  /**
   * Reads the journal and reports the last run if it did not end with status {@code ok}. Damaged
   * lines are skipped (see {@link #damage}).
   */
  public static java.util.Optional<Unfinished> lastUnfinished(Path stateDir) {
    List<JsonNode> lastRun = new ArrayList<>();
    for (JsonNode n : events(stateDir.resolve(FILE), new ArrayList<>())) {
      if ("apply-start".equals(n.path("event").asString())) lastRun.clear();
      lastRun.add(n);
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
