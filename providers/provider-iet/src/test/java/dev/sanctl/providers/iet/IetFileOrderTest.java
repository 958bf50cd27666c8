package dev.sanctl.providers.iet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which differences of IET config files are order only (not planned) and which are real. */
class IetFileOrderTest {
  static final String A = "Target iqn.a\n    Lun 0 Path=/dev/vg/a,Type=blockio\n";
  static final String B = "Target iqn.b\n    # b\n    Lun 0 Path=/dev/vg/b,Type=blockio\n";
  static final String G = "ImmediateData Yes\n";

  static boolean conf(String x, String y) {
    return IetFileOrder.equivalent("ietd.conf", x, y);
  }

  static boolean allow(String x, String y) {
    return IetFileOrder.equivalent("initiators.allow", x, y);
  }

  @Test
  void stanzasInAnotherOrderAreTheSameConfig() {
    assertTrue(conf(G + A + B, G + B + A));
    assertTrue(
        conf(
            G + A + "# Target iqn.c is offline (state: offline)\n" + B,
            G + B + A + "# Target iqn.c is offline (state: offline)\n"));
  }

  /**
   * After a failover the HA agent leaves a group's offline notes on the old holder (they name no
   * stanza) and repeats them on a failover back: for ietd they are comments, not a change.
   */
  @Test
  void offlineNotesLeftOrRepeatedByTheHaAgentAreNoChange() {
    String note = "# Target iqn.c is offline (state: offline)\n";
    assertTrue(conf(G + A + note, G + A));
    assertTrue(conf(G + note, G));
    assertTrue(conf(G + A + note + B + note, G + A + B + note));
    assertFalse(conf(G + note, G + A), "a stanza is still a change");
    assertFalse(conf(G + "# a comment of the administrator\n", G), "only sanctl's notes");
  }

  @Test
  void anyOtherDifferenceOfAConfigIsReal() {
    assertFalse(conf(G + A + B, G + A));
    assertFalse(conf(G + A + B, G + A + B.replace("vg/b", "vg/c")));
    assertFalse(conf(G + A + B, G + A + B.strip()), "a last line without newline is skipped");
    assertFalse(
        conf(A + A.replace("vg/a", "vg/x"), A.replace("vg/a", "vg/x") + A),
        "the first of two stanzas of one target wins");
    assertFalse(
        conf(A + "    MaxConnections 1\n" + B, A + B + "    MaxConnections 1\n"),
        "a line moved from one stanza to another");
  }

  @Test
  void allowLinesOfDifferentTargetsBeforeAllMayBeReordered() {
    assertTrue(allow("iqn.a x\niqn.b y\nALL ALL\n", "iqn.b y\niqn.a x\nALL ALL\n"));
    assertFalse(
        allow("iqn.a x\nALL ALL\niqn.b y\n", "iqn.a x\niqn.b y\nALL ALL\n"),
        "a line after ALL never matches");
    assertFalse(allow("iqn.a x\niqn.a y\n", "iqn.a y\niqn.a x\n"), "the first line wins");
    assertFalse(allow("iqn.a x\niqn.b y\n", "iqn.b y\niqn.a x"));
  }
}
