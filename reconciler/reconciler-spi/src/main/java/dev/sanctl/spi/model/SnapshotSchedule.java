package dev.sanctl.spi.model;

import java.time.ZoneId;
import java.util.List;

/** A snapshot rotation schedule ({@code spec/snaprotate.md}). */
public record SnapshotSchedule(
    String name, ZoneId zone, int keepLast, List<Rule> rules, SourceRef source) {

  /** Rotation frequency of a rule. */
  public enum Freq {
    HOURLY,
    DAILY,
    WEEKLY,
    MONTHLY,
    YEARLY
  }

  /** One chained rule: keep one snapshot per {@code freq} bucket for {@code n} buckets. */
  public record Rule(String name, Freq freq, int n) {}
}
