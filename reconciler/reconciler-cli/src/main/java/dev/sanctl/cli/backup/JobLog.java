package dev.sanctl.cli.backup;

import dev.sanctl.backup.JobResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
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
 * The job log in the state directory: {@code backup.log} (one line per job run, appended: time,
 * job, archive snapshot, bytes read and written, duration, map state before and after, or why it
 * failed or was skipped) and {@code backup.last} (the last line of each job that ran, shown by
 * {@code status}; a job skipped because another run held its volume keeps its previous line).
 * Concurrent runs serialize their updates with a file lock on {@code backup.log}.
 */
public final class JobLog {
  public static final String LOG = "backup.log";
  public static final String LAST = "backup.last";

  private JobLog() {}

  static void record(Path stateDir, Instant when, List<JobResult> results) throws IOException {
    dev.sanctl.core.apply.StateDirectory.ensure(stateDir);
    try (FileChannel log =
            FileChannel.open(
                stateDir.resolve(LOG),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        FileLock ignored = log.lock()) {
      update(stateDir, when, results, log);
    }
  }

  private static void update(
      Path stateDir, Instant when, List<JobResult> results, FileChannel logFile)
      throws IOException {
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
      if (!r.refused()) last.put(r.job(), line);
    }
    ByteBuffer bytes = ByteBuffer.wrap(log.toString().getBytes(StandardCharsets.UTF_8));
    while (bytes.hasRemaining()) logFile.write(bytes);
    Files.write(stateDir.resolve(LAST), last.values(), StandardCharsets.UTF_8);
  }

  /** The last line of each job, by job name; empty when no backup ran. */
  public static List<String> lastLines(Path stateDir) throws IOException {
    Path f = stateDir.resolve(LAST);
    return Files.exists(f) ? Files.readAllLines(f, StandardCharsets.UTF_8) : new ArrayList<>();
  }
}
