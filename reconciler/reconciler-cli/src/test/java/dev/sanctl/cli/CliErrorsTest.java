package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.testkit.CliRunner;
import dev.sanctl.testkit.CliRunner.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors escaping a command are one clean message, never a Java class name (issue #19). */
class CliErrorsTest {
  @TempDir Path tmp;

  @Test
  void aValueThatCannotBeConvertedIsAUsageErrorWithoutJavaClassNames() {
    Result r =
        CliRunner.run(
            "snaprotate",
            "plan",
            "--listing",
            tmp.resolve("listing").toString(),
            "--rules",
            "d:daily:3",
            "--now",
            "yesterday");
    assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
    String first = r.err().split("\n")[0];
    assertTrue(first.startsWith("sanctl: error: Invalid value for option '--now'"), r.toString());
    assertTrue(first.contains("e.g. 2024-12-31T12:00:00Z"), r.toString());
    assertFalse(r.err().contains("Exception"), r.toString());
    assertFalse(r.err().contains("java."), r.toString());
  }

  @Test
  void aRuntimeErrorOfACommandIsOneLineInWords() throws IOException {
    Path sim = tmp.resolve("sim");
    Files.createDirectories(sim);
    Files.writeString(sim.resolve("cluster.state"), "");
    Result r = CliRunner.run("sim", "fault", sim.toString(), "san-a", "--slow", "1.23456");
    assertEquals(ExitCodes.ERROR, r.exitCode(), r.toString());
    assertEquals(
        "sanctl: error: --slow 1.23456: give seconds, at most 3 decimals (e.g. 1.5)\n",
        r.err(),
        r.toString());
  }

  @Test
  void wrappedExceptionsShowTheirCauseInWords() {
    assertEquals(
        "/x/y: no such file or directory",
        CliErrors.message(new UncheckedIOException(new NoSuchFileException("/x/y"))));
    assertEquals(
        "/x/y: no such file or directory",
        CliErrors.message(new IllegalStateException(new NoSuchFileException("/x/y"))));
    assertEquals("disk on fire", CliErrors.message(new IOException("disk on fire")));
    String npe = CliErrors.message(new NullPointerException());
    assertFalse(npe.contains("NullPointer"), npe);
    assertTrue(npe.startsWith("internal error"), npe);
  }
}
