package dev.sanctl.snaprotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotTimesTest {
  static final ZoneId NY = ZoneId.of("America/New_York");

  @Test
  void parsesEpochIsoAndOffsets() {
    assertEquals(
        Optional.of(Instant.parse("2024-11-04T09:35:27Z")),
        SnapshotTimes.parseSnapTime("2024-11-04T09:35:27Z", NY));
    assertEquals(
        Optional.of(Instant.ofEpochSecond(1730712927)),
        SnapshotTimes.parseSnapTime("1730712927", NY));
    assertEquals(
        Optional.of(Instant.parse("2024-11-04T09:35:27Z")),
        SnapshotTimes.parseSnapTime("2024-11-04T04:35:27-05:00", NY));
    assertEquals(
        Optional.of(Instant.parse("2024-11-04T09:35:27.250Z")),
        SnapshotTimes.parseSnapTime("2024-11-04T09:35:27.250Z", NY));
    assertTrue(SnapshotTimes.parseSnapTime("2024-02-30T09:35:27Z", NY).isEmpty());
    assertTrue(SnapshotTimes.parseSnapTime("yesterday", NY).isEmpty());
  }

  @Test
  void legacyLocalFormsTakeTheEarlierOffsetAndShiftGapsForward() {
    // 2024-11-03 01:30 happens twice in New York: the earlier offset is -04:00
    assertEquals(
        Optional.of(Instant.parse("2024-11-03T05:30:00Z")),
        SnapshotTimes.parseSnapTime("2024-11-03_01.30.00", NY));
    assertEquals(
        Optional.of(Instant.parse("2024-11-03T05:30:00Z")),
        SnapshotTimes.parseSnapTime("2024-11-03T01:30:00", NY));
    // 2024-03-10 02:30 does not exist: shifted forward by the one-hour gap to 03:30 EDT
    assertEquals(
        Optional.of(Instant.parse("2024-03-10T07:30:00Z")),
        SnapshotTimes.parseSnapTime("2024-03-10_02.30.00", NY));
  }

  @Test
  void inconsistentOrMissingTimesAreInvalidAndNamesAreIgnoredByDefault() {
    Snapshot far =
        new Snapshot(
            "2024-01-01_00.00.00",
            "1",
            1,
            1_000_000_000L,
            0,
            "",
            false,
            "2024-01-01T00:00:00Z",
            "R");
    assertTrue(SnapshotTimes.timeOf(far, NY, false).isEmpty());
    Snapshot none = new Snapshot("2024-01-01_00.00.00", "1", 1, null, 0, "", false, null, "R");
    assertTrue(SnapshotTimes.timeOf(none, NY, false).isEmpty());
    Snapshot byName =
        new Snapshot("2024-01-01_00.00.00", "1", 1, 1704085200L, 0, "", false, null, "R");
    assertEquals(
        Optional.of(Instant.ofEpochSecond(1704085200L)), SnapshotTimes.timeOf(byName, NY, false));
    assertEquals(
        Optional.of(Instant.parse("2024-01-01T05:00:00Z")), SnapshotTimes.timeOf(byName, NY, true));
  }
}
