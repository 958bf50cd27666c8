package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.testkit.CliRunner;
import dev.sanctl.testkit.CliRunner.Result;
import org.junit.jupiter.api.Test;

/** The command-line surface: help, version, unknown commands and options (issue #19). */
class CliConventionsTest {
  @Test
  void bareSanctlPrintsTheHelpAndExits64() {
    Result r = CliRunner.run();
    assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
    assertTrue(r.err().contains("Usage: sanctl"), r.toString());
    assertTrue(r.err().contains("validate"), r.toString());
  }

  @Test
  void aCommandGroupWithoutSubcommandPrintsItsHelpAndExits64() {
    for (String group : new String[] {"sim", "snaprotate", "backup"}) {
      Result r = CliRunner.run(group);
      assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
      assertTrue(r.err().contains("Usage: sanctl " + group), r.toString());
    }
  }

  @Test
  void versionSubcommandPrintsWhatVersionOptionPrints() {
    Result option = CliRunner.run("--version");
    Result command = CliRunner.run("version");
    assertEquals(ExitCodes.OK, command.exitCode(), command.toString());
    assertTrue(command.out().startsWith("sanctl "), command.toString());
    assertEquals(option.out(), command.out());
  }

  @Test
  void anUnknownCommandIsAnErrorEvenWithHelp() {
    for (String[] args :
        new String[][] {{"nosuchcmd"}, {"nosuchcmd", "--help"}, {"sim", "nosuch", "--help"}}) {
      Result r = CliRunner.run(args);
      assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
      assertTrue(r.err().startsWith("sanctl: error: unknown command 'nosuch"), r.toString());
      assertTrue(r.err().contains("--help' for more information."), r.toString());
      assertFalse(r.out().contains("Commands:"), r.toString());
      assertFalse(r.err().contains("Commands:"), r.toString());
    }
  }

  @Test
  void anUnknownOptionPrintsTheErrorTheSynopsisAndAHintNotTheWholeHelp() {
    Result r = CliRunner.run("plan", "--no-such-option");
    assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
    String[] lines = r.err().split("\n");
    assertEquals("sanctl: error: Unknown option: '--no-such-option'", lines[0], r.toString());
    assertTrue(r.err().contains("Usage: sanctl plan "), r.toString());
    assertTrue(r.err().contains("Try 'sanctl plan --help' for more information."), r.toString());
    assertFalse(r.err().contains("Observe live state"), "no description: " + r);
    assertFalse(r.err().contains("--detailed-exitcode  "), "no option list: " + r);
  }
}
