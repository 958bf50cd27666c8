package dev.sanctl.cli.ddless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressBarTest {
  private static final long GIB = 1L << 30;

  @Test
  void theLineShowsBarPercentageBytesRateAndEta() {
    assertEquals(
        "[=========>          ]  47.5%  1.9 GiB of 4.0 GiB  2.04 GB/s  ETA 0:02",
        ProgressLine.render(GIB * 19 / 10, 4 * GIB, 1_000_000_000L));
    assertEquals(
        "[====================] 100.0%  4.0 GiB of 4.0 GiB  2.15 GB/s  ETA 0:00",
        ProgressLine.render(4 * GIB, 4 * GIB, 2_000_000_000L));
  }

  @Test
  void beforeAnythingIsDoneRateAndEtaAreUnknown() {
    assertEquals(
        "[>                   ]   0.0%  0 B of 512.0 MiB  -- GB/s  ETA --:--",
        ProgressLine.render(0, 512L << 20, 0));
  }

  @Test
  void longCopiesShowHours() {
    assertEquals("1:01:05", ProgressLine.duration(3665));
    assertEquals("59:59", ProgressLine.duration(3599));
    assertEquals("0:07", ProgressLine.duration(7));
    assertEquals("2.0 TiB", ProgressLine.size(2L << 40));
  }

  @Test
  void redrawsInPlaceWithAFakeClockAndErasesAtTheEnd() {
    long[] now = {5_000_000_000L};
    AtomicLong progress = new AtomicLong();
    StringWriter text = new StringWriter();
    ProgressBar bar = new ProgressBar(progress, 4 * GIB, new PrintWriter(text), () -> now[0]);
    progress.set(GIB);
    now[0] += 500_000_000L;
    bar.draw();
    progress.set(2 * GIB);
    now[0] += 500_000_000L;
    bar.draw();
    bar.close();
    String first = "[=====>              ]  25.0%  1.0 GiB of 4.0 GiB  2.15 GB/s  ETA 0:02";
    String second = "[==========>         ]  50.0%  2.0 GiB of 4.0 GiB  2.15 GB/s  ETA 0:01";
    assertEquals(
        "\r" + first + "\r" + second + "\r" + " ".repeat(second.length()) + "\r", text.toString());
  }

  @Test
  void shownOnlyOnATerminalAndNeverWhenQuiet() {
    assertTrue(ProgressBar.wanted(false, true, 1));
    assertFalse(ProgressBar.wanted(true, true, 1), "-q");
    assertFalse(ProgressBar.wanted(false, false, 1), "standard error not a terminal");
    assertFalse(ProgressBar.wanted(false, true, 0), "nothing to copy");
  }

  @Test
  void aCopyWithStandardErrorNotATerminalPrintsNoProgress(@TempDir Path dir) throws Exception {
    assertFalse(ProgressBar.stderrIsTerminal(), "the test JVM's standard error is a pipe or file");
    byte[] data = new byte[3 * 1024 * 1024];
    new Random(5).nextBytes(data);
    Path src = Files.write(dir.resolve("src"), data);
    String[] copy = {
      "ddless",
      "-s",
      src.toString(),
      "-t",
      dir.resolve("t").toString(),
      "-c",
      dir.resolve("t.ddless").toString()
    };
    CliRun r = CliRun.of(copy);
    assertEquals(ExitCodes.OK, r.exit(), r.err());
    assertEquals("", r.err(), "no progress (and no carriage returns) on a non-terminal");
    CliRun quiet =
        CliRun.of(
            java.util.stream.Stream.concat(
                    java.util.stream.Stream.of("-q"), java.util.Arrays.stream(copy))
                .toArray(String[]::new));
    assertEquals(ExitCodes.OK, quiet.exit(), quiet.err());
    assertEquals("", quiet.err());
  }
}
