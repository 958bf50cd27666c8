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

  @Test
  void theCopyWaitsForTheWarmUpAtMostTheLongestWait() {
    Thread t = HashWarmUp.start();
    long before = System.nanoTime();
    HashWarmUp.awaitDone();
    long waitedMillis = (System.nanoTime() - before) / 1_000_000;
    assertTrue(
        !t.isAlive() || waitedMillis >= HashWarmUp.MAX_WAIT_MILLIS,
        "returned after " + waitedMillis + " ms with the warm-up still running");
  }

  @Test
  void aRoundChecksItsEntriesAsAnUnchangedBufferIsChecked() {
    assertArrayEquals(HashWarmUp.run(1), HashWarmUp.run(HashWarmUp.ROUNDS));
  }
}
