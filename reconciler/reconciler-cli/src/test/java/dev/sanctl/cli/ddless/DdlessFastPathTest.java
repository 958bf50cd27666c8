package dev.sanctl.cli.ddless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The picocli-free {@code sanctl ddless} does exactly what the picocli command does, or declines.
 */
class DdlessFastPathTest {
  @TempDir Path dir;

  private record Run(Integer exit, String out, String err) {}

  private static Run fast(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Integer exit =
        dev.sanctl.cli.FastPaths.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(exit, out.toString(), err.toString());
  }

  /** The output with the run's timing and its directory blanked: the only parts that may differ. */
  private static String untimed(String s, Path d) {
    return s.replace(d.toString(), "D")
        .replaceAll("\"seconds\":[0-9.]+", "\"seconds\":T")
        .replaceAll("\"mbPerSecond\":[0-9.]+", "\"mbPerSecond\":T")
        .replaceAll("processing (time|performance) [0-9.]+", "processing $1 T");
  }

  @Test
  void plainCopiesGiveTheSameResultAsPicocli() throws Exception {
    byte[] data = new byte[3 * 1024 * 1024 + 99];
    new Random(9).nextBytes(data);
    Files.write(dir.resolve("src"), data);
    // run in turn, each side in its own directory D: first copies, re-runs, other modes, errors
    String[][] forms = {
      {"-s", "D/../src", "-t", "D/T", "-c", "D/S"},
      {"--json", "-w", "2", "-s", "D/../src", "-c", "D/S", "-q", "-t", "D/T"},
      {"-s", "D/../src", "-c", "D/only.sum", "--json"},
      {"-s", "D/missing", "-t", "D/x", "-c", "D/y"},
      {"-s", "D/../src", "-t", "D/T", "-w", "0", "-c", "D/y"},
      {"-s", "D/../src", "-t", "D/T"},
      {"-s", "D", "-t", "D/T", "-c", "D/S"},
    };
    Path fastDir = Files.createDirectory(dir.resolve("fast"));
    Path picoDir = Files.createDirectory(dir.resolve("pico"));
    for (String[] form : forms) {
      String what = "ddless " + String.join(" ", form);
      Run f = fast(in(fastDir, form));
      assertNotNull(f.exit(), what);
      CliRun p = CliRun.of(in(picoDir, form));
      assertEquals(p.exit(), f.exit(), what);
      assertEquals(untimed(p.out(), picoDir), untimed(f.out(), fastDir), what);
      assertEquals(untimed(p.err(), picoDir), untimed(f.err(), fastDir), what);
    }
  }

  private static String[] in(Path d, String[] form) {
    String[] args = new String[form.length + 1];
    args[0] = "ddless";
    for (int i = 0; i < form.length; i++) {
      args[i + 1] =
          form[i].equals("D") || form[i].startsWith("D/") ? d + form[i].substring(1) : form[i];
    }
    return args;
  }

  @Test
  void everythingElseIsLeftToPicocli() {
    String[][] declined = {
      {"ddless"},
      {"ddless", "-p"},
      {"ddless", "--help"},
      {"ddless", "-v", "-s", "a", "-t", "b", "-c", "c"},
      {"ddless", "verify", "-s", "a", "-c", "b"},
      {"ddless", "-s", "a", "-s", "b"},
      {"ddless", "-s"},
      {"ddless", "-s", "-t"},
      {"ddless", "-s=a", "-t", "b", "-c", "c"},
      {"ddless", "-db", "-s", "a"},
      {"ddless", "-s", "a", "-w", "two"},
      {"ddless", "-s", "a", "--map-name", "t.0"},
      {"ddless", "-s", "a", "--zone-mb", "16"},
      {"-q", "ddless", "-s", "a"},
      {"validate"},
    };
    for (String[] args : declined) {
      assertNull(DdlessFastPath.parse(args), String.join(" ", args));
    }
  }
}
