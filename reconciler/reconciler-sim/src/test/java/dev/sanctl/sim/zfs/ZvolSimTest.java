package dev.sanctl.sim.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.sim.SimCluster;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Volumes in the zfs simulator: create, grow, properties, space, and their block devices. */
public class ZvolSimTest {
  static final long GIB = 1L << 30;
  @TempDir Path dir;
  SimCluster cluster;
  Host arch;
  Host head;

  @BeforeEach
  void init() throws Exception {
    cluster =
        SimCluster.init(dir, ZfsToolTest.state(), GIB, Clock.fixed(ZfsToolTest.T0, ZoneOffset.UTC));
    arch = cluster.host("arch1");
    head = cluster.host("head1");
  }

  private CommandResult run(String... argv) throws Exception {
    return arch.run(Command.change(argv));
  }

  @Test
  void sparseVolumeWithBlockSizeAndUserPropertyListsExactly() throws Exception {
    CommandResult noParent = run("zfs", "create", "-s", "-V", "10G", "tank/vm/v1");
    assertEquals(1, noParent.exitStatus());
    assertEquals("cannot create 'tank/vm/v1': parent does not exist\n", noParent.err());
    assertTrue(run("zfs", "create", "-o", "compression=lz4", "tank/vm").ok());
    assertTrue(
        run(
                "zfs",
                "create",
                "-s",
                "-V",
                "10737418240",
                "-b",
                "64K",
                "-o",
                "org.example:snaprotate_schedule=S1",
                "tank/vm/v1")
            .ok());
    CommandResult list =
        run(
            "zfs",
            "list",
            "-Hp",
            "-t",
            "filesystem,volume",
            "-o",
            "name,type,volsize,volblocksize,refreservation,compression,org.example:snaprotate_schedule",
            "-r",
            "tank");
    assertEquals(
        "tank\tfilesystem\t-\t-\t0\toff\t-\n"
            + "tank/vm\tfilesystem\t-\t-\t0\tlz4\t-\n"
            + "tank/vm/v1\tvolume\t10737418240\t65536\t0\tlz4\tS1\n",
        list.out());
    CommandResult get =
        run(
            "zfs",
            "get",
            "-Hp",
            "-o",
            "name,property,value,source",
            "volsize,volblocksize,compression,refreservation",
            "tank/vm/v1");
    assertEquals(
        "tank/vm/v1\tvolsize\t10737418240\tlocal\n"
            + "tank/vm/v1\tvolblocksize\t65536\t-\n"
            + "tank/vm/v1\tcompression\tlz4\tinherited from tank/vm\n"
            + "tank/vm/v1\trefreservation\t0\tdefault\n",
        get.out());
    CommandResult human =
        run("zfs", "get", "-H", "-o", "value", "volsize,refreservation", "tank/vm/v1");
    assertEquals("10G\nnone\n", human.out());
  }

  @Test
  void thickVolumeReservesSpaceAndGrowsWithinThePool() throws Exception {
    ZfsTool.edit(cluster.onNode("arch1", n -> n), z -> z.setPoolSize("tank", 20 * GIB));
    assertTrue(run("zfs", "create", "-V", "8G", "tank/thick").ok());
    long resv = ZfsNative.reservationFor(8 * GIB, 16384);
    assertEquals(
        resv + "\n", run("zfs", "get", "-Hp", "-o", "value", "refreservation", "tank/thick").out());
    String[] pool =
        run("zpool", "list", "-Hp", "-o", "name,size,allocated,free,health").out().split("\t");
    assertEquals("tank", pool[0]);
    assertEquals(Long.toString(20 * GIB), pool[1]);
    long alloc = Long.parseLong(pool[2]);
    assertEquals(resv + ZfsNative.EMPTY_FILESYSTEM, alloc);
    assertEquals(Long.toString(20 * GIB - alloc), pool[3]);
    assertEquals("ONLINE\n", pool[4]);
    CommandResult tooBig = run("zfs", "create", "-V", "16G", "tank/other");
    assertEquals("cannot create 'tank/other': out of space\n", tooBig.err());
    assertEquals(1, tooBig.exitStatus());
    CommandResult growTooMuch = run("zfs", "set", "volsize=30G", "tank/thick");
    assertEquals(
        "cannot set property for 'tank/thick': size is greater than available space\n",
        growTooMuch.err());
    CommandResult odd = run("zfs", "set", "volsize=10000", "tank/thick");
    assertEquals(
        "cannot set property for 'tank/thick': 'volsize' must be a multiple of volume "
            + "block size (16K)\n",
        odd.err());
    assertTrue(run("zfs", "set", "volsize=9G", "tank/thick").ok());
    assertEquals(
        9 * GIB + "\t" + ZfsNative.reservationFor(9 * GIB, 16384) + "\n",
        run("zfs", "list", "-Hp", "-o", "volsize,refreservation", "tank/thick").out());
    assertEquals(
        Long.toString(9 * GIB),
        run("blockdev", "--getsize64", "/dev/zvol/rdsk/tank/thick").out().strip());
  }

