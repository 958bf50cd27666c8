package dev.sanctl.providers.cron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.spi.model.CronEntry;
import dev.sanctl.spi.model.SourceRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue #14: the managed block refuses what crontab(5) would read differently. */
class CronInjectionTest {
  static final String FOREIGN = "0 5 * * * /usr/local/bin/foreign\n";

  static CronEntry entry(String command, String comment) {
    return new CronEntry("0 1 * * *", command, comment, new SourceRef("cron.yaml", 3, 7));
  }

  @Test
  void aCommentEqualToTheEndMarkerWouldBreakTheBlockForGood() throws Exception {
    CrontabBlock.BlockException e =
        assertThrows(
            CrontabBlock.BlockException.class,
            () -> CrontabBlock.merge(FOREIGN, "c", List.of(entry("true", "END sanctl c"))));
    assertTrue(
        e.getMessage().startsWith("cron.yaml:3:7: cron comment 'END sanctl c'"), e.getMessage());
    // another cluster's marker is refused too, in any case and spacing
    assertThrows(
        CrontabBlock.BlockException.class,
        () -> CrontabBlock.render("c", List.of(entry("true", " begin  SANCTL other"))));
    String ok = CrontabBlock.merge(FOREIGN, "c", List.of(entry("true", "the END of sanctl c")));
    assertEquals(FOREIGN, ok.substring(0, FOREIGN.length()));
    assertEquals(ok, CrontabBlock.merge(ok, "c", List.of(entry("true", "the END of sanctl c"))));
  }

  @Test
  void anUnescapedPercentIsRefusedAndAnEscapedOneKept() throws Exception {
    CrontabBlock.BlockException e =
        assertThrows(
            CrontabBlock.BlockException.class,
            () -> CrontabBlock.render("c", List.of(entry("date +%F >> /tmp/x", null))));
    assertTrue(e.getMessage().contains("unescaped '%' at character 7"), e.getMessage());
    assertTrue(
        CrontabBlock.render("c", List.of(entry("date +\\%F >> /tmp/x", null)))
            .contains("\n0 1 * * * date +\\%F >> /tmp/x\n"));
  }

  @Test
  void unicodeLineSeparatorsAreRefused() {
    for (String s : new String[] {"a\u2028b", "a\u0085b", "a\u2029b", "a\rb", "a\u0000b"}) {
      assertThrows(
          CrontabBlock.BlockException.class,
          () -> CrontabBlock.render("c", List.of(entry(s, null))));
      assertThrows(
          CrontabBlock.BlockException.class,
          () -> CrontabBlock.render("c", List.of(entry("true", s))));
    }
  }
}
