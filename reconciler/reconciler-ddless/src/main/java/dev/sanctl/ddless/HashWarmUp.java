package dev.sanctl.ddless;

import java.nio.ByteBuffer;

/**
 * Gets the hashing kernel compiled before the copy starts. A fresh JVM runs {@link SegmentHasher}
 * in the interpreter, then in profiling C1 code, until the optimising compiler (C2) has seen it
 * often enough: on a 2 GiB copy with two workers that cost 50-80 ms of the engine's time, the
 * workers hashing slowly while the compiler took a core from them (docs/benchmarks.md). Started
 * first thing by the commands that hash, a daemon thread hashes one lane group of a fixed pattern
 * {@value #ROUNDS} times while the JVM opens the files, and {@link DdlessCopy} waits for it ({@link
 * #awaitDone}, at most {@link #MAX_WAIT_MILLIS} ms) before its clock starts: the copy then runs on
 * compiled code from its first block. The wait is start-up, like the JVM's own, and in the wall
 * time.
 */
public final class HashWarmUp {
  /**
   * Rounds of {@value #BYTES} bytes. The kernel's normal entry ({@code murmurLanes}, which the
   * workers call) is compiled by C2 only after at least 600 calls (HotSpot's
   * Tier4MinInvocationThreshold), whatever its loops did, and its profiling C1 code asks for that
   * compile only once every 1,024 calls: so many short rounds, not a few long ones, with a margin
   * for the compile itself.
   */
  static final int ROUNDS = 800;

  /** Bytes hashed per round: one group of the lane kernel's segments. */
  static final int BYTES = SegmentHasher.LANES * Segments.SEGMENT_SIZE;

  /**
   * Longest wait for the warm-up: on a starved machine the copy starts anyway (compiled or not).
   */
  static final long MAX_WAIT_MILLIS = 300;

  private static volatile Thread started;

  private HashWarmUp() {}

  /** Starts the warm-up on a daemon thread and returns at once. */
  public static Thread start() {
    Thread t = new Thread(() -> run(ROUNDS), "ddless-warm-up");
    t.setDaemon(true);
    t.start();
    started = t;
    return t;
  }

  /**
   * Waits until the warm-up started by {@link #start} has ended, at most {@link #MAX_WAIT_MILLIS}
   * ms; returns at once when none was started or it has ended.
   */
  public static void awaitDone() {
    Thread t = started;
    if (t == null) return;
    try {
      t.join(MAX_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Hashes a fixed pattern {@code rounds} times, checking each round's entries as an unchanged
   * buffer is checked ({@link Checksums#allSame}).
   *
   * @return the checksum entries of the pattern's segments (the same every round)
   */
  static long[] run(int rounds) {
    ByteBuffer buf = pattern();
    SegmentHasher hasher = new SegmentHasher();
    int segments = BYTES / Segments.SEGMENT_SIZE;
    long[] sums = new long[segments];
    long[] previous = new long[segments];
    for (int i = 0; i < rounds; i++) {
      hasher.checksums(buf, 0, BYTES, sums, 0);
      if (i > 0 && !Checksums.allSame(previous, sums, segments)) {
        throw new IllegalStateException("the hashing kernel is not deterministic");
      }
      System.arraycopy(sums, 0, previous, 0, segments);
    }
    return sums;
  }

  /** The buffer hashed: direct, like the copy's, with bytes that differ segment by segment. */
  static ByteBuffer pattern() {
    ByteBuffer buf = BlockDevices.allocate(BYTES);
    for (int i = 0; i < BYTES; i++) buf.put(i, (byte) (i * 31 + (i >>> 14)));
    return buf;
  }
}
