package dev.sanctl.cli.backup;

import dev.sanctl.backup.JobResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The job log in the state directory: {@code backup.log} (one line per job run, appended) and
 * {@code backup.last} (the last line of each job, shown by {@code status}).
 */
public final class JobLog {
  public static final String LOG = "backup.log";
  public static final String LAST = "backup.last";

  private JobLog() {}

  static void record(Path stateDir, Instant when, List<JobResult> results) throws IOException {
    Files.createDirectories(stateDir);
    Map<String, String> last = new TreeMap<>();
    for (String line : lastLines(stateDir)) {
      int sp = line.indexOf(' ', line.indexOf(' ') + 1);
      String job = line.substring(line.indexOf(' ') + 1, sp < 0 ? line.length() : sp);
      last.put(job, line);
    }
    StringBuilder log = new StringBuilder();
    for (JobResult r : results) {
      String line = when + " " + r.line();
      log.append(line).append('\n');
      last.put(r.job(), line);
    }
    Files.writeString(stateDir.resolve(LOG), log, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    Files.write(stateDir.resolve(LAST), last.values(), StandardCharsets.UTF_8);
  }

  /** The last line of each job, by job name; empty when no backup ran. */
  public static List<String> lastLines(Path stateDir) throws IOException {
    Path f = stateDir.resolve(LAST);
    return Files.exists(f) ? Files.readAllLines(f, StandardCharsets.UTF_8) : new ArrayList<>();
  }
}
