package dev.sanctl.ddless.jmh;

import dev.sanctl.ddless.MurmurHash2;
import dev.sanctl.ddless.SegmentHasher;
import dev.sanctl.ddless.Segments;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hashing kernels on one 8 MiB read buffer (512 segments). Throughput in buffers per second;
 * multiply by 8 MiB for bytes per second.
 *
 * <pre>
 *   mvn -B -q -Pbenchmarks -pl benchmarks/ddless-jmh -am package -DskipTests
 *   java -jar benchmarks/ddless-jmh/target/ddless-jmh.jar -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HashingBenchmark {
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(Segments.BUFFER_SIZE);
  private final SegmentHasher hasher = new SegmentHasher();
  private final long[] sums = new long[Segments.SEGMENTS_PER_BUFFER];
  private final CRC32 crc = new CRC32();

  @Setup
  public void fill() {
    byte[] data = new byte[Segments.BUFFER_SIZE];
    new Random(1).nextBytes(data);
    buffer.put(0, data);
  }

  /** Plain sequential MurmurHash2, one segment after the other (the original's algorithm). */
  @Benchmark
  public int murmurSerial() {
    int x = 0;
    for (int s = 0; s < Segments.SEGMENTS_PER_BUFFER; s++) {
      x += MurmurHash2.hash(buffer, s * Segments.SEGMENT_SIZE, Segments.SEGMENT_SIZE,
          Segments.MURMUR_SEED);
    }
    return x;
  }

  /** CRC-32 alone (JDK intrinsic on the direct buffer). */
  @Benchmark
  public long crc32() {
    long x = 0;
    ByteBuffer view = buffer.duplicate();
    for (int s = 0; s < Segments.SEGMENTS_PER_BUFFER; s++) {
      crc.reset();
      view.limit((s + 1) * Segments.SEGMENT_SIZE).position(s * Segments.SEGMENT_SIZE);
      crc.update(view);
      x += crc.getValue();
    }
    return x;
  }

  /** What ddless runs: 4 interleaved MurmurHash2 lanes with vectorised word mixing, plus CRC-32. */
  @Benchmark
  public long[] segmentHasher() {
    hasher.checksums(buffer, 0, Segments.BUFFER_SIZE, sums, 0);
    return sums;
  }
}
