package dev.sanctl.snaprotate;

import dev.sanctl.spi.model.SnapshotSchedule.Freq;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;

/** Calendar bucket index functions, labels and window arithmetic of 2.4 and 2.5. */
public final class Buckets {
  private static final DateTimeFormatter HOUR_LABEL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH'Z'").withZone(ZoneOffset.UTC);

  private Buckets() {}

  /** The bucket of {@code t} for {@code freq} in zone {@code zone}. */
  public static long index(Freq freq, ZoneId zone, Instant t) {
    if (freq == Freq.HOURLY) {
      long shift = Math.floorMod(standardOffsetSeconds(zone, t), 3600);
      return Math.floorDiv(t.getEpochSecond() + shift, 3600);
    }
    ZonedDateTime local = t.atZone(zone);
    long epochDay = local.toLocalDate().toEpochDay();
    return switch (freq) {
      case DAILY -> epochDay;
      case WEEKLY -> Math.floorDiv(epochDay + 3, 7);
      case MONTHLY -> local.getYear() * 12L + local.getMonthValue() - 1;
      case YEARLY -> local.getYear();
      case HOURLY -> throw new AssertionError();
    };
  }

  /** The label of the bucket holding {@code t}: yyyy-MM-dd, YYYY-Www, yyyy-MM, yyyy, or hour. */
  public static String label(Freq freq, ZoneId zone, Instant t) {
    if (freq == Freq.HOURLY) {
      long shift = Math.floorMod(standardOffsetSeconds(zone, t), 3600);
      long slotStart = index(freq, zone, t) * 3600 - shift;
      return HOUR_LABEL.format(Instant.ofEpochSecond(slotStart));
    }
    LocalDate date = t.atZone(zone).toLocalDate();
    return switch (freq) {
      case DAILY -> date.toString();
      case WEEKLY ->
          String.format(
              "%04d-W%02d",
              date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case MONTHLY -> String.format("%04d-%02d", date.getYear(), date.getMonthValue());
      case YEARLY -> String.format("%04d", date.getYear());
      case HOURLY -> throw new AssertionError();
    };
  }

  /** {@code z} minus {@code n} units of {@code freq}, calendar arithmetic in z's zone (2.5). */
  public static ZonedDateTime minus(Freq freq, ZonedDateTime z, long n) {
    return switch (freq) {
      case HOURLY -> z.minusSeconds(3600 * n);
      case DAILY -> z.minusDays(n);
      case WEEKLY -> z.minusWeeks(n);
      case MONTHLY -> z.minusMonths(n);
      case YEARLY -> z.minusYears(n);
    };
  }

  /** The nominal period used by the STALE brake: 1 h, 24 h, 7 d, 31 d, 366 d. */
  public static Duration period(Freq freq) {
    return switch (freq) {
      case HOURLY -> Duration.ofHours(1);
      case DAILY -> Duration.ofDays(1);
      case WEEKLY -> Duration.ofDays(7);
      case MONTHLY -> Duration.ofDays(31);
      case YEARLY -> Duration.ofDays(366);
    };
  }

  private static int standardOffsetSeconds(ZoneId zone, Instant t) {
    return zone.getRules().getStandardOffset(t).getTotalSeconds();
  }
}
