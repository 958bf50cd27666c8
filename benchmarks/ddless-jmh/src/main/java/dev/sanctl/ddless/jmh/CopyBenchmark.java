package dev.sanctl.ddless.jmh;

import dev.sanctl.ddless.CopyOptions;
import dev.sanctl.ddless.CopyResult;
import dev.sanctl.ddless.DdlessCopy;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A hot no-change re-run of the whole engine in a warm JVM (no JVM start-up, JIT warmed): the
 * source stays in the page cache. Time per run; bytes/s = source size / time. The source is
 * {@code -Dddless.source=FILE} (e.g. the 2 GiB file of bench/ddless-bench.sh) or a 512 MiB random
 * file made in a temporary directory.
 *
 * <pre>
 *   java -Dddless.source=/var/tmp/ddless-bench/src -jar benchmarks/ddless-jmh/target/ddless-jmh.jar \
 *       CopyBenchmark -f 1 -wi 2 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CopyBenchmark {
  @Param({"1", "2"})
  public int workers;

  private Path dir;
  private Path source;
  private Path target;
  private Path checksum;

  @Setup(Level.Trial)
  public void prepare() throws IOException {
    dir = Files.createTempDirectory("ddless-jmh");
    String given = System.getProperty("ddless.source");
    if (given != null) {
      source = Path.of(given);
    } else {
      source = dir.resolve("src");
      byte[] chunk = new byte[1 << 20];
      Random r = new Random(1);
      try (RandomAccessFile f = new RandomAccessFile(source.toFile(), "rw")) {
        for (int i = 0; i < 512; i++) {
          r.nextBytes(chunk);
          f.write(chunk);
        }
      }
    }
    target = dir.resolve("tgt");
    checksum = dir.resolve("tgt.ddless");
    DdlessCopy.run(CopyOptions.copy(source, target, checksum).withWorkers(2));
  }

  @Benchmark
  public CopyResult noChangeRerun() throws IOException {
    CopyResult r = DdlessCopy.run(CopyOptions.copy(source, target, checksum).withWorkers(workers));
    if (r.segmentsChanged() != 0) throw new IllegalStateException("source changed");
    return r;
  }

  @TearDown(Level.Trial)
  public void clean() throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
