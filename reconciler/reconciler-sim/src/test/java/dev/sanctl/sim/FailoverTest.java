package dev.sanctl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sanctl.spi.host.Command;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailoverTest {
  private static final String IQN = "iqn.2001-04.edu.amherst:san1.vol1";

  @TempDir Path dir;

  private static void put(SimCluster c, String node, String path, String content) throws Exception {
    c.host(node).run(Command.change(content.getBytes(StandardCharsets.UTF_8), "tee", path));
  }

  @Test
  void targetsFollowTheVolumeGroupFromTheMetaVolumeConfig() throws Exception {
    SimCluster c = TestClusters.amherst(dir.resolve("sim"));
    c.run("san1", "lvcreate", "-L", "64M", "-n", "vol1", "vg0");
    c.run("san1", "ietadm", "--op", "new", "--tid=7", "--params", "Name=" + IQN);
    c.run(
        "san1",
        "ietadm",
        "--op",
        "new",
        "--tid=7",
        "--lun=0",
        "--params",
        "Path=/dev/vg0/vol1,Type=blockio,ScsiSN=SN0001");
    c.addSession("san1", IQN, "iqn.1998-01.com.vmware:esx1", "10.0.1.50");
    c.run("san1", "mkdir", "-p", "/mnt/iscsi-target/vg0/iet");
    put(
        c,
        "san1",
        "/mnt/iscsi-target/vg0/iet/ietd.conf",
        "# vg0 targets\nTarget "
            + IQN
            + "\n"
            + "    IncomingUser joe secret12chars\n"
            + "    Lun 0 Path=/dev/vg0/vol1,Type=blockio,ScsiId=vol1,ScsiSN=SN0001,IOMode=wt\n"
            + "    MaxRecvDataSegmentLength 262144\n"
            + "    InitialR2T No\n");
    put(
        c,
        "san1",
        "/mnt/iscsi-target/vg0/iet/initiators.allow",
        IQN + " iqn\\.1998-01\\.com\\.vmware:esx1\n");
    put(c, "san1", "/mnt/iscsi-target/vg0/iet/targets.allow", IQN + " 10.0.1.3\n");

    c.failover("vg0", "san2");

    assertEquals("", c.run("san1", "cat", "/proc/net/iet/volume").out(), "stopped on san1");
    assertEquals("", c.run("san1", "cat", "/proc/net/iet/session").out());
    assertEquals(
        "tid:1 name:"
            + IQN
            + "\n"
            + "\tlun:0 state:0 iotype:blockio iomode:wt blocks:131072 blocksize:512"
            + " path:/dev/vg0/vol1\n",
        c.run("san2", "cat", "/proc/net/iet/volume").out(),
        "started on san2 with the kernel's next tid");
    assertEquals(
        "IncomingUser joe\n", c.run("san2", "ietadm", "--op", "show", "--tid=1", "--user").out());
    String params = c.run("san2", "ietadm", "--op", "show", "--tid=1", "--sid=0").out();
    assertEquals(
        true,
        params.contains("InitialR2T=No\n") && params.contains("MaxRecvDataSegmentLength=262144\n"),
        params);
    assertEquals(
        "  -wi-ao----\n", c.run("san2", "lvs", "--noheadings", "-o", "lv_attr", "vg0/vol1").out());
    assertEquals(
        "  -wi-------\n", c.run("san1", "lvs", "--noheadings", "-o", "lv_attr", "vg0/vol1").out());
    assertEquals(
        IQN + " iqn\\.1998-01\\.com\\.vmware:esx1\n",
        c.run("san2", "cat", "/etc/iet/initiators.allow").out());
    assertEquals(IQN + " 10.0.1.3\n", c.run("san2", "cat", "/etc/iet/targets.allow").out());
    assertEquals(
        "",
        c.run("san1", "cat", "/etc/iet/targets.allow").out(),
        "san1 holds no volume group any more");
    assertEquals(1, c.run("san1", "cat", "/mnt/iscsi-target/vg0/iet/ietd.conf").exitStatus());
    assertEquals(0, c.run("san2", "cat", "/mnt/iscsi-target/vg0/iet/ietd.conf").exitStatus());

    c.failover("vg0", "san1");
    assertEquals("", c.run("san2", "cat", "/proc/net/iet/volume").out());
    assertEquals(
        "tid:1 name:" + IQN + "\n",
        c.run("san1", "cat", "/proc/net/iet/volume").out().lines().findFirst().orElseThrow()
            + "\n");
  }

  @Test
  void nodeConfigKeepsWhatNoVolumeGroupOwns() throws Exception {
    SimCluster c = TestClusters.amherst(dir.resolve("sim"));
    c.run("san1", "mkdir", "-p", "/mnt/iscsi-target/vg0/iet");
    put(c, "san1", "/mnt/iscsi-target/vg0/iet/ietd.conf", "Target " + IQN + "\n");
    put(c, "san1", "/mnt/iscsi-target/vg0/iet/initiators.allow", IQN + " iqn\\.a:b\n");
    String lab = "iqn.2001-04.edu.amherst:lab.x";
    put(c, "san1", "/etc/iet/initiators.allow", lab + " ALL\n" + IQN + " iqn\\.a:b\nALL ALL\n");
    put(
        c,
        "san1",
        "/etc/iet/ietd.conf",
        "IncomingUser disc discsecret12\nTarget "
            + lab
            + "\n    Lun 0 Path=/srv/x.img\nTarget "
            + IQN
            + "\n    InitialR2T No\n");
    put(c, "san2", "/etc/iet/initiators.allow", "ALL ALL\n");
    put(c, "san2", "/etc/iet/ietd.conf", "IncomingUser disc discsecret12\n");

    c.failover("vg0", "san2");

    assertEquals(lab + " ALL\nALL ALL\n", c.run("san1", "cat", "/etc/iet/initiators.allow").out());
    assertEquals(
        "IncomingUser disc discsecret12\nTarget " + lab + "\n    Lun 0 Path=/srv/x.img\n",
        c.run("san1", "cat", "/etc/iet/ietd.conf").out());
    assertEquals(
        IQN + " iqn\\.a:b\nALL ALL\n", c.run("san2", "cat", "/etc/iet/initiators.allow").out());
    assertEquals(
        "IncomingUser disc discsecret12\nTarget " + IQN + "\n",
        c.run("san2", "cat", "/etc/iet/ietd.conf").out());
  }

  @Test
  void refusesUnknownGroupsAndNodes() throws Exception {
    SimCluster c = TestClusters.amherst(dir.resolve("sim"));
    assertThrows(IllegalArgumentException.class, () -> c.failover("vg9", "san2"));
    assertThrows(IllegalArgumentException.class, () -> c.failover("vg0", "arch1"));
    assertThrows(IllegalArgumentException.class, () -> c.failover("vg_files", "san2"));
  }
}
