package dev.sanctl.providers.iet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The proc, ietd.conf and allow-file parsers against the fixtures of fixtures/iet. */
class IetParsersTest {
  static String fixture(String name) throws IOException {
    return Files.readString(Path.of("../../fixtures/iet").resolve(name), StandardCharsets.UTF_8);
  }

  @Test
  void volumeOf1420HasSizesAndKeepsLingeringLuns() throws IOException {
    IetRuntime r = IetRuntime.parse(fixture("1.4.20/volume"), "");
    assertEquals(List.of(1, 2), List.copyOf(r.targets().keySet()));
    IetRuntime.Target t1 = r.targets().get(1);
    assertEquals("iqn.2001-04.edu.amherst:san1.vol1", t1.name());
    assertEquals(
        new IetRuntime.Lun(0, 0, "fileio", "wt", 2097152L, 512, "/dev/zvol/tank/vol1"),
        t1.luns().get(0));
    assertEquals(1073741824L, t1.luns().get(0).sizeBytes());
    assertEquals(1, t1.luns().get(1).state(), "deleted but referenced");
    assertNull(t1.lun(1), "a lingering LUN is not live");
    assertEquals("/dev/vg0/vol2", r.byName("iqn.2001-04.edu.amherst:san1.vol2").lun(0).path());
  }

  @Test
  void volumeOf1419HasNoSizes() throws IOException {
    IetRuntime r = IetRuntime.parse(fixture("volume-1.4.19.txt"), "");
    IetRuntime.Lun l = r.targets().get(2).lun(0);
    assertEquals("blockio", l.ioType());
    assertEquals("/dev/vg0/vol2", l.path());
    assertNull(l.sizeBytes());
  }

  @Test
  void sessionsWithConnectionsIpv6AndTargetsWithoutSessions() throws IOException {
    IetRuntime r = IetRuntime.parse("", fixture("session-ipv6.txt"));
    IetRuntime.Target t1 = r.targets().get(1);
    assertEquals(2, t1.sessions().size());
    assertEquals(
        List.of("iqn.1993-08.org.debian:01:e19b61b8377", "iqn.1998-01.com.vmware:esx1"),
        t1.initiators());
    IetRuntime.Session esx = t1.sessions().get(1);
    assertEquals("844427031282176", esx.sid());
    assertEquals(
        new IetRuntime.Connection(1, "[fe80:0000:0000:0000:5054:00ff:fe54:4d0c]", "active"),
        esx.connections().get(0));
    assertEquals(List.of(), r.targets().get(2).sessions());
    IetRuntime both = IetRuntime.parse(fixture("1.4.20/volume"), fixture("1.4.20/session"));
    assertEquals(
        List.of("iqn.1993-08.org.debian:01:e19b61b8377"), both.targets().get(1).initiators());
  }

  @Test
  void garbageInProcIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> IetRuntime.parse("hello\n", ""));
  }

  @Test
  void ietdConfStanzasGlobalsContinuationsAndComments() throws IOException {
    IetdConf c = IetdConf.parse(fixture("ietd.conf"));
    assertEquals(List.of(List.of("IncomingUser", "discovery", "discoverysecret")), c.global());
    IetdConf.Stanza vol1 = c.targets().get("iqn.2001-04.edu.amherst:san1.vol1");
    assertEquals("SN0001", vol1.lunParam(0, "ScsiSN"));
    assertEquals("/srv/img/vol2.img", vol1.lunParam(1, "path"));
    assertEquals(List.of(new IetdConf.Account("joe", "secret12chars")), vol1.incoming());
    assertEquals(new IetdConf.Account("jim", "othersecret12"), vol1.outgoing());
    assertEquals("262144", vol1.options().get("MaxRecvDataSegmentLength"), "continued line");
    assertEquals(
        Map.of(0, Map.of("path", "/dev/vg0/vol2", "type", "blockio")),
        c.targets().get("iqn.2001-04.edu.amherst:san1.vol2").luns());
  }

  @Test
  void allowFilesFirstLineWinsAndUnterminatedLinesAreSkipped() throws IOException {
    Map<String, List<String>> a = AllowFile.parse(fixture("initiators.allow"));
    assertEquals(
        List.of("iqn\\.1998-01\\.com\\.vmware:esx1", "iqn\\.1998-01\\.com\\.vmware:esx2"),
        a.get("iqn.2001-04.edu.amherst:san1.vol1"));
    assertEquals(List.of("ALL"), a.get("ALL"));
    Map<String, List<String>> t = AllowFile.parse(fixture("targets.allow-no-final-newline"));
    assertEquals(List.of("iqn.2001-04.edu.amherst:san1.vol1"), List.copyOf(t.keySet()));
  }

  @Test
  void initiatorNamesAreEscapedAsAnchoredRegexesAndBack() {
    String iqn = "iqn.1994-05.com.redhat:swiscsi.server01.apps";
    assertEquals("iqn\\.1994-05\\.com\\.redhat:swiscsi\\.server01\\.apps", AllowFile.escape(iqn));
    assertEquals(iqn, AllowFile.unescape(AllowFile.escape(iqn)));
  }
}
