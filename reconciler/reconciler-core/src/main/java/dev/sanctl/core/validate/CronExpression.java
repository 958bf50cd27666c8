package dev.sanctl.core.validate;

import java.util.List;
import java.util.Locale;

/**
 * Five-field cron expressions as cron(8) reads them: minute, hour, day of month, month, day of
 * week; each a {@code *}, a number, a range {@code a-b}, a step {@code * /n} or {@code a-b/n}, or a
 * comma-separated list of those; month and weekday names ({@code jan}, {@code mon}) allowed.
 */
public final class CronExpression {
  private record Field(String name, int min, int max, List<String> names) {}

  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
  private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");
  private static final List<Field> FIELDS =
      List.of(
          new Field("minute", 0, 59, List.of()),
          new Field("hour", 0, 23, List.of()),
          new Field("day-of-month", 1, 31, List.of()),
          new Field("month", 1, 12, MONTHS),
          new Field("day-of-week", 0, 7, DAYS));

  private CronExpression() {}

  /** Null when {@code expression} is valid, else what is wrong with it. */
  public static String problem(String expression) {
    String e = expression.strip();
    if (e.startsWith("@")) {
      return "'" + e + "' is a shorthand; write the five fields (e.g. '0 0 * * *' for @daily)";
    }
    String[] parts = e.isEmpty() ? new String[0] : e.split("[ \t]+");
    if (parts.length != 5) {
      return "has "
          + parts.length
          + " field"
          + (parts.length == 1 ? "" : "s")
          + "; a schedule has five: minute hour day-of-month month day-of-week";
    }
    for (int i = 0; i < 5; i++) {
      String p = field(FIELDS.get(i), parts[i]);
      if (p != null) return p;
    }
    return null;
  }

  private static String field(Field f, String text) {
    for (String item : text.split(",", -1)) {
      String p = item(f, item);
      if (p != null) return f.name + " field '" + text + "': " + p;
    }
    return null;
  }

  private static String item(Field f, String item) {
    if (item.isEmpty()) return "an empty list entry";
    String range = item;
    int slash = item.indexOf('/');
    if (slash >= 0) {
      range = item.substring(0, slash);
      String step = item.substring(slash + 1);
      Integer n = number(step);
      if (n == null || n < 1 || n > f.max) {
        return "step '" + step + "' must be a number from 1 to " + f.max;
      }
      if (range.isEmpty()) return "a step needs '*' or a range before '/'";
    }
    if (range.equals("*")) return null;
    int dash = range.indexOf('-');
    if (dash >= 0) {
      String a = range.substring(0, dash);
      String b = range.substring(dash + 1);
      Integer lo = value(f, a);
      Integer hi = value(f, b);
      if (lo == null) return outOfRange(f, a);
      if (hi == null) return outOfRange(f, b);
      if (lo > hi) return "range '" + range + "' runs backwards";
      return null;
    }
    return value(f, range) == null ? outOfRange(f, range) : null;
  }

  private static String outOfRange(Field f, String v) {
    return "'"
        + v
        + "' is not "
        + (f.names.isEmpty() ? "" : "a name or ")
        + "a number from "
        + f.min
        + " to "
        + f.max;
  }

  private static Integer value(Field f, String v) {
    int named = f.names.indexOf(v.toLowerCase(Locale.ROOT));
    if (named >= 0) return f.names == MONTHS ? named + 1 : named;
    Integer n = number(v);
    return n != null && n >= f.min && n <= f.max ? n : null;
  }

  private static Integer number(String s) {
    if (s.isEmpty() || s.length() > 4 || !s.chars().allMatch(Character::isDigit)) return null;
    return Integer.parseInt(s);
  }
}
