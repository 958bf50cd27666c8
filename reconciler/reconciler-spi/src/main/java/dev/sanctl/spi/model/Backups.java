package dev.sanctl.spi.model;

import java.util.List;
import java.util.Locale;

/** The {@code backups} section: jobs with their defaults already applied. */
public record Backups(List<Job> jobs) {
  public static final Backups NONE = new Backups(List.of());

  /**
   * The filesystem holding the checksum files of the archive volumes of {@code pool}, derived (and
   * owned) by backups: it must not be declared under {@code pools} as well.
   */
  public static String checksumFilesystem(String pool) {
    return pool + "/ddless";
  }

  /** Where a backup learns which segments of the source changed since the previous backup. */
  public enum ChangeMap {
    /**
     * The IET ddmap of the target exporting the volume (the default); a volume no IET target
     * exports has no map and is read fully.
     */
    DDMAP,
    /** {@code thin_delta} between the previous backup's thin snapshot and this one's. */
    THIN,
    /** No change map: every backup reads the whole volume. */
    NONE;

    /** Parses the YAML spelling; null gives the default ({@link #DDMAP}). */
    public static ChangeMap parse(String text) {
      return text == null ? DDMAP : valueOf(text.toUpperCase(Locale.ROOT));
    }
  }

  /**
   * One backup job.
   *
   * @param volume archive zvol name within the pool ({@code <lv>_bk} unless given)
   * @param changeMap the change-map source ({@link ChangeMap#DDMAP} unless given)
   */
  public record Job(
      VolumeRef source,
      String archive,
      String pool,
      String volume,
      int workers,
      boolean integrity,
      SourceRef location,
      ChangeMap changeMap) {
    public Job {
      if (changeMap == null) changeMap = ChangeMap.DDMAP;
    }

    public String archiveVolume() {
      return pool + "/" + volume;
    }
  }
}
