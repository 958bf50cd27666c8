package dev.sanctl.backup;

import dev.sanctl.spi.json.Json;
import java.util.List;
import java.util.Locale;

/**
 * What one backup job did.
 *
 * @param job the job name (its source {@code vg/lv})
 * @param snapshot the archive snapshot taken (after {@code @}), null when the job failed
 * @param mapState the map state the copy was based on ({@code DIRTY}/{@code UNKNOWN}: full read;
 *     {@code NONE} when the volume has no change map; null when the job was refused)
 * @param finalState the map state after the job
 * @param error null on success, else why the job failed or was refused
 * @param refused the job did not start because another run holds the volume's lock ({@link
 *     VolumeLock}); nothing was changed
 */
public record JobResult(
    String job,
    String source,
    String archiveVolume,
    String snapshot,
    String mapState,
    String finalState,
    long sourceBytes,
    long segmentsRead,
    long segmentsChanged,
    long bytesRead,
    long bytesWritten,
    boolean grown,
    double seconds,
    String error,
    boolean refused) {

  /** A finished or failed job (not refused). */
  public JobResult(
      String job,
      String source,
      String archiveVolume,
      String snapshot,
      String mapState,
      String finalState,
      long sourceBytes,
      long segmentsRead,
      long segmentsChanged,
      long bytesRead,
      long bytesWritten,
      boolean grown,
      double seconds,
      String error) {
    this(
        job,
        source,
        archiveVolume,
        snapshot,
        mapState,
        finalState,
        sourceBytes,
        segmentsRead,
        segmentsChanged,
        bytesRead,
        bytesWritten,
        grown,
        seconds,
        error,
        false);
  }

  /** A job that did not start because another run holds its volume's lock ({@code why}). */
  public static JobResult refused(String job, String archiveVolume, String why) {
    return new JobResult(
        job, job, archiveVolume, null, null, null, 0, 0, 0, 0, 0, false, 0, why, true);
  }

  public boolean ok() {
    return error == null;
  }

  /** One line for the job log and {@code status}. */
  public String line() {
    if (refused) return job + " -> " + archiveVolume + ": SKIPPED: " + error;
    if (!ok()) {
      return String.format(
          Locale.ROOT,
          "%s -> %s: FAILED after %.1fs: read %d bytes, wrote %d bytes, map %s -> %s: %s",
          job,
          archiveVolume,
          seconds,
          bytesRead,
          bytesWritten,
          mapState,
          finalState,
          error);
    }
    return String.format(
        Locale.ROOT,
        "%s -> %s@%s: read %d bytes (%d segments), %d segments changed, wrote %d bytes%s,"
            + " %.1fs, map %s -> %s",
        job,
        archiveVolume,
        snapshot,
        bytesRead,
        segmentsRead,
        segmentsChanged,
        bytesWritten,
        grown ? ", archive volume grown" : "",
        seconds,
        mapState,
        finalState);
  }

  /** The {@code --json} object. */
  public String toJson() {
    return String.format(
        Locale.ROOT,
        "{\"job\":%s,\"source\":%s,\"archiveVolume\":%s,\"snapshot\":%s,\"mapState\":%s,"
            + "\"segmentsRead\":%d,\"segmentsChanged\":%d,\"bytesRead\":%d,\"bytesWritten\":%d,"
            + "\"seconds\":%.3f,\"ok\":%b,\"refused\":%b,\"error\":%s}",
        Json.quote(job),
        Json.quote(source),
        Json.quote(archiveVolume),
        Json.quote(snapshot),
        Json.quote(mapState),
        segmentsRead,
        segmentsChanged,
        bytesRead,
        bytesWritten,
        seconds,
        ok(),
        refused,
        Json.quote(error));
  }

  /** A JSON array of results, one object per line. */
  public static String toJson(List<JobResult> results) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < results.size(); i++) {
      sb.append(i == 0 ? "\n  " : ",\n  ").append(results.get(i).toJson());
    }
    return sb.append(results.isEmpty() ? "]" : "\n]").toString();
  }
}