  @Test
  void volumeAndSnapshotDevicesFollowThePool() throws Exception {
    assertTrue(run("zfs", "create", "-s", "-V", "1M", "tank/vol1").ok());
    Path data = ZvolFiles.file(dir.toRealPath(), "tank/vol1");
    try (RandomAccessFile f = new RandomAccessFile(data.toFile(), "rw")) {
      f.seek(4096);
      f.write("first".getBytes(StandardCharsets.US_ASCII));
    }
    assertTrue(run("zfs", "snapshot", "tank/vol1@s1").ok());
    try (RandomAccessFile f = new RandomAccessFile(data.toFile(), "rw")) {
      f.seek(4096);
      f.write("later".getBytes(StandardCharsets.US_ASCII));
    }
    String snap = run("cat", "/dev/zvol/dsk/tank/vol1@s1").out();
    assertEquals(1 << 20, snap.length());
    assertEquals("first", snap.substring(4096, 4101));
    assertEquals("later", run("cat", "/dev/zvol/tank/vol1").out().substring(4096, 4101));
    assertEquals(
        "tank/vol1\t1048576\ntank/vol1@s1\t1048576\n",
        run("zfs", "list", "-Hp", "-t", "volume,snapshot", "-o", "name,volsize", "-r", "tank")
            .out());
    assertFalse(head.run(Command.read("cat", "/dev/zvol/rdsk/tank/vol1")).ok());
    assertTrue(run("zfs", "clone", "tank/vol1@s1", "tank/copy").ok());
    assertEquals("first", run("cat", "/dev/zvol/rdsk/tank/copy").out().substring(4096, 4101));
    assertTrue(run("zfs", "destroy", "tank/copy").ok());
    assertTrue(run("zfs", "destroy", "tank/vol1@s1").ok());
    assertFalse(Files.exists(ZvolFiles.file(dir.toRealPath(), "tank/vol1@s1")));
    assertFalse(run("cat", "/dev/zvol/dsk/tank/vol1@s1").ok());
  }

  @Test
  void userPropertiesAreSetAndInherited() throws Exception {
    assertTrue(run("zfs", "create", "-p", "-o", "atime=off", "tank/a/b").ok());
    assertTrue(run("zfs", "set", "org.example:x=1", "atime=on", "tank/a").ok());
    assertEquals(
        "on\tlocal\n1\tlocal\n",
        run("zfs", "get", "-H", "-o", "value,source", "atime,org.example:x", "tank/a").out());
    assertEquals(
        "off\tlocal\n1\tinherited from tank/a\n",
        run("zfs", "get", "-H", "-o", "value,source", "atime,org.example:x", "tank/a/b").out());
    assertTrue(run("zfs", "inherit", "org.example:x", "tank/a").ok());
    assertEquals(
        "-\t-\n", run("zfs", "get", "-H", "-o", "value,source", "org.example:x", "tank/a/b").out());
    CommandResult bad = run("zfs", "set", "atime=maybe", "tank/a");
    assertEquals(
        "cannot set property for 'tank/a': 'atime' must be one of 'on | off'\n", bad.err());
    CommandResult volOnFs = run("zfs", "set", "volsize=1G", "tank/a");
    assertEquals(
        "cannot set property for 'tank/a': 'volsize' does not apply to datasets of this type\n",
        volOnFs.err());
  }

  /** normalization, casesensitivity and utf8only are given at creation and readonly after. */
  @Test
  void setOncePropertiesAreGivenAtCreationOnly() throws Exception {
    assertTrue(run("zfs", "create", "-o", "casesensitivity=mixed", "tank/c").ok());
    assertEquals(
        "mixed\t-\nnone\t-\n",
        run("zfs", "get", "-H", "-o", "value,source", "casesensitivity,normalization", "tank/c")
            .out());
    CommandResult set = run("zfs", "set", "casesensitivity=sensitive", "tank/c");
    assertEquals(1, set.exitStatus());
    assertEquals("cannot set property for 'tank/c': 'casesensitivity' is readonly\n", set.err());
  }
}
