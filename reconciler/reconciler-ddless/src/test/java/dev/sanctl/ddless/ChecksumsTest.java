package dev.sanctl.ddless;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumsTest {
  @TempDir Path dir;

  @Test
  void allZeroSegmentMatchesTheGoldenVector() {
    long entry = Checksums.of(new byte[Segments.SEGMENT_SIZE], 0, Segments.SEGMENT_SIZE);
    assertEquals(0x68b3db1f, Checksums.murmur(entry));
    assertEquals(0xab54d286, Checksums.crc32(entry));
    long fast = new SegmentHasher().checksum(ByteBuffer.allocateDirect(16384), 0, 16384);
    assertEquals(entry, fast);
  }

  @Test
  void checksumFileOfZerosStartsWithTheGoldenBytes() throws Exception {
    Path zeros = dir.resolve("zeros");
    Files.write(zeros, new byte[3 * Segments.SEGMENT_SIZE]);
    Path sum = dir.resolve("zeros.ddless");
    DdlessCopy.run(CopyOptions.checksumOnly(zeros, sum));
    byte[] bytes = Files.readAllBytes(sum);
    assertEquals(24, bytes.length);
    assertEquals("1fdbb36886d254ab", HexFormat.of().formatHex(bytes, 0, 8));
    assertEquals("1fdbb36886d254ab", HexFormat.of().formatHex(bytes, 16, 24));
  }

  @Test
  void murmurHash2MatchesKnownVectors() {
    // Appleby's reference MurmurHash2 (seed 0): "" -> 0, and the byte tail cases.
    assertEquals(0, MurmurHash2.hash(new byte[0], 0, 0, 0));
    assertEquals(
        MurmurHash2.hash("abcd".getBytes(), 0, 4, 1),
        MurmurHash2.hash("xabcdx".getBytes(), 1, 4, 1),
        "offsets are honoured");
  }

  @Test
  void laneHasherAgreesWithTheReferenceForEveryLengthShape() {
    Random r = new Random(7);
    int[] lengths = {
      1,
      2,
      3,
      4,
      5,
      16383,
      16384,
      16385,
      3 * 16384 + 3,
      4 * 16384,
      5 * 16384 + 1,
      9 * 16384 - 1,
      Segments.BUFFER_SIZE
    };
    SegmentHasher hasher = new SegmentHasher();
    for (int len : lengths) {
      byte[] data = new byte[len];
      r.nextBytes(data);
      ByteBuffer buf = ByteBuffer.allocateDirect(len + 16384);
      buf.put(16384, data);
      long[] fast = new long[Segments.SEGMENTS_PER_BUFFER];
      int n = hasher.checksums(buf, 16384, len, fast, 0);
      assertEquals(Segments.count(len), n);
      long[] expected = new long[n];
      long[] got = new long[n];
      for (int s = 0; s < n; s++) {
        expected[s] = Checksums.of(data, s * 16384, Segments.length(s, len));
        got[s] = fast[s];
      }
      assertArrayEquals(expected, got, "length " + len);
    }
  }
}
