package dev.sanctl.ddless;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills ddless (a real JVM) with SIGKILL at random moments, 20 times; the next run must always end
 * with a target identical to the source and a checksum file equal to a fresh checksum of the
 * target. Between some kill and re-run the source changes too (a new snapshot), which the
 * original's "checksum first" order would get wrong.
 */
class CrashSafetyTest {
  static final long SIZE = 64L * 1024 * 1024 - 5000;
  static final int ITERATIONS = 20;
  @TempDir Path dir;

  @Test
  void killedRunsAreRepairedByTheNextRun() throws Exception {
    Path src = TestFiles.random(dir.resolve("src"), SIZE, 0.3, 5);
    Path tgt = dir.resolve("tgt");
    Path sum = dir.resolve("tgt.ddless");
    Path fresh = dir.resolve("fresh.ddless");
    Random random = new Random(42);
    int killedWhileRunning = 0;
    int adopted = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      TestFiles.changeSegments(src, 100 + random.nextInt(400), random.nextLong());
      Process p = start(src, tgt, sum);
      try (var out =
          new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()))) {
        assertEquals("start", out.readLine(), "the copy JVM started");
        // the copy takes about a second (2 workers at 32 MiB/s each): kill somewhere inside it
        boolean finished = p.waitFor(random.nextInt(900), TimeUnit.MILLISECONDS);
        if (!finished) {
          p.destroyForcibly(); // SIGKILL on Linux
          p.waitFor();
          killedWhileRunning++;
        }
      }
      if (Files.exists(ChecksumStore.sibling(sum, ".ddless-tmp"))) adopted++;
      if (i % 3 == 0) TestFiles.changeSegments(src, 50, random.nextLong()); // a new snapshot
      DdlessCopy.run(CopyOptions.copy(src, tgt, sum).withWorkers(2));
      assertEquals(-1, Files.mismatch(src, tgt), "iteration " + i + ": target identical");
      DdlessCopy.run(CopyOptions.checksumOnly(tgt, fresh));
      assertArrayEquals(
          Files.readAllBytes(fresh),
          Files.readAllBytes(sum),
          "iteration " + i + ": checksum file equals a fresh checksum of the target");
    }
    assertTrue(killedWhileRunning >= ITERATIONS / 2, "killed mid-run " + killedWhileRunning);
    assertTrue(adopted >= 1, "an interrupted run's checksums were adopted " + adopted);
  }

  private static Process start(Path src, Path tgt, Path sum) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx128m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                CopyMain.class.getName(),
                src.toString(),
                tgt.toString(),
                sum.toString(),
                "2",
                "32"));
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }
}
