package dev.sanctl.ddless;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ddless send -w N}: several workers give exactly what one gives. */
class SendReceiveWorkersTest {
  /** Five 8 MiB buffers, three more segments and a short tail. */
  static final long SIZE = 5L * Segments.BUFFER_SIZE + 3 * Segments.SEGMENT_SIZE + 5000;

  static final int HEADER = 4 + 2 + 4 + 8 + 1;

  @TempDir Path dir;

  private static CopyResult[] pipe(Path src, Path map, int workers, Path tgt, Path sum)
      throws Exception {
    return StreamPipe.run(src, map, workers, tgt, sum);
  }

  @Test
  void fourWorkersGiveTheSameTargetAndChecksumFileAsOne() throws Exception {
    Path src = TestFiles.random(dir.resolve("src"), SIZE, 0.7, 31);
    Path one = dir.resolve("one");
    Path four = dir.resolve("four");
    Path oneSum = dir.resolve("one.ddless");
    Path fourSum = dir.resolve("four.ddless");

    // a first copy: new checksum files, every segment sent
    assertSameRun(
        pipe(src, null, 1, one, oneSum),
        pipe(src, null, 4, four, fourSum),
        src,
        one,
        four,
        oneSum,
        fourSum);

    // changed segments, the receivers' checksums decide (one in the tail segment)
    Set<Long> changed = TestFiles.changeSegments(src, 9, 32);
    changed.addAll(TestFiles.changeSegmentsAt(src, Segments.count(SIZE) - 1, 33));
    CopyResult[][] compared = {pipe(src, null, 1, one, oneSum), pipe(src, null, 4, four, fourSum)};
    assertSameRun(compared[0], compared[1], src, one, four, oneSum, fourSum);
    assertEquals(changed.size(), compared[1][1].segmentsChanged());
    assertEquals(Segments.count(SIZE), compared[1][0].segmentsRead());

    // a ddmap limits what is read and sent
    Set<Long> mapped = TestFiles.changeSegments(src, 12, 34);
    Path map = dir.resolve("m.ddmap");
    TestFiles.mapOf(SIZE, mapped, 5).write(map);
    CopyResult[][] byMap = {pipe(src, map, 1, one, oneSum), pipe(src, map, 4, four, fourSum)};
    assertSameRun(byMap[0], byMap[1], src, one, four, oneSum, fourSum);
    assertEquals(mapped.size(), byMap[1][0].segmentsRead());
    assertEquals(mapped.size(), byMap[1][1].segmentsChanged());
  }

  private static void assertSameRun(
      CopyResult[] one,
      CopyResult[] four,
      Path src,
      Path oneTgt,
      Path fourTgt,
      Path oneSum,
      Path fourSum)
      throws IOException {
    assertEquals(one[0].segmentsRead(), four[0].segmentsRead());
    assertEquals(one[1].segmentsChanged(), four[1].segmentsChanged());
    assertEquals(one[1].bytesWritten(), four[1].bytesWritten());
    assertEquals(one[1].newChecksumFile(), four[1].newChecksumFile());
    assertEquals(-1, Files.mismatch(oneTgt, fourTgt));
    assertArrayEquals(Files.readAllBytes(oneSum), Files.readAllBytes(fourSum));
    assertCopied(src, fourTgt, fourSum);
  }

  /** The target equals the source and the checksum file is the target's (reference code). */
  private static void assertCopied(Path src, Path tgt, Path sum) throws IOException {
    assertEquals(-1, Files.mismatch(src, tgt));
    assertArrayEquals(TestFiles.referenceChecksums(src), Files.readAllBytes(sum));
  }

