package dev.sanctl.ddless;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class RegionsTest {
  @Test
  void eachWorkerReadsItsOwnContiguousRegionFrontToBack() {
    Regions r = new Regions(10, 2);
    assertEquals(List.of(0L, 1L, 2L), takes(r, 0, 3));
    assertEquals(List.of(5L, 6L), takes(r, 1, 2));
    assertEquals(List.of(3L, 4L), takes(r, 0, 2));
  }

  @Test
  void aWorkerDoneEarlyTakesTheLastBuffersOfTheRegionWithTheMostLeft() {
    Regions r = new Regions(12, 3); // regions [0,4) [4,8) [8,12)
    assertEquals(List.of(0L, 1L, 2L, 3L), takes(r, 0, 4));
    assertEquals(List.of(4L), takes(r, 1, 1));
    // worker 0 is done: region 2 has 4 left, region 1 has 3; then 3 each (the first one wins)
    assertEquals(List.of(11L, 7L, 10L), takes(r, 0, 3));
    assertEquals(List.of(8L, 9L), takes(r, 2, 2)); // the owner's stream is untouched
    assertEquals(List.of(5L, 6L), takes(r, 1, 2));
    assertEquals(-1L, r.take(0));
    assertEquals(-1L, r.take(1));
    assertEquals(-1L, r.take(2));
  }

  @Test
  void moreWorkersThanBuffersAndUnevenSplits() {
    Regions r = new Regions(5, 3); // [0,2) [2,4) [4,5)
    assertEquals(List.of(4L, 1L, 3L, 0L, 2L, -1L), takes(r, 2, 6));
    assertEquals(-1L, r.take(1));
    assertEquals(-1L, r.take(0));
  }

  @Test
  void concurrentWorkersTakeEveryBufferExactlyOnce() throws InterruptedException {
    int buffers = 10_000;
    Regions r = new Regions(buffers, 4);
    ConcurrentLinkedQueue<Long> taken = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      int worker = w;
      Thread t =
          new Thread(
              () -> {
                for (long i; (i = r.take(worker)) >= 0; ) taken.add(i);
              });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) t.join();
    BitSet seen = new BitSet();
    for (long i : taken) seen.set((int) i);
    assertEquals(buffers, taken.size());
    assertEquals(buffers, seen.cardinality());
  }

  private static List<Long> takes(Regions r, int worker, int n) {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(r.take(worker));
    return out;
  }

  @Test
  void regionsOfBlocksAreWholeBuffers() {
    Regions r = new Regions(10, 2, 4); // 3 buffers of 4 blocks (the last one short): [0,8) [8,10)
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L), takes(r, 0, 8));
    assertEquals(List.of(8L, 9L, -1L), takes(r, 1, 3));
    assertEquals(-1L, r.take(0));
  }
}
