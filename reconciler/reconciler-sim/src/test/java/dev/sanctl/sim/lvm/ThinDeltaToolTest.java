package dev.sanctl.sim.lvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.sim.Fixtures;
import dev.sanctl.sim.SimCluster;
import dev.sanctl.sim.TestClusters;
import dev.sanctl.spi.host.CommandResult;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated thin pool, dmsetup messages and thin_delta: the diff against the real tool's
 * captures (fixtures/thin), and the whole sequence a backup runs on a simulated node.
 */
class ThinDeltaToolTest {
  @TempDir java.nio.file.Path dir;
  SimCluster c;

  @BeforeEach
  void init() throws Exception {
    c = TestClusters.amherst(dir.resolve("sim"));
  }

  private CommandResult ok(String line) throws Exception {
    CommandResult r = TestClusters.sh(c, "san1", line);
    assertEquals(0, r.exitStatus(), line + ": " + r.err());
    return r;
  }

  private void write(long offset, int length) throws Exception {
    CommandResult w =
        c.host("san1")
            .run(
                dev.sanctl.spi.host.Command.change(
                    new byte[length],
                    "dd",
                    "of=/dev/vg0/thinvol",
                    "oflag=seek_bytes",
                    "seek=" + offset,
                    "conv=notrunc",
                    "status=none"));
    assertEquals(0, w.exitStatus(), w.err());
  }

  @Test
  void theDiffMatchesTheRealToolsCaptures() throws Exception {
    TreeMap<Long, ThinMetadata.Device> devs =
        ThinMetadataXml.devices(Fixtures.text("thin/metadata.xml"));
    String header = ThinMetadataXml.liveHeader(2, 3, 1024);
    assertEquals(
        Fixtures.text("thin/delta-2-3.xml"),
        ThinDeltaTool.render(header, 2, 3, devs.get(2L), devs.get(3L), false));
    assertEquals(
        Fixtures.text("thin/delta-2-3-verbose.xml"),
        ThinDeltaTool.render(header, 2, 3, devs.get(2L), devs.get(3L), true));
    assertEquals(
        Fixtures.text("thin/delta-3-2.xml"),
        ThinDeltaTool.render(header, 3, 2, devs.get(3L), devs.get(2L), false));
    assertEquals(
        Fixtures.text("thin/delta-1-3.xml"),
        ThinDeltaTool.render(header, 1, 3, devs.get(1L), devs.get(3L), false));
  }

  @Test
  void getoptLongRefusalsAreWordedAsTheRealToolWordsThem() throws Exception {
    // thin-provisioning-tools 0.9.0 on this machine: glibc getopt_long's words, then the usage
    assertEquals(
        "thin_delta: option '--thin' is ambiguous; possibilities: '--thin1' '--thin2'\n"
            + ThinDeltaTool.USAGE,
        TestClusters.sh(c, "san1", "thin_delta --thin 1").err());
    assertEquals(
        "thin_delta: option '--verbose' doesn't allow an argument\n" + ThinDeltaTool.USAGE,
        TestClusters.sh(c, "san1", "thin_delta --verbose=1").err());
    assertEquals(
        "Couldn't parse thin id 2: 'y'\n" + ThinDeltaTool.USAGE,
        TestClusters.sh(c, "san1", "thin_delta --thin1 2 --thin2=y /dev/x").err());
  }

  @Test
  void argumentErrorsAreTheRealTools() throws Exception {
    CommandResult r = TestClusters.sh(c, "san1", "thin_delta --snap1 2 --snap2 3 /nonexistent");
    assertEquals(1, r.exitStatus());
    assertEquals("", r.out());
    assertEquals(Fixtures.text("thin/error-no-device.txt"), r.err());
    assertEquals(
        "No input device provided.\n" + ThinDeltaTool.USAGE,
        TestClusters.sh(c, "san1", "thin_delta --snap1 2 --snap2 3").err());
    assertEquals(
        "Couldn't parse thin id 1: 'x'\n" + ThinDeltaTool.USAGE,
        TestClusters.sh(c, "san1", "thin_delta --snap1 x --snap2 3 /dev/x").err());
  }

