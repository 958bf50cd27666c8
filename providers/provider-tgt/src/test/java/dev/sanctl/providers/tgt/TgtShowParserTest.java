package dev.sanctl.providers.tgt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.spi.provider.ObserveException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TgtShowParserTest {
  static final Path FIXTURES = Path.of("../../fixtures/tgt/1.0.85/two-targets");

  static String fixture(String name) throws Exception {
    return Files.readString(FIXTURES.resolve(name));
  }

  @Test
  void parsesTargetsLunsAclsAccountsAndSessionsOfRealTgt() throws Exception {
    List<TgtTarget> targets = TgtShowParser.targets(fixture("show-target.txt"));
    assertEquals(2, targets.size());
    TgtTarget vol1 = targets.get(0);
    assertEquals(1, vol1.tid());
    assertEquals("iqn.2024-01.edu.example:vol1", vol1.iqn());
    assertEquals("ready", vol1.state());
    assertEquals(2, vol1.luns().size());
    assertTrue(vol1.luns().get(0).isController());
    TgtTarget.Lun data = vol1.dataLuns().get(0);
    assertEquals(1, data.lun());
    assertEquals("ID0001", data.scsiId());
    assertEquals("SN0001", data.scsiSn());
    assertEquals("/tmp/tgtt/lun1.img", data.backingStorePath());
    assertEquals(TgtSizes.printedMegabytes(100L << 20), data.sizeMb());
    assertEquals(List.of("127.0.0.1", "iqn.1993-08.org.debian:01:abc"), vol1.acl());
    assertEquals(List.of("alice"), vol1.accounts());
    assertEquals("bob", vol1.outgoingAccount());
    assertTrue(vol1.nexuses().isEmpty());

    TgtTarget vol2 = targets.get(1);
    assertEquals(List.of("ALL"), vol2.acl());
    assertEquals(2, vol2.nexuses().size());
    assertEquals("iqn.1993-08.org.debian:01:perfclient", vol2.nexuses().get(0).initiator());
    assertEquals(List.of("127.0.0.1"), vol2.nexuses().get(0).addresses());
    assertNull(vol2.outgoingAccount());
    assertEquals(TgtSizes.printedMegabytes(50L << 20), vol2.dataLuns().get(0).sizeMb());
  }

  @Test
  void parsesPortalsAndAccounts() throws Exception {
    assertEquals(List.of("127.0.0.1:3279"), TgtShowParser.portals(fixture("show-portal.txt")));
    assertEquals(List.of("bob", "alice"), TgtShowParser.accounts(fixture("show-account.txt")));
  }

  @Test
  void emptyDaemonHasNoTargets() throws Exception {
    assertTrue(TgtShowParser.targets("").isEmpty());
  }

  @Test
  void refusesOutputItDoesNotUnderstand() {
    ObserveException e =
        assertThrows(ObserveException.class, () -> TgtShowParser.targets("Something else\n"));
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
  }

  @Test
  void printedSizeMatchesTgtsFormula() {
    assertEquals(105, TgtSizes.printedMegabytes(104857600L));
    assertEquals(0, TgtSizes.printedMegabytes(0));
  }
}
