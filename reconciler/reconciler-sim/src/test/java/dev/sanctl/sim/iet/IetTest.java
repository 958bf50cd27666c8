package dev.sanctl.sim.iet;

import static dev.sanctl.sim.TestClusters.sh;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sanctl.sim.Fixtures;
import dev.sanctl.sim.NodeFlags;
import dev.sanctl.sim.SimCluster;
import dev.sanctl.sim.TestClusters;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IetTest {
  private static final String VOL1 = "iqn.2001-04.edu.amherst:san1.vol1";
  private static final String VOL2 = "iqn.2001-04.edu.amherst:san1.vol2";

  @TempDir Path dir;
  SimCluster c;

  @BeforeEach
  void init() throws Exception {
    c = TestClusters.amherst(dir.resolve("sim"));
  }

  private CommandResult ok(String node, String... argv) throws Exception {
    CommandResult r = c.run(node, argv);
    assertEquals(0, r.exitStatus(), String.join(" ", argv) + ": " + r.err());
    assertEquals("", r.out() + r.err(), "ietadm and lvcreate... print nothing else");
    return r;
  }

  /** {@code ietadm --op new ARGS} on san1, which must succeed. */
  private void ietadmNew(String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("ietadm", "--op", "new"));
    argv.addAll(List.of(args));
    ok("san1", argv.toArray(String[]::new));
  }

  /** Adds LUN {@code lun} with {@code params} to target {@code tid} (ietadm's {@code =} forms). */
  private void newLun(int tid, int lun, String params) throws Exception {
    ietadmNew("--tid=" + tid, "--lun=" + lun, "--params", params);
  }

  private void check(CommandResult r, int status, String stderr) {
    assertEquals(stderr, r.err());
    assertEquals(status, r.exitStatus());
  }

  @Test
  void ietadmOptionsAreParsedAsGetoptLongDoes() throws Exception {
    ok("san1", "ietadm", "-onew", "-t", "1", "-p", "Name=" + VOL1);
    check(
        c.run("san1", "ietadm", "--op", "delete", "extra", "--tid=1", "more"),
        255,
        "unrecognized: extramore\nTry `ietadm --help' for more information.\n");
    check(
        c.run("san1", "ietadm", "--op", "delete", "-t"),
        255,
        "ietadm: option requires an argument -- 't'\n"
            + "Try `ietadm --help' for more information.\n");
    check(
        c.run("san1", "ietadm", "--op=delete", "--tid=1", "--user=x"),
        255,
        "ietadm: option '--user' doesn't allow an argument\n"
            + "Try `ietadm --help' for more information.\n");
    ok("san1", "ietadm", "--op=delete", "--tid=1");
  }

  @Test
  void volumeFileMatchesTheReferenceExample() throws Exception {
    sh(c, "san1", "lvcreate -L 10G -n vol2 vg0");
    sh(c, "san1", "lvcreate -L 1G -n ro1 vg0");
    c.run("san1", "mkdir", "-p", "/dev/zvol/tank");
    sh(c, "san1", "truncate -s 1G /dev/zvol/tank/vol1");
    ietadmNew("--tid=1", "--params", "Name=" + VOL1);
    newLun(1, 0, "Path=/dev/zvol/tank/vol1,Type=fileio");
    newLun(1, 1, "Path=/dev/vg0/ro1,Type=blockio,IOMode=ro,BlockSize=4096");
    ietadmNew("--tid", "2", "--params", "Name=" + VOL2);
    ietadmNew(
        "--tid",
        "2",
        "--lun",
        "0",
        "--params",
        "Path=/dev/vg0/vol2,Type=blockio,ScsiId=vol2,ScsiSN=SN0002,IOMode=wb");
    c.addSession("san1", VOL1, "iqn.1993-08.org.debian:01:e19b61b8377", "192.168.69.3");
    ok("san1", "ietadm", "--op", "delete", "--tid=1", "--lun=1");

    assertEquals(
        Fixtures.text("iet/1.4.20/volume"), c.run("san1", "cat", "/proc/net/iet/volume").out());

    c.setFlag("san1", NodeFlags.IET_VERSION, "1.4.19");
    assertEquals(
        Fixtures.text("iet/1.4.20/volume").replaceAll(" blocks:\\d+ blocksize:\\d+", ""),
        c.run("san1", "cat", "/proc/net/iet/volume").out());

    c.removeSession("san1", VOL1, "iqn.1993-08.org.debian:01:e19b61b8377", "192.168.69.3");
    assertEquals(
        "tid:2 name:"
            + VOL2
            + "\n"
            + "\tlun:0 state:0 iotype:blockio iomode:wt path:/dev/vg0/vol2\n"
            + "tid:1 name:"
            + VOL1
            + "\n"
            + "\tlun:0 state:0 iotype:fileio iomode:wt path:/dev/zvol/tank/vol1\n",
        c.run("san1", "cat", "/proc/net/iet/volume").out(),
        "a LUN deleted in use disappears when its last session logs out");
  }

  @Test
  void sessionFileMatchesTheReferenceExample() throws Exception {
    String t1 = "iqn.2012-11.com.bayour:share.tests.iscsi1";
    String t3 = "iqn.2010-02.be.linux-training:storage.lun3";
    ietadmNew("--tid=1", "--params", "Name=" + t1);
    ietadmNew("--tid=3", "--params", "Name=" + t3);
    c.addSession("san1", t1, "iqn.1993-08.org.debian:01:e19b61b8377", "192.168.69.3");
    // IET packs ISID and TSIH into the sid; pick the ones of the reference capture.
    c.onNode(
        "san1",
        n -> {
          n.iet().nextTsih = 0x13;
          n.iet().nextIsidQualifier = 0x03;
          return null;
        });
    c.addSession("san1", t3, "iqn.1993-08.org.debian:01:8983ed2d770", "192.168.1.35");
    assertEquals(
        Fixtures.text("iet/1.4.20/session"), c.run("san1", "cat", "/proc/net/iet/session").out());
    assertEquals("", c.run("san2", "cat", "/proc/net/iet/session").out());
  }

  @Test
  void newestSessionFirstAndSessionsBlockTargetDeletion() throws Exception {
    ietadmNew("--tid=1", "--params", "Name=" + VOL1);
    c.addSession("san1", VOL1, "iqn.a:one", "10.0.0.1");
    c.addSession("san1", VOL1, "iqn.a:two", "[fe80:0000:0000:0000:5054:00ff:fe54:4d0c]");
    String s = c.run("san1", "cat", "/proc/net/iet/session").out();
    // sid = TSIH << 48 | the open-iscsi ISID 00 02 3d QQ 00 00 read little-endian
    long second = (2L << 48) | (0x29L << 24) | 0x3d0200L;
    assertEquals(
        "tid:1 name:"
            + VOL1
            + "\n"
            + "\tsid:"
            + second
            + " initiator:iqn.a:two\n"
            + "\t\tcid:0 ip:[fe80:0000:0000:0000:5054:00ff:fe54:4d0c] state:active hd:none"
            + " dd:none\n"
            + "\tsid:281475651797504 initiator:iqn.a:one\n"
            + "\t\tcid:0 ip:10.0.0.1 state:active hd:none dd:none\n",
        s);
    check(sh(c, "san1", "ietadm --op delete --tid=1"), 240, "Device or resource busy.\n");
    ok("san1", "ietadm", "--op", "delete", "--tid=1", "--sid=" + second, "--cid=0");
    c.removeSession("san1", VOL1, "iqn.a:one", null);
    ok("san1", "ietadm", "--op", "delete", "--tid=1");
    assertEquals("", c.run("san1", "cat", "/proc/net/iet/volume").out());
    assertThrows(
        IllegalArgumentException.class, () -> c.addSession("san1", VOL1, "iqn.a:one", "10.0.0.1"));
  }

  @Test
  void errorsAreStrerrorWithTheNegativeErrnoAsExitStatus() throws Exception {
    ietadmNew("--tid=1", "--params", "Name=" + VOL1);
    check(
        c.run("san1", "ietadm", "--op", "new", "--tid=1", "--params", "Name=" + VOL2),
        239,
        "File exists.\n");
    check(
        c.run("san1", "ietadm", "--op", "new", "--tid=2", "--params", "Name=" + VOL1),
        239,
        "File exists.\n");
    check(sh(c, "san1", "ietadm --op delete --tid=9"), 254, "No such file or directory.\n");
    check(
        sh(c, "san1", "ietadm --op new --tid=1 --lun=0 --params Path=/dev/vg0/nope,Type=blockio"),
        254,
        "No such file or directory.\n");
    sh(c, "san1", "truncate -s 1M /srv/img");
    check(
        sh(c, "san1", "ietadm --op new --tid=1 --lun=0 --params Path=/srv/img,Type=blockio"),
        241,
        "Block device required.\n");
    newLun(1, 0, "Path=/srv/img");
    check(
        sh(c, "san1", "ietadm --op new --tid=1 --lun=0 --params Path=/srv/img"),
        239,
        "File exists.\n");
    check(
        sh(
            c,
            "san1",
            "ietadm --op new --tid=1 --lun=1 --params Path=/srv/img,ScsiId=12345678901234567"),
        234,
        "Invalid argument.\n");
    check(sh(c, "san1", "ietadm --op update --tid=1 --lun=0 --params x=y"), 234, "Unsupported.\n");
    check(
        sh(c, "san1", "ietadm --op update --tid=1 --params Bogus=1"),
        234,
        "Unknown parameter \"Bogus\".\n");
    check(
        sh(c, "san1", "ietadm --op update --tid=1 --params InitialR2T=yes"),
        234,
        "Invalid InitialR2T value \"yes\".\n");
    check(sh(c, "san1", "ietadm --op new --lun=0 --params Path=/srv/img"), 234, "");
    check(c.run("san1", "ietadm", "--tid=1"), 234, "You must specify the operation type\n");
    check(
        sh(c, "san1", "ietadm --op new --tid=1 --user --params IncomingUser=joe"),
        234,
        "Username and password must be specified\n");
    sh(c, "san1", "lvcreate -L 4M -n ex vg0");
    newLun(1, 5, "Path=/dev/vg0/ex,Type=blockio");
    check(
        sh(
            c,
            "san1",
            "ietadm --op new --tid=1 --lun=6 --params Path=/dev/mapper/vg0-ex,Type=blockio"),
        240,
        "Device or resource busy.\n");
    // san2 does not hold vg0: its LVs are not there.
    sh(c, "san1", "lvcreate -L 4M -n v vg0");
    ok("san2", "ietadm", "--op", "new", "--tid=1", "--params", "Name=" + VOL1);
    check(
        sh(c, "san2", "ietadm --op new --tid=1 --lun=0 --params Path=/dev/vg0/v,Type=blockio"),
        254,
        "No such file or directory.\n");
  }

  @Test
  void showsParametersAndAccounts() throws Exception {
    ietadmNew("--tid=1", "--params", "Name=" + VOL1);
    assertEquals(
        Fixtures.text("iet/1.4.20/show-target"), sh(c, "san1", "ietadm --op show --tid=1").out());
    assertEquals(
        Fixtures.text("iet/1.4.20/show-session-0"),
        sh(c, "san1", "ietadm --op show --tid=1 --sid=0").out());
    ok(
        "san1",
        "ietadm",
        "--op",
        "update",
        "--tid=1",
        "--params=MaxRecvDataSegmentLength=262144,InitialR2T=No,NOPInterval=5,HeaderDigest=None,CRC32C");
    String session = sh(c, "san1", "ietadm --op show --tid=1 --sid=0").out();
    assertEquals(
        Fixtures.text("iet/1.4.20/show-session-0")
            .replace("InitialR2T=Yes", "InitialR2T=No")
            .replace("MaxRecvDataSegmentLength=8192", "MaxRecvDataSegmentLength=262144"),
        session,
        "HeaderDigest=None,CRC32C is split at the comma: None, then key CRC32C ignored");
    assertEquals(
        "NOPInterval=5",
        Arrays.stream(sh(c, "san1", "ietadm --op show --tid=1").out().split("\n"))
            .filter(l -> l.startsWith("NOPInterval"))
            .findFirst()
            .orElseThrow());

    ietadmNew("--tid=1", "--user", "--params=IncomingUser=joe,Password=secret12chars");
    ietadmNew("--tid=1", "--user", "--params=OutgoingUser=jim,Password=othersecret12");
    ietadmNew("--user", "--params=IncomingUser=disc,Password=discsecret12");
    assertEquals(
        "IncomingUser joe\nOutgoingUser jim\n",
        sh(c, "san1", "ietadm --op show --tid=1 --user").out());
    assertEquals(
        "IncomingUser joe secret12chars\n",
        sh(c, "san1", "ietadm --op show --tid=1 --user --params=IncomingUser=joe").out());
    assertEquals("IncomingUser disc\n", sh(c, "san1", "ietadm --op show --user").out());
    ok("san1", "ietadm", "--op", "delete", "--tid=1", "--user", "--params=IncomingUser=joe");
    check(
        sh(c, "san1", "ietadm --op delete --tid=1 --user --params=IncomingUser=joe"),
        254,
        "No such file or directory.\n");
    assertEquals("ietadm version 1.4.20.3\n", c.run("san1", "ietadm", "--version").out());
  }

  @Test
  void targetZeroTakesTheKernelsNextIdAndVersionFlagPersists() throws Exception {
    ietadmNew("--tid=5", "--params", "Name=iqn.2001-04.edu.amherst:a");
    ietadmNew("--tid=0", "--params", "Name=iqn.2001-04.edu.amherst:b");
    ietadmNew("--tid=0", "--params", "Name=iqn.2001-04.edu.amherst:c");
    assertEquals(
        "tid:2 name:iqn.2001-04.edu.amherst:c\ntid:1 name:iqn.2001-04.edu.amherst:b\n"
            + "tid:5 name:iqn.2001-04.edu.amherst:a\n",
        c.run("san1", "cat", "/proc/net/iet/volume").out());
  }

  @Test
  void writesChangeTheDataAndMarkTheDdmap() throws Exception {
    vol1OnLunZero("12M");
    String proc = "/proc/net/iet/ddmap/" + VOL1 + ".0";
    // the two writes of the manual's example (seed 003 section 7.5): 0x00070000 in word 1
    c.write("san1", VOL1, 798720, 4096);
    c.write("san1", VOL1, 802816, 20480);
    byte[] map = c.run("san1", "cat", proc).stdout();
    ByteBuffer b = ByteBuffer.wrap(map).order(ByteOrder.LITTLE_ENDIAN);
    assertArrayEquals("ddmap\0\0\0".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(map, 8));
    assertEquals(1, map[8]);
    assertEquals(0, map[9]);
    int sum = 0;
    for (byte x : (VOL1 + ".0").getBytes(StandardCharsets.US_ASCII)) sum += x;
    assertEquals(sum, b.getInt(12));
    assertEquals(24, b.getInt(16), "12 MiB = 768 segments of 16 KiB = 24 words");
    assertEquals(20 + 24 * 4, map.length);
    assertEquals(0, b.getInt(20));
    assertEquals(0x00070000, b.getInt(24));
    assertEquals(0, b.getInt(28));

    byte[] data = c.run("san1", "cat", "/dev/vg0/vol1").stdout();
    assertEquals(12 << 20, data.length);
    assertEquals(false, allZero(data, 798720, 802816 + 20480));
    assertEquals(true, allZero(data, 0, 798720));

    CommandResult r = c.host("san1").run(Command.change("mapsuspend".getBytes(), "tee", proc));
    assertEquals(0, r.exitStatus());
    assertEquals(1, c.run("san1", "cat", proc).stdout()[9]);
    assertThrows(IllegalStateException.class, () -> c.write("san1", VOL1, 0, 512));
    c.host("san1").run(Command.change("mapzap".getBytes(), "tee", proc));
    c.host("san1").run(Command.change("mapresume".getBytes(), "tee", proc));
    byte[] zapped = c.run("san1", "cat", proc).stdout();
    assertEquals(0, zapped[9]);
    assertEquals(true, allZero(zapped, 20, zapped.length));
    r = c.host("san1").run(Command.change("bogus".getBytes(), "tee", proc));
    assertEquals(1, r.exitStatus());
    assertEquals("tee: " + proc + ": Invalid argument\n", r.err());
  }

  @Test
  void everyWriteChangesEveryByteItWrites() throws Exception {
    vol1OnLunZero("4M");
    byte[] before = firstBlock();
    for (int i = 0; i < 600; i++) { // a random byte would repeat the old one about twice here
      c.write("san1", VOL1, 7, 1);
      byte[] after = firstBlock();
      assertNotEquals(before[7], after[7], "write " + i);
      before[7] = after[7];
      assertArrayEquals(before, after, "only byte 7 changes");
    }
  }

  /** Creates the LV vol1 of {@code size} in vg0, exported as LUN 0 of target VOL1 (tid 1). */
  private void vol1OnLunZero(String size) throws Exception {
    sh(c, "san1", "lvcreate -L " + size + " -n vol1 vg0");
    ietadmNew("--tid=1", "--params", "Name=" + VOL1);
    newLun(1, 0, "Path=/dev/vg0/vol1,Type=blockio");
  }

  private byte[] firstBlock() throws Exception {
    return c.run("san1", "dd", "if=/dev/vg0/vol1", "bs=512", "count=1").stdout();
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) if (b[i] != 0) return false;
    return true;
  }
}