  @Test
  void aBackupsSequenceOnAThinPool() throws Exception {
    ok("lvcreate --type thin-pool -L 16M -n tpool vg0");
    ok("lvcreate -V 8M --thin -n thinvol vg0/tpool");
    byte[] mib = new byte[1 << 20];
    java.util.Arrays.fill(mib, (byte) 7);
    CommandResult w =
        c.host("san1")
            .run(
                dev.sanctl.spi.host.Command.change(
                    mib, "dd", "of=/dev/vg0/thinvol", "status=none"));
    assertEquals(0, w.exitStatus(), w.err());
    CommandResult snap = ok("lvcreate -s -K -n thinvol_s1 vg0/thinvol");
    assertEquals("  Logical volume \"thinvol_s1\" created.\n", snap.out());
    assertEquals(
        "thinvol::tpool:1:Vwi-a-tz--\nthinvol_s1:thinvol:tpool:2:Vwi-a-tz-k\n"
            + "tpool::::twi-aotz--\n",
        TestClusters.report(c, "san1", "lvs", "lv_name,origin,pool_lv,thin_id,lv_attr", "vg0")
            .lines()
            .filter(l -> l.contains("thin") || l.contains("tpool"))
            .map(String::strip)
            .reduce("", (a, b) -> a + b + "\n"));
    // block 1 (64 KiB .. 128 KiB) rewritten twice (once shared, then in place), block 20 new
    write(20 * 4096, 2 * 4096);
    write(17 * 4096, 4096);
    write(20 * 65536, 65536);
    ok("lvcreate -s -K -n thinvol_s2 vg0/thinvol");

    CommandResult busy =
        TestClusters.sh(c, "san1", "thin_delta --snap1 2 --snap2 3 /dev/mapper/vg0-tpool_tmeta");
    assertEquals(1, busy.exitStatus());
    assertTrue(busy.err().startsWith("syscall 'open' failed: Device or resource busy\n"));
    assertEquals(
        "no current metadata snap\n" + ThinDeltaTool.USAGE,
        TestClusters.sh(c, "san1", "thin_delta -m --snap1 2 --snap2 3 /dev/mapper/vg0-tpool_tmeta")
            .err());

    assertEquals("", ok("dmsetup message vg0-tpool-tpool 0 reserve_metadata_snap").out());
    CommandResult again =
        TestClusters.sh(c, "san1", "dmsetup message vg0-tpool-tpool 0 reserve_metadata_snap");
    assertEquals(1, again.exitStatus());
    assertEquals(
        "device-mapper: message ioctl on vg0-tpool-tpool  failed: Device or resource"
            + " busy\nCommand failed.\n",
        again.err());
    write(100 * 65536, 65536); // after the reservation: not in the metadata snapshot

    CommandResult delta =
        ok("thin_delta --metadata-snap --snap1 2 --snap2 3 /dev/mapper/vg0-tpool_tmeta");
    assertEquals(
        "<superblock uuid=\"\" time=\"2\" transaction=\"3\" data_block_size=\"128\""
            + " nr_data_blocks=\"0\">\n"
            + "  <diff left=\"2\" right=\"3\">\n"
            + "    <same begin=\"0\" length=\"1\"/>\n"
            + "    <different begin=\"1\" length=\"1\"/>\n"
            + "    <same begin=\"2\" length=\"14\"/>\n"
            + "    <right_only begin=\"20\" length=\"1\"/>\n"
            + "  </diff>\n"
            + "</superblock>\n",
        delta.out());
    assertEquals(
        "Unable to find mapping tree for snap2 (9)\n" + ThinDeltaTool.USAGE,
        TestClusters.sh(c, "san1", "thin_delta -m --snap1 2 --snap2 9 /dev/mapper/vg0-tpool_tmeta")
            .err());
    ok("dmsetup message vg0-tpool-tpool 0 release_metadata_snap");
    CommandResult none =
        TestClusters.sh(c, "san1", "dmsetup message vg0-tpool-tpool 0 release_metadata_snap");
    assertEquals(1, none.exitStatus());
    assertTrue(none.err().contains("failed: Invalid argument"), none.err());
    assertEquals(
        "  Logical volume \"thinvol_s1\" successfully removed.\n",
        ok("lvremove -f vg0/thinvol_s1").out());
  }

  @Test
  void aThinSnapshotWithoutKIsInactiveAndNotReadable() throws Exception {
    ok("lvcreate --type thin-pool -L 8M -n tpool vg0");
    ok("lvcreate -V 4M --thin -n thinvol vg0/tpool");
    ok("lvcreate -s -n snap vg0/thinvol");
    assertEquals(
        "Vwi---tz-k", TestClusters.report(c, "san1", "lvs", "lv_attr", "vg0/snap").strip());
    assertEquals(1, TestClusters.sh(c, "san1", "cat /dev/vg0/snap").exitStatus());
  }
}
