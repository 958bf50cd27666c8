package dev.sanctl.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.backup.ThinDelta.Kind;
import dev.sanctl.backup.ThinDelta.Range;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser against real thin_delta 0.9.0 output captured in fixtures/thin. */
class ThinDeltaTest {
  static final Path FIXTURES = Path.of("../../fixtures/thin").toAbsolutePath().normalize();

  static ThinDelta fixture(String name) throws Exception {
    return ThinDelta.parse(Files.readAllBytes(FIXTURES.resolve(name)), name);
  }

  @Test
  void readsThePlainOutput() throws Exception {
    ThinDelta d = fixture("delta-2-3.xml");
    assertEquals(128, d.dataBlockSectors());
    assertEquals(65536, d.blockBytes());
    assertEquals(
        List.of(
            new Range(Kind.SAME, 0, 2),
            new Range(Kind.DIFFERENT, 2, 1),
            new Range(Kind.SAME, 3, 1),
            new Range(Kind.RIGHT_ONLY, 4, 1),
            new Range(Kind.SAME, 5, 3),
            new Range(Kind.RIGHT_ONLY, 9, 1)),
        d.ranges());
  }

  @Test
  void verboseOutputGivesTheSameRanges() throws Exception {
    assertEquals(fixture("delta-2-3.xml"), fixture("delta-2-3-verbose.xml"));
  }

  @Test
  void changedSegmentsAreTheFourSegmentsOfEveryBlockThatIsNotTheSame() throws Exception {
    BitSet expected = new BitSet();
    expected.set(8, 12); // block 2: bytes 128 KiB .. 192 KiB
    expected.set(16, 20); // block 4
    expected.set(36, 40); // block 9
    assertEquals(expected, fixture("delta-2-3.xml").changedSegments(1L << 20));
    BitSet reversed = fixture("delta-3-2.xml").changedSegments(1L << 20);
    assertEquals(expected, reversed, "left_only blocks count as changed too");
  }

  @Test
  void segmentsBeyondTheDeviceAreIgnored() throws Exception {
    BitSet s = fixture("delta-2-3.xml").changedSegments(9 * 16384 + 100);
    assertEquals(10, s.length(), s.toString());
    assertTrue(s.get(8) && s.get(9) && !s.get(10));
  }

  @Test
  void anErrorMessageIsNoDelta() throws Exception {
    byte[] err = Files.readAllBytes(FIXTURES.resolve("error-no-metadata-snap.txt"));
    assertThrows(java.io.IOException.class, () -> ThinDelta.parse(err, "thin_delta"));
    assertThrows(
        java.io.IOException.class,
        () ->
            ThinDelta.parse(
                "<superblock data_block_size=\"128\"></superblock>"
                    .getBytes(StandardCharsets.UTF_8),
                "x"));
  }
}
