package dev.sanctl.ddless;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendReceiveTest {
  static final long SIZE = 3L * 1024 * 1024 + 5000;
  @TempDir Path dir;

  private static CopyResult[] pipe(Path src, Path map, Path tgt, Path sum) throws Exception {
    return StreamPipe.run(src, map, 1, tgt, sum);
  }

  @Test
  void sendReceiveOverAPipeGivesTheSameResultAsALocalCopy() throws Exception {
    Path src = TestFiles.random(dir.resolve("src"), SIZE, 0.8, 11);
    Path tgt = dir.resolve("tgt");
    Path sum = dir.resolve("tgt.ddless");
    CopyResult[] first = pipe(src, null, tgt, sum);
    assertEquals(Segments.count(SIZE), first[1].segmentsChanged());
    assertTrue(first[0].newChecksumFile());
    assertEquals(-1, Files.mismatch(src, tgt));
    assertArrayEquals(TestFiles.referenceChecksums(tgt), Files.readAllBytes(sum));

    Set<Long> changed = TestFiles.changeSegments(src, 7, 12);
    CopyResult[] again = pipe(src, null, tgt, sum);
    assertEquals(7, again[0].segmentsChanged(), "sender learns the receiver's result");
    assertEquals(7, again[1].segmentsChanged());
    assertEquals(7L * Segments.SEGMENT_SIZE, again[1].bytesWritten());
    assertEquals(-1, Files.mismatch(src, tgt));
    assertArrayEquals(TestFiles.referenceChecksums(tgt), Files.readAllBytes(sum));

    Set<Long> more = TestFiles.changeSegments(src, 5, 13);
    Path map = dir.resolve("m.ddmap");
    TestFiles.mapOf(SIZE, more, 9).write(map);
    CopyResult[] mapped = pipe(src, map, tgt, sum);
    assertEquals(more.size(), mapped[0].segmentsRead());
    assertEquals(more.size(), mapped[1].segmentsChanged());
    assertEquals(-1, Files.mismatch(src, tgt));
    assertArrayEquals(TestFiles.referenceChecksums(tgt), Files.readAllBytes(sum));
    assertTrue(changed.size() > 0);
  }

  @Test
  void aTruncatedStreamIsDetectedAndNothingIsCommitted() throws Exception {
    Path src = TestFiles.random(dir.resolve("src"), SIZE, 1.0, 21);
    byte[] full = recordSender(src);

    Path tgt = dir.resolve("tgt");
    Path sum = dir.resolve("tgt.ddless");
    for (int cut : new int[] {full.length - 1, full.length - 33, full.length / 2, 30}) {
      byte[] truncated = Arrays.copyOf(full, cut);
      ByteArrayOutputStream reply = new ByteArrayOutputStream();
      IOException e =
          assertThrows(
              IOException.class,
              () -> SendReceive.receive(tgt, sum, new ByteArrayInputStream(truncated), reply));
      assertTrue(e.getMessage().contains("truncated"), e.getMessage());
      assertTrue(!Files.exists(sum), "the checksum file was not committed");
      assertEquals(
          'E',
          reply.toByteArray()[reply.size() - 1 - utfLength(reply.toByteArray())],
          "the sender is told");
    }
    CopyResult ok =
        SendReceive.receive(tgt, sum, new ByteArrayInputStream(full), new ByteArrayOutputStream());
    // the interrupted attempts' work is kept (their temporary checksums are adopted), so the
    // complete stream finishes the copy without rewriting what already arrived
    assertTrue(ok.segmentsChanged() < Segments.count(SIZE), "" + ok.segmentsChanged());
    assertEquals(-1, Files.mismatch(src, tgt));
    assertArrayEquals(TestFiles.referenceChecksums(tgt), Files.readAllBytes(sum));
  }

  private static byte[] recordSender(Path src) throws IOException {
    return StreamPipe.record(src, 1);
  }

  private static int utfLength(byte[] reply) {
    // the reply ends with 'E', u16 length, message; find the last 'E' followed by a fitting length
    for (int i = reply.length - 3; i >= 0; i--) {
      int len = ((reply[i + 1] & 0xff) << 8) | (reply[i + 2] & 0xff);
      if (reply[i] == 'E' && i + 3 + len == reply.length) return len + 2;
    }
    return -1;
  }

  @Test
  void aCorruptedFrameIsDetected() throws Exception {
    Path src = TestFiles.random(dir.resolve("src"), SIZE, 1.0, 22);
    byte[] bad = recordSender(src);
    bad[bad.length / 2] ^= 0x40;
    InputStream in = new ByteArrayInputStream(bad);
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                SendReceive.receive(
                    dir.resolve("t"), dir.resolve("t.ddless"), in, new ByteArrayOutputStream()));
    assertTrue(e.getMessage().contains("CRC-32 mismatch"), e.getMessage());
  }
}
