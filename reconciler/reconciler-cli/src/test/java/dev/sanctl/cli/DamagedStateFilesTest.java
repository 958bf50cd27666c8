package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.support.CliRun;
import dev.sanctl.core.apply.Journal;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged journal line or state record is named with file:line and how to recover. */
class DamagedStateFilesTest {
  @TempDir Path tmp;

  @Test
  void aGarbageJournalLineDoesNotBlockApplyAndIsNamedWithItsLine() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    Path journal = c.stateDir.resolve("journal.jsonl");
    Files.createDirectories(c.stateDir);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write("{\"event\": \"apply-start\", \"run\": \"r1\"}\n".getBytes(StandardCharsets.UTF_8));
    bytes.write(new byte[] {'{', (byte) 0xff, (byte) 0xfe, '\n'});
    bytes.write("garbage\n".getBytes(StandardCharsets.UTF_8));
    bytes.write("{\"event\": \"apply-end\", \"run\": \"r1\", \"status\": \"ok\"}\n".getBytes());
    Files.write(journal, bytes.toByteArray());

    CliRun.Result apply = c.cluster("apply", "--auto-approve");
    assertEquals(ExitCodes.OK, apply.exit(), apply.toString());
    assertTrue(
        apply.err().contains("sanctl: warning: " + journal + ":2: not UTF-8 text; the line is"),
        apply.err());
    assertTrue(apply.err().contains(journal + ":3: not a JSON event ("), apply.err());
    assertTrue(apply.err().contains("mv " + journal + " " + journal + ".damaged"), apply.err());

    CliRun.Result status = c.cluster("status");
    assertTrue(status.err().contains(journal + ":3: "), status.toString());
  }

  @Test
  void anEventAfterATornLineStartsOnItsOwnLine() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    Path journal = c.stateDir.resolve("journal.jsonl");
    Files.createDirectories(c.stateDir);
    Files.writeString(journal, "{\"event\": \"command-st");
    assertEquals(ExitCodes.OK, c.cluster("apply", "--auto-approve").exit());
    List<Journal.Damage> damage = Journal.damage(c.stateDir);
    assertEquals(1, damage.size(), damage.toString());
    assertEquals(1, damage.get(0).line());
    assertTrue(Journal.lastUnfinished(c.stateDir).isEmpty(), "the apply's own events are intact");
  }

  @Test
  void aCorruptLastApplyIsReportedWithItsPositionNotAsNever() throws Exception {
    CliRun c = CliRun.quickstart(tmp);
    Files.createDirectories(c.stateDir);
    Path record = c.stateDir.resolve("last-apply.json");
    Files.writeString(record, "{\"status\": \"ok\",\n  \"time\": }\n", StandardOpenOption.CREATE);
    CliRun.Result r = c.cluster("status");
    assertEquals(ExitCodes.ERROR, r.exit(), r.toString());
    assertFalse(r.out().contains("Last apply: never"), r.out());
    assertTrue(r.out().startsWith("Last apply: unreadable\nLast drift check: never\n"), r.out());
    assertTrue(r.err().startsWith("sanctl: error: " + record + ":2:"), r.err());
    assertTrue(r.err().contains("not valid JSON"), r.err());
    assertTrue(r.err().contains("mv " + record + " " + record + ".damaged"), r.err());
  }
}
