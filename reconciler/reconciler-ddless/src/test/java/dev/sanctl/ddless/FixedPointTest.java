package dev.sanctl.ddless;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link FixedPoint} writes what {@link String#format} and the date pattern wrote, exactly. */
class FixedPointTest {
  private final Random random = new Random(23);

  private static void same(double v, int places) {
    assertEquals(
        String.format(Locale.ROOT, "%." + places + "f", v),
        FixedPoint.of(v, places),
        () -> "value " + v + " (" + Double.toString(v) + ") to " + places + " places");
  }

  @Test
  void fixedPointMatchesFormatterOnEdgesAndTies() {
    double[] edges = {
      0.0,
      -0.0,
      1.0,
      0.5,
      0.125,
      0.375,
      1.005,
      2.675,
      0.045,
      1.0E-5,
      5.0E-6,
      4.9999E-6,
      1.5E-5,
      0.000005,
      0.0000049999,
      9.995,
      99.995,
      999.9995,
      0.99999,
      0.999995,
      1e15,
      1.2345678901234567e21,
      Double.MIN_VALUE,
      Double.MAX_VALUE,
      Double.MIN_NORMAL,
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      -1.005,
      -0.001,
      2147483648.0 / 1048576.0 / 0.37,
      1 / 3.0,
      2 / 3.0
    };
    for (double v : edges) for (int places : new int[] {2, 3, 5}) same(v, places);
  }

  @Test
  void fixedPointMatchesFormatterOnManyValues() {
    for (int i = 0; i < 100_000; i++) {
      double v =
          switch (i % 6) {
            case 0 -> random.nextDouble();
            case 1 -> random.nextDouble() * 100_000;
            case 2 -> Double.longBitsToDouble(random.nextLong() >>> 1);
            case 3 -> random.nextInt(1_000_000) / 1000.0 + 0.0005;
            case 4 -> random.nextInt(100_000) / 100_000.0 + 0.000005;
            default -> (double) random.nextInt(131_073) / 131_072;
          };
      if (Double.isNaN(v) || Double.isInfinite(v)) continue;
      same(v, 2);
      same(v, 3);
      same(v, 5);
    }
  }

  @Test
  void dateTimeMatchesThePattern() {
    DateTimeFormatter pattern = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    LocalDateTime[] edges = {
      LocalDateTime.of(2026, 12, 6, 17, 5, 9),
      LocalDateTime.of(1000, 1, 1, 0, 0, 0),
      LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999),
      LocalDateTime.of(999, 1, 1, 0, 0),
      LocalDateTime.of(10000, 1, 1, 0, 0),
      LocalDateTime.of(-5, 3, 4, 5, 6)
    };
    for (LocalDateTime t : edges) assertEquals(t.format(pattern), FixedPoint.dateTime(t));
    for (int i = 0; i < 20_000; i++) {
      LocalDateTime t =
          LocalDateTime.of(1970, 1, 1, 0, 0)
              .plusSeconds(random.nextInt(Integer.MAX_VALUE) * 2L)
              .plusNanos(random.nextInt(1_000_000_000));
      assertEquals(t.format(pattern), FixedPoint.dateTime(t));
    }
  }

  @Test
  void resultTextsAreTheFormattedOnes() {
    for (int i = 0; i < 20_000; i++) {
      long size = random.nextLong() >>> (1 + random.nextInt(40));
      long segments = Segments.count(size);
      long changed = segments == 0 ? 0 : Math.floorMod(random.nextLong(), segments + 1);
      double seconds = random.nextInt(4) == 0 ? 0 : random.nextDouble() * random.nextInt(1000);
      CopyResult r =
          CopyResult.of(size, segments, changed, changed * 16384, random.nextBoolean(), seconds);
      LocalDateTime when =
          LocalDateTime.of(2000, 1, 1, 0, 0).plusSeconds(random.nextInt(Integer.MAX_VALUE));
      assertEquals(
          String.format(
              Locale.ROOT,
              "{\"sourceBytes\":%d,\"segments\":%d,\"segmentsRead\":%d,\"segmentsChanged\":%d,"
                  + "\"bytesWritten\":%d,\"newChecksumFile\":%b,\"seconds\":%.3f,"
                  + "\"mbPerSecond\":%.2f}",
              r.sourceBytes(),
              r.segments(),
              r.segmentsRead(),
              r.segmentsChanged(),
              r.bytesWritten(),
              r.newChecksumFile(),
              r.seconds(),
              r.mbPerSecond()),
          r.toJson());
      assertEquals(
          String.format(
              Locale.ROOT,
              "%s %.5f segment_change_ratio %d bytes_written %.2f seconds %.2f MB/s",
              when.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")),
              r.changeRatio(),
              r.bytesWritten(),
              r.seconds(),
              r.mbPerSecond()),
          r.statsLine(when));
    }
  }
}