  @Test
  void aTruncatedMultiWorkerStreamIsDetectedAndNothingIsCommitted() throws Exception {
    Path src = TestFiles.random(dir.resolve("src"), SIZE, 1.0, 41);
    byte[] full = StreamPipe.record(src, 3);
    assertEquals(SendReceive.VERSION, ByteBuffer.wrap(full).getShort(4));
    Path tgt = dir.resolve("tgt");
    Path sum = dir.resolve("tgt.ddless");
    for (int cut : new int[] {full.length - 1, full.length - 33, full.length / 2, HEADER + 5}) {
      String refused = refusal(Arrays.copyOf(full, cut), tgt, sum);
      assertTrue(refused.contains("truncated"), refused);
      assertFalse(Files.exists(sum), "the checksum file was not committed");
    }
    SendReceive.receive(tgt, sum, new ByteArrayInputStream(full), new ByteArrayOutputStream());
    assertCopied(src, tgt, sum);
  }

  @Test
  void framesInAnyOrderAreAcceptedInVersionTwoOnlyAndEachBufferOnlyOnce() throws Exception {
    Path src = TestFiles.random(dir.resolve("src"), SIZE, 1.0, 51);
    byte[] inOrder = StreamPipe.record(src, 1);
    assertEquals(SendReceive.VERSION_IN_ORDER, ByteBuffer.wrap(inOrder).getShort(4));
    List<byte[]> frames = frames(inOrder);
    assertEquals(6, frames.size());
    List<byte[]> reversed = new ArrayList<>(frames);
    Collections.reverse(reversed);

    String v1 = refusal(stream(inOrder, reversed, 1), dir.resolve("a"), dir.resolve("a.ddless"));
    assertTrue(v1.contains("bad buffer frame"), v1);

    List<byte[]> twice = new ArrayList<>(frames);
    twice.add(1, frames.get(0));
    String dup = refusal(stream(inOrder, twice, 2), dir.resolve("b"), dir.resolve("b.ddless"));
    assertTrue(dup.contains("bad buffer frame"), dup);

    Path tgt = dir.resolve("c");
    SendReceive.receive(
        tgt,
        dir.resolve("c.ddless"),
        new ByteArrayInputStream(stream(inOrder, reversed, 2)),
        new ByteArrayOutputStream());
    assertCopied(src, tgt, dir.resolve("c.ddless"));
  }

  /** The message of the receiver refusing {@code stream}. */
  private static String refusal(byte[] stream, Path tgt, Path sum) {
    return assertThrows(
            IOException.class,
            () ->
                SendReceive.receive(
                    tgt, sum, new ByteArrayInputStream(stream), new ByteArrayOutputStream()))
        .getMessage();
  }

  /** The buffer frames of a recorded stream, each whole. */
  static List<byte[]> frames(byte[] stream) {
    ByteBuffer b = ByteBuffer.wrap(stream);
    b.position(HEADER);
    List<byte[]> frames = new ArrayList<>();
    while (b.get(b.position()) == 'B') {
      int start = b.position();
      b.position(start + 1 + 8 + 4);
      int runs = b.getInt();
      long bytes = 0;
      for (int r = 0; r < runs; r++) {
        int first = b.getInt();
        int count = b.getInt();
        long length = b.getInt(start + 1 + 8);
        bytes +=
            Math.min(length, (long) (first + count) * Segments.SEGMENT_SIZE)
                - (long) first * Segments.SEGMENT_SIZE;
      }
      b.position((int) (b.position() + bytes + 4));
      frames.add(Arrays.copyOfRange(stream, start, b.position()));
    }
    return frames;
  }

  /** {@code recorded}'s header (as {@code version}) and end record around {@code frames}. */
  static byte[] stream(byte[] recorded, List<byte[]> frames, int version) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] header = Arrays.copyOf(recorded, HEADER);
    ByteBuffer.wrap(header).putShort(4, (short) version);
    out.writeBytes(header);
    int end = HEADER;
    for (byte[] f : frames(recorded)) end += f.length;
    for (byte[] f : frames) out.writeBytes(f);
    out.writeBytes(Arrays.copyOfRange(recorded, end, recorded.length));
    return out.toByteArray();
  }
}
