package dev.sanctl.sim;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's persistence format: one record per line, fields separated by one space, each
 * field percent-encoded (so any string survives). Human-readable enough to debug a simulated
 * cluster with {@code cat}. Writes are atomic (temporary file, then rename).
 *
 * <p>Every file is parsed once while it stays the same: the records of the last read or write are
 * kept ({@link StateFileCache}, by path, with the file's size, modification time and inode), so a
 * command that only reads state costs no parsing after the first; and a write of records equal to
 * what the unchanged file holds is skipped, so a command that changed nothing leaves every state
 * file's bytes and modification time as they were.
 */
public final class StateFile {
  private StateFile() {}

  /**
   * Reads all records (unmodifiable), or none when the file does not exist. Parsed again only when
   * the file changed since this process last read or wrote it.
   */
  public static List<List<String>> read(Path file) throws IOException {
    StateFileCache.Stamp stamp = StateFileCache.stamp(file);
    if (stamp == null) return List.of();
    List<List<String>> cached = StateFileCache.records(file, stamp);
    if (cached != null) return cached;
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    }
    List<List<String>> records = new ArrayList<>(lines.size());
    for (String line : lines) {
      if (line.isEmpty()) continue;
      records.add(decodeLine(line));
    }
    List<List<String>> frozen = List.copyOf(records);
    StateFileCache.put(file, stamp, frozen);
    return frozen;
  }

  /**
   * Replaces the file with {@code records}; does nothing when there is nothing to write (the file
   * is absent, as when nothing was ever recorded, and {@code records} is empty) or when the file
   * exists unchanged since this process last read or wrote it and already holds exactly these
   * records.
   */
  public static void write(Path file, List<List<String>> records) throws IOException {
    StateFileCache.Stamp current = StateFileCache.stamp(file);
    if (current == null && records.isEmpty()) return;
    if (current != null) {
      List<List<String>> cached = StateFileCache.records(file, current);
      if (cached != null && cached.equals(records)) return;
    }
    StringBuilder sb = new StringBuilder(Math.max(16, records.size() * 64));
    appendLines(records, sb);
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(tmp, sb, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    StateFileCache.Stamp written = StateFileCache.stamp(file);
    if (written != null) StateFileCache.put(file, written, freeze(records));
  }

  /** Appends {@code records} to {@code sb} as lines of this format. */
  public static void appendLines(List<List<String>> records, StringBuilder sb) {
    for (List<String> r : records) {
      for (int i = 0; i < r.size(); i++) {
        if (i > 0) sb.append(' ');
        encode(r.get(i), sb);
      }
      sb.append('\n');
    }
  }

  /** A record: {@code kind} followed by the fields' string forms. */
  public static List<String> record(String kind, Object... fields) {
    List<String> r = new ArrayList<>(fields.length + 1);
    r.add(kind);
    for (Object f : fields) r.add(f == null ? "" : f.toString());
    return r;
  }

  private static List<List<String>> freeze(List<List<String>> records) {
    List<List<String>> out = new ArrayList<>(records.size());
    for (List<String> r : records) {
      out.add(r.stream().map(f -> f == null ? "" : f).toList());
    }
    return List.copyOf(out);
  }

  private static List<String> decodeLine(String line) {
    List<String> fields = new ArrayList<>(8);
    int start = 0;
    while (true) {
      int sp = line.indexOf(' ', start);
      String f = sp < 0 ? line.substring(start) : line.substring(start, sp);
      fields.add(decode(f));
      if (sp < 0) break;
      start = sp + 1;
    }
    return List.copyOf(fields);
  }

  /** {@link URLDecoder} semantics; a field without {@code %} or {@code +} is itself. */
  static String decode(String field) {
    if (field.indexOf('%') < 0 && field.indexOf('+') < 0) return field;
    return URLDecoder.decode(field, StandardCharsets.UTF_8);
  }

  /** {@link URLEncoder} semantics; a field of unreserved characters only is copied as it is. */
  static void encode(String field, StringBuilder out) {
    for (int i = 0; i < field.length(); i++) {
      if (!unreserved(field.charAt(i))) {
        out.append(URLEncoder.encode(field, StandardCharsets.UTF_8));
        return;
      }
    }
    out.append(field);
  }

  private static boolean unreserved(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '-'
        || c == '*'
        || c == '_';
  }
}
