package dev.sanctl.cli.ddless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.ExitCodes;
import dev.sanctl.testkit.CliRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** -s, -w and -d are declared once (ReadOptions) for ddless, ddless verify and ddless send. */
class DdlessReadOptionsTest {
  /** The first 40 characters of the option's line (help columns and wrapping differ). */
  private static String optionLine(String help, String option) {
    String line =
        help.lines()
            .filter(l -> l.strip().startsWith(option))
            .findFirst()
            .orElse("")
            .strip()
            .replaceAll("\\s+", " ");
    return line.substring(0, Math.min(40, line.length()));
  }

  @Test
  void theReadingCommandsDescribeTheirSharedOptionsAlike() {
    List<String> helps =
        List.of(
            CliRunner.run("ddless", "--help").out(),
            CliRunner.run("ddless", "verify", "--help").out(),
            CliRunner.run("ddless", "send", "--help").out());
    for (String option : List.of("-s=SRC", "-w=N", "-d ")) {
      String first = optionLine(helps.get(0), option);
      assertTrue(first.length() > option.length() + 5, option + " described: " + helps.get(0));
      for (String help : helps) assertEquals(first, optionLine(help, option), help);
    }
  }

  @Test
  void aMissingSourceIsAUsageError() {
    CliRunner.Result r = CliRunner.run("ddless", "send", "-w", "2");
    assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
    assertTrue(r.err().contains("a source is required: -s SRC"), r.toString());
  }
}
