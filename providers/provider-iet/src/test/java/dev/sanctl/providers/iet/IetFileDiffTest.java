package dev.sanctl.providers.iet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a rewrite of an IET file takes away, as the planner classifies it (e.g. after import). */
class IetFileDiffTest {
  static final String IMPORTED =
      """
      ImmediateData Yes
      Target iqn.a
          IncomingUser vmc02 s3cret
          OutgoingUser out s3cret2
          Lun 0 Path=/dev/vg/a,Type=blockio,ScsiId=A1,ScsiSN=A1
          MaxConnections 1
          InitialR2T No
      Target iqn.b
          Lun 0 Path=/dev/vg/b,Type=blockio
      """;

  @Test
  void strippedSettingsAccountsAndStanzasAreNamed() {
    String rendered =
        """
        Target iqn.a
            Lun 0 Path=/dev/vg/a,Type=blockio,ScsiId=A1,ScsiSN=A1
            initialr2t No
        """;
    IetFileDiff d = IetFileDiff.of("ietd.conf", IMPORTED, rendered);
    assertEquals(List.of("iqn.b"), d.droppedTargets());
    assertEquals(List.of("global: ImmediateData", "iqn.a: MaxConnections"), d.removedSettings());
    assertEquals(
        List.of("iqn.a: IncomingUser vmc02", "iqn.a: OutgoingUser out"), d.removedAccounts());
    assertFalse(d.removesNothing());
  }

  @Test
  void changedValuesAndAddedLinesTakeNothingAway() {
    String more = IMPORTED.replace("MaxConnections 1", "MaxConnections 2") + "Target iqn.c\n";
    assertTrue(IetFileDiff.of("ietd.conf", IMPORTED, more).removesNothing());
  }

  @Test
  void anAllowFileAdmitsByLiteralRegexOrAllAndEveryoneWithoutALine() {
    IetFileDiff d =
        IetFileDiff.of(
            "initiators.allow",
            "iqn.a iqn\\.x:1, iqn\\.x:2\niqn.b ALL\niqn.c iqn\\.y:1\n",
            "iqn.a iqn\\.x:1\niqn.b ALL\niqn.d iqn\\.z:.*\n");
    assertEquals(List.of("iqn.c"), d.droppedTargets());
    assertTrue(d.admits("iqn.a", "iqn.x:1"));
    assertFalse(d.admits("iqn.a", "iqn.x:2"));
    assertTrue(d.admits("iqn.b", "iqn.anyone:1"));
    assertTrue(d.admits("iqn.d", "iqn.z:host7"));
    assertTrue(d.admits("iqn.c", "iqn.anyone:1"), "no line: IET admits every initiator");
  }
}
