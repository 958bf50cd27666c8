package dev.sanctl.sim;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The simulator's persistence format: one record per line, fields separated by one space, each
 * field percent-encoded (so any string survives). Human-readable enough to debug a simulated
 * cluster with {@code cat}. Writes are atomic (temporary file, then rename).
 */
public final class StateFile {
  private StateFile() {}

  /** Reads all records, or none when the file does not exist. */
  public static List<List<String>> read(Path file) throws IOException {
    List<List<String>> records = new ArrayList<>();
    if (!Files.exists(file)) return records;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isEmpty()) continue;
      records.add(
          Arrays.stream(line.split(" ", -1))
              .map(f -> URLDecoder.decode(f, StandardCharsets.UTF_8))
              .toList());
    }
    return records;
  }

  /** Replaces the file with {@code records}. */
  public static void write(Path file, List<List<String>> records) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (List<String> r : records) {
      for (int i = 0; i < r.size(); i++) {
        if (i > 0) sb.append(' ');
        sb.append(URLEncoder.encode(r.get(i), StandardCharsets.UTF_8));
      }
      sb.append('\n');
    }
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(tmp, sb, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** A record: {@code kind} followed by the fields' string forms. */
  public static List<String> record(String kind, Object... fields) {
    List<String> r = new ArrayList<>(fields.length + 1);
    r.add(kind);
    for (Object f : fields) r.add(f == null ? "" : f.toString());
    return r;
  }
}
