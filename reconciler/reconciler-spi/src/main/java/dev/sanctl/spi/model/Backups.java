package dev.sanctl.spi.model;

import java.util.List;

/** The {@code backups} section: jobs with their defaults already applied. */
public record Backups(List<Job> jobs) {
  public static final Backups NONE = new Backups(List.of());

  /**
   * One backup job.
   *
   * @param volume archive zvol name within the pool ({@code <lv>_bk} unless given)
   */
  public record Job(
      VolumeRef source,
      String archive,
      String pool,
      String volume,
      int workers,
      boolean integrity,
      SourceRef location) {
    public String archiveVolume() {
      return pool + "/" + volume;
    }
  }
}
