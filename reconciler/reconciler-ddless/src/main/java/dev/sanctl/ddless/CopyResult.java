package dev.sanctl.ddless;

/**
 * What a run did.
 *
 * @param sourceBytes size of the source
 * @param segments segments of the source
 * @param segmentsRead segments actually read (all without a map, the marked ones with one)
 * @param segmentsChanged segments whose checksum differed (and were written, when copying)
 * @param bytesWritten bytes written to the target
 * @param newChecksumFile whether the run had no usable checksum file and computed every checksum
 * @param seconds wall-clock duration of the copy, from opening the source to committing the
 *     checksum file (the hashing kernel's warm-up, {@link HashWarmUp}, ends before it)
 * @param mbPerSecond source bytes processed per second, in MiB/s (as the original reports)
 */
public record CopyResult(
    long sourceBytes,
    long segments,
    long segmentsRead,
    long segmentsChanged,
    long bytesWritten,
    boolean newChecksumFile,
    double seconds,
    double mbPerSecond) {

  /**
   * The result of a run over a source of {@code sourceBytes} bytes that took {@code seconds}: its
   * segment count and rate follow from those.
   */
  public static CopyResult of(
      long sourceBytes,
      long segmentsRead,
      long segmentsChanged,
      long bytesWritten,
      boolean newChecksumFile,
      double seconds) {
    return new CopyResult(
        sourceBytes,
        Segments.count(sourceBytes),
        segmentsRead,
        segmentsChanged,
        bytesWritten,
        newChecksumFile,
        seconds,
        seconds > 0 ? sourceBytes / 1048576.0 / seconds : 0);
  }

  /** Fraction of segments that changed (0 for an empty source). */
  public double changeRatio() {
    return segments == 0 ? 0 : (double) segmentsChanged / segments;
  }

  /** The {@code --json} summary: one JSON object on one line. */
  public String toJson() {
    return "{\"sourceBytes\":"
        + sourceBytes
        + ",\"segments\":"
        + segments
        + ",\"segmentsRead\":"
        + segmentsRead
        + ",\"segmentsChanged\":"
        + segmentsChanged
        + ",\"bytesWritten\":"
        + bytesWritten
        + ",\"newChecksumFile\":"
        + newChecksumFile
        + ",\"seconds\":"
        + FixedPoint.of(seconds, 3)
        + ",\"mbPerSecond\":"
        + FixedPoint.of(mbPerSecond, 2)
        + "}";
  }

  /**
   * The line appended to {@code <checksum>.stats} after a run, as the original writes it: {@code
   * YYYY-MM-DD HH:MM:SS <ratio> segment_change_ratio <n> bytes_written <s> seconds <x> MB/s}.
   */
  public String statsLine(java.time.LocalDateTime when) {
    return FixedPoint.dateTime(when)
        + " "
        + FixedPoint.of(changeRatio(), 5)
        + " segment_change_ratio "
        + bytesWritten
        + " bytes_written "
        + FixedPoint.of(seconds, 2)
        + " seconds "
        + FixedPoint.of(mbPerSecond, 2)
        + " MB/s";
  }
}
