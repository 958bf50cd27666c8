package dev.sanctl.providers.comstar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The listing parsers against the formats reference. */
class ComstarParsersTest {
  @Test
  void listLuOfTheOmniosCapture() throws Exception {
    String out = Files.readString(Path.of("../../fixtures/comstar/omnios-stmfadm-list-lu-v.txt"));
    Map<String, Map<String, String>> lus = ComstarParsers.listLu(out);
    Map<String, String> lu = lus.get("600144F721DCA2888BA402E411EE3AF1");
    assertEquals("/dev/zvol/rdsk/pool1/vm-109-disk-1", lu.get("Data File"));
    assertEquals("6442450944", lu.get("Size"));
    assertEquals("not set", lu.get("Serial Num"));
    assertEquals("SUN     ", lu.get("Vendor ID"));
  }

  @Test
  void viewsGroupsTargetsAndTpgs() throws Exception {
    assertEquals(
        List.of(new ComstarObservation.View(0, "esx-cluster", null, 3)),
        ComstarParsers.listView(
            "View Entry: 0\n    Host group   : esx-cluster\n"
                + "    Target group : All\n    LUN          : 3\n"));
    assertEquals(
        Map.of(
            "esx-cluster",
            List.of("iqn.1998-01.com.vmware:esx01-6a1b2c3d", "wwn.2100001B32A1B2C3")),
        ComstarParsers.listGroups(
            "Host Group: esx-cluster\n"
                + "\tMember: iqn.1998-01.com.vmware:esx01-6a1b2c3d\n"
                + "\tMember: wwn.2100001B32A1B2C3\n",
            "Host Group"));
    String targets =
        "TARGET NAME                                                  STATE    SESSIONS \n"
            + "iqn.2010-08.org.illumos:02:e2a1c2b4-0f6e-4a5e-9d1c-8c0a5f0b1a22\tonline   1        \n"
            + "\talias:              \t-\n\tauth:               \tnone (defaults)\n"
            + "\ttargetchapuser:     \t-\n\ttargetchapsecret:   \tunset\n"
            + "\ttpg-tags:           \ttpg1 = 2,tpg2 = 3\n"
            + "iqn.2010-08.org.illumos:02:san1-vol1                         offline  0        \n"
            + "\talias:              \tvol1\n\tauth:               \tchap \n"
            + "\ttargetchapuser:     \tsan1\n\ttargetchapsecret:   \tset\n"
            + "\ttpg-tags:           \tdefault\n";
    assertEquals(
        Map.of(
            "iqn.2010-08.org.illumos:02:e2a1c2b4-0f6e-4a5e-9d1c-8c0a5f0b1a22",
            List.of("tpg1", "tpg2"),
            "iqn.2010-08.org.illumos:02:san1-vol1",
            List.of()),
        ComstarParsers.itadmTargets(targets));
    assertEquals(
        Map.of("tpg1", List.of("192.168.10.5:3260", "192.168.11.5:3260")),
        ComstarParsers.itadmTpgs(
            "TARGET PORTAL GROUP           PORTAL COUNT\n"
                + "tpg1                          2        \n"
                + "    portals:\t192.168.10.5:3260,192.168.11.5:3260\n"));
  }
}
