package dev.sanctl.ddless;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HashWarmUpTest {
  @Test
  void warmUpHashesLikeTheReference() {
    ByteBuffer pattern = HashWarmUp.pattern();
    long[] expected = new long[HashWarmUp.BYTES / Segments.SEGMENT_SIZE];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = Checksums.of(pattern, i * Segments.SEGMENT_SIZE, Segments.SEGMENT_SIZE);
    }
    assertArrayEquals(expected, HashWarmUp.run(3));
    assertTrue(Arrays.stream(expected).distinct().count() == expected.length, "segments differ");
  }

  @Test
  void startedWarmUpIsADaemonThatFinishes() throws InterruptedException {
    Thread t = HashWarmUp.start();
    assertTrue(t.isDaemon());
    t.join(60_000);
    assertFalse(t.isAlive());
  }
}
