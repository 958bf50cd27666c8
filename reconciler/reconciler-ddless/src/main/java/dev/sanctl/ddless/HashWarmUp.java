package dev.sanctl.ddless;

import java.nio.ByteBuffer;

/**
 * Gets the hashing kernel compiled before the first real buffer arrives. A fresh JVM runs {@link
 * SegmentHasher} in the interpreter until the just-in-time compiler has seen it often enough, which
 * on a 2 GiB copy cost about 0.2 s of every run (docs/benchmarks.md). Started first thing by the
 * commands that hash, a daemon thread hashes a small buffer {@value #ROUNDS} times while the JVM is
 * still busy parsing the command line and opening files, so the copy starts on compiled code.
 */
public final class HashWarmUp {
  /**
   * Rounds of {@value #BYTES} bytes: enough for the optimising compiler (measured, about 80 ms).
   */
  static final int ROUNDS = 100;

  /** Bytes hashed per round: several segments, so that the lane kernel runs too. */
  static final int BYTES = 16 * Segments.SEGMENT_SIZE;

  private HashWarmUp() {}

  /** Starts the warm-up on a daemon thread and returns at once. */
  public static Thread start() {
    Thread t = new Thread(() -> run(ROUNDS), "ddless-warm-up");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
    return t;
  }

  /**
   * Hashes a fixed pattern {@code rounds} times.
   *
   * @return the checksum entries of the pattern's segments (the same every round)
   */
  static long[] run(int rounds) {
    ByteBuffer buf = pattern();
    SegmentHasher hasher = new SegmentHasher();
    long[] sums = new long[BYTES / Segments.SEGMENT_SIZE];
    for (int i = 0; i < rounds; i++) hasher.checksums(buf, 0, BYTES, sums, 0);
    return sums;
  }

  /** The buffer hashed: direct, like the copy's, with bytes that differ segment by segment. */
  static ByteBuffer pattern() {
    ByteBuffer buf = BlockDevices.allocate(BYTES);
    for (int i = 0; i < BYTES; i++) buf.put(i, (byte) (i * 31 + (i >>> 14)));
    return buf;
  }
}
