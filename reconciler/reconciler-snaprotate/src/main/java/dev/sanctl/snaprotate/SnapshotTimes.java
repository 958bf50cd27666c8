package dev.sanctl.snaprotate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** The instant {@code t(s)} of a snapshot (2.3 step 3). */
public final class SnapshotTimes {
  /** A snap_time further than this from {@code creation} makes the snapshot INVALID. */
  public static final Duration MAX_SKEW = Duration.ofHours(24);

  private static final Pattern EPOCH = Pattern.compile("-?\\d{1,12}");
  private static final DateTimeFormatter LEGACY_UNDERSCORE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd_HH.mm.ss");

  private SnapshotTimes() {}

  /**
   * Parses a {@code snap_time} value: epoch seconds, an ISO-8601 instant with {@code Z} or an
   * offset, or the legacy offset-less forms read as local time in {@code zone} (earlier offset on
   * overlaps, shifted forward in gaps). Empty when unparseable.
   */
  public static Optional<Instant> parseSnapTime(String value, ZoneId zone) {
    String v = value.trim();
    Instant fast = parseCanonicalUtc(v);
    if (fast != null) return Optional.of(fast);
    if (EPOCH.matcher(v).matches()) return Optional.of(Instant.ofEpochSecond(Long.parseLong(v)));
    try {
      return Optional.of(OffsetDateTime.parse(v).toInstant());
    } catch (DateTimeParseException notOffset) {
      // fall through to the legacy forms
    }
    return parseLocal(v, zone);
  }

  /** Fast path for the form this tool writes, {@code yyyy-MM-ddTHH:mm:ssZ}; null otherwise. */
  private static Instant parseCanonicalUtc(String v) {
    if (v.length() != 20 || v.charAt(19) != 'Z' || v.charAt(10) != 'T') return null;
    if (v.charAt(4) != '-' || v.charAt(7) != '-' || v.charAt(13) != ':' || v.charAt(16) != ':') {
      return null;
    }
    int year = digits(v, 0, 4);
    int month = digits(v, 5, 2);
    int day = digits(v, 8, 2);
    int hour = digits(v, 11, 2);
    int minute = digits(v, 14, 2);
    int second = digits(v, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return null;
    if (minute < 0 || minute > 59 || second < 0 || second > 59) return null;
    if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) return null;
    long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86400 + hour * 3600L + minute * 60L + second);
  }

  private static int digits(String s, int from, int len) {
    int n = 0;
    for (int i = from; i < from + len; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return -1;
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /** Parses {@code yyyy-MM-dd_HH.mm.ss} or {@code yyyy-MM-ddTHH:mm:ss} as local time in zone. */
  public static Optional<Instant> parseLocal(String v, ZoneId zone) {
    LocalDateTime local;
    try {
      local = LocalDateTime.parse(v, LEGACY_UNDERSCORE);
    } catch (DateTimeParseException e) {
      try {
        local = LocalDateTime.parse(v);
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
    return Optional.of(ZonedDateTime.ofLocal(local, zone, null).toInstant());
  }

  /**
   * The snapshot's instant, or empty when it has none or it is inconsistent (the INVALID class).
   *
   * @param legacyNameTime also read a {@code yyyy-MM-dd_HH.mm.ss} name when snap_time is unset
   */
  public static Optional<Instant> timeOf(Snapshot s, ZoneId zone, boolean legacyNameTime) {
    Instant creation = s.creation() == null ? null : Instant.ofEpochSecond(s.creation());
    if (s.snapTime() == null) {
      if (legacyNameTime) {
        Optional<Instant> fromName = parseLegacyName(s.name(), zone);
        if (fromName.isPresent()) return consistent(fromName.get(), creation);
      }
      return Optional.ofNullable(creation);
    }
    Optional<Instant> parsed = parseSnapTime(s.snapTime(), zone);
    if (parsed.isEmpty()) return Optional.empty();
    return consistent(parsed.get(), creation);
  }

  private static Optional<Instant> parseLegacyName(String name, ZoneId zone) {
    try {
      LocalDateTime local = LocalDateTime.parse(name, LEGACY_UNDERSCORE);
      return Optional.of(ZonedDateTime.ofLocal(local, zone, null).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<Instant> consistent(Instant t, Instant creation) {
    if (creation != null && Duration.between(t, creation).abs().compareTo(MAX_SKEW) > 0) {
      return Optional.empty();
    }
    return Optional.of(t);
  }
}
