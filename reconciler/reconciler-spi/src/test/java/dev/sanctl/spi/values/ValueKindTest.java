package dev.sanctl.spi.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueKindTest {
  /** Separators Java's {@code .} and {@code \s} miss, and other invisible characters. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "a\nb", "a\rb", "a\tb", "a\u0000b", "a\u0085b", "a\u2028b", "a\u2029b", "a\u000bb",
        "a\u001bb", "a\u007fb", "a\u00a0b", "a\u200bb", "a\u202eb", "a\ufeffb", "ab\n", "ab\u2028"
      })
  void noKindCarriesALineBreakOrAnInvisibleCharacter(String value) {
    for (ValueKind k : ValueKinds.ALL) {
      String v = k == NodePath.KIND ? "/" + value : value;
      String problem = k.check(v);
      assertNotNull(problem, k + " accepted " + v.codePoints().boxed().toList());
      assertTrue(problem.contains("U+"), problem);
      assertFalse(problem.contains("\n") || problem.contains("\r"), problem);
    }
  }

  @Test
  void theReportedInjectionsAreRefusedWithTheAllowedSet() {
    String p = Serial.KIND.check("S,Path=/dev/v/db");
    assertEquals(
        "serial 'S,Path=/dev/v/db' contains ',' at character 2; a serial is "
            + Serial.KIND.allowed(),
        p);
    assertNotNull(Serial.KIND.check("S,readonly=1"));
    assertTrue(Serial.KIND.check("$(id>/tmp/p)").contains("'$' at character 1"));
    assertTrue(IetOptionValue.KIND.check("No,Wthreads=1").contains("','"));
    assertTrue(
        IetOptionValue.KIND
            .check("No\nTarget iqn.x")
            .contains("U+000A LINE FEED (LF) at character 3"));
    assertEquals(
        "cron comment 'END sanctl quickstart' reads as a sanctl block marker; a cron comment is "
            + CronComment.KIND.allowed(),
        CronComment.KIND.check("END sanctl quickstart"));
    assertNotNull(CronComment.KIND.check("  begin   SANCTL other -- managed"));
    assertTrue(CronCommand.KIND.check("date +%F").contains("unescaped '%' at character 7"));
    assertNull(CronCommand.KIND.check("date +\\%F > /tmp/x 2>&1; echo \"$HOME\" | cat"));
    assertTrue(IetOptionKey.KIND.check("Target").contains("stanza keyword"));
    assertTrue(IetOptionKey.KIND.check("lun").contains("stanza keyword"));
  }

  @Test
  void everydayValuesPass() {
    assertNull(Serial.KIND.check("AMHDSK-100415-01"));
    assertNull(IetOptionValue.KIND.check("262144"));
    assertNull(IetOptionValue.KIND.check("No"));
    assertNull(IetOptionKey.KIND.check("MaxRecvDataSegmentLength"));
    assertNull(Comment.KIND.check("VMware datastore 01 — Zürich, 2nd floor (rack #4)"));
    assertNull(Comment.KIND.check(""));
    assertNull(CronComment.KIND.check("10:00pm daily rotation"));
    assertNull(CronCommand.KIND.check("sanctl snaprotate run --all"));
    assertNull(NodePath.KIND.check("/srv/sanctl/vg_lab/lun_lab01.img"));
    assertNull(ChapUser.KIND.check("vmc02"));
    assertNull(ChapSecret.KIND.check("chap-secret-0123456789"));
    assertNull(IscsiName.KIND.check("iqn.1994-05.com.redhat:web01"));
    assertNull(PortalAddress.KIND.check("[fe80::1]:3260"));
    assertNull(ZfsPropertyValue.KIND.check("lz4"));
    assertNull(LuAlias.KIND.check("db 01"));
    assertNull(StmfHaWord.KIND.check("tank/vols/db:1"));
    assertNull(LocalPath.KIND.check("~/.ssh/id_ed25519"));
  }

  @Test
  void limitsAndLeadingDashes() {
    assertTrue(Serial.KIND.check("A".repeat(17)).contains("17 bytes long, more than 16"));
    assertTrue(Serial.KIND.check("").contains("is empty"));
    assertTrue(Serial.KIND.check("-x").contains("starts with '-'"));
    assertTrue(IscsiName.KIND.check("-iqn").contains("starts with '-'"));
    assertTrue(CronCommand.KIND.check("   ").contains("blank"));
    assertTrue(CronCommand.KIND.check("x".repeat(1000)).contains("1000 bytes"));
    assertTrue(LuAlias.KIND.check(" x").contains("space"));
    assertTrue(NodePath.KIND.check("srv/x").contains("'s' at character 1"));
  }

  @Test
  void secretsAreNeverShown() {
    String p = ChapSecret.KIND.check("pa ss$(id)");
    assertEquals(
        "CHAP secret contains U+0020 SPACE; a CHAP secret is " + ChapSecret.KIND.allowed(), p);
    UnsafeValueException e =
        assertThrows(
            UnsafeValueException.class, () -> ChapSecret.KIND.require("hunter2,x", "target iqn.x"));
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    assertTrue(e.getMessage().startsWith("target iqn.x: CHAP secret contains ','"), e.getMessage());
    assertEquals(ChapSecret.KIND, e.kind());
  }

  @Test
  void requireReturnsTheValueUnchanged() {
    assertEquals("FIX-0001", Serial.KIND.require("FIX-0001"));
    assertEquals(15, ValueKinds.ALL.size());
    assertEquals(ValueKinds.ALL.size(), List.copyOf(ValueKinds.ALL).stream().distinct().count());
  }

  @Test
  void theLengthLimitCountsUtf8BytesAsTheEncoderDoes() {
    ValueKind anything =
        new ValueKind("test value", "anything", 5) {
          @Override
          protected boolean allowedAt(int c, int index) {
            return true;
          }
        };
    java.util.Random random = new java.util.Random(18);
    char[] alphabet = {'a', '\u00e9', '\u20ac', '\ud83d', '\ude00', '\ud800', '\udfff', '\uffff'};
    for (int n = 0; n < 20_000; n++) {
      char[] c = new char[random.nextInt(8)];
      for (int i = 0; i < c.length; i++) c[i] = alphabet[random.nextInt(alphabet.length)];
      String v = new String(c);
      int bytes = v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      String problem = anything.check(v);
      if (v.isEmpty()) {
        assertTrue(problem.contains("is empty"), problem);
      } else if (bytes > 5) {
        assertTrue(problem.contains(" is " + bytes + " bytes long, more than 5"), problem);
      } else {
        assertNull(problem, v.chars().boxed().toList().toString());
      }
    }
  }
}
