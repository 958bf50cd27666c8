package dev.sanctl.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code sanctl backup run} with {@code changeMap: thin} against a real dm-thin pool: the first run
 * reads everything; after known writes in the guest the second reads exactly the pool blocks that
 * the real {@code thin_delta} reports (run by the test on its own metadata snapshot before the
 * backup), and the archive volume equals the source.
 *
 * <p>Real: the kernel's dm-thin, LVM2 (thin pool, thin LV, the backup's thin snapshots), {@code
 * dmsetup message ... reserve_metadata_snap}, {@code thin_delta}, sshd and every command sanctl
 * sends. The archive host is the same guest under a second node name ({@code arch}, services zfs
 * and backup), with zfs-fuse on a second virtio disk; as in e2e {@code BackupOverSshIT}, zfs-fuse
 * has no zvols, so {@code /usr/local/sbin/zfs} in the guest ({@code zvol-stand-in.sh}) turns {@code
 * zfs create -V} into a dataset plus a sparse file at {@code /dev/zvol/<pool>/<vol>} and copies it
 * at each snapshot; every other zfs command is zfs-fuse's.
 */
@Tag("thin")
@ExtendWith(GuestLogsExtension.class)
class ThinBackupKernelTest {
  static final Path WORK =
      Path.of("target", "kernel-tier", "ThinBackupKernelTest").toAbsolutePath();
  static final int SEGMENT = 16 * 1024;
  static final long SIZE = 16L << 20;
  static Guest guest;
  static Path config;

  @BeforeAll
  static void bootGuestWithThinPoolAndArchive() throws Exception {
    DebianKernel.deleteTree(WORK);
    guest =
        Guest.boot(
            GuestSpec.builder("thin1")
                .disk(GuestDisk.of(WORK.resolve("vda.img"), 1L << 30))
                .disk(GuestDisk.of(WORK.resolve("vdb.img"), 256L << 20))
                .build(),
            WORK.resolve("thin1"));
    // the thin pool and the thin volume are made by the administrator (sanctl does not create
    // thin LVs); the volume is declared with its size, so the lvm provider leaves it as it is
    guest.check("pvcreate", "-y", "/dev/vda");
    guest.check("vgcreate", "vg0", "/dev/vda");
    guest.check("lvcreate", "-y", "-L", "128M", "-T", "vg0/tpool");
    guest.check("lvcreate", "-y", "-V", "16M", "-T", "vg0/tpool", "-n", "lv_thin");
    guest.check(
        "dd",
        "if=/dev/urandom",
        "of=/dev/vg0/lv_thin",
        "bs=1M",
        "count=16",
        "oflag=direct",
        "status=none");
    // the archive: zfs-fuse on vdb (guest-only: the guest's root is an overlay)
    String standIn = dev.sanctl.testkit.ZfsFuse.zvolStandIn("/usr/sbin/zfs");
    guest.execWithStdin(standIn, "install", "-m", "755", "/dev/stdin", "/usr/local/sbin/zfs");
    guest.check(
        "sh",
        "-c",
        "modprobe fuse && rm -f /etc/zfs/zpool.cache && zfs-fuse --pidfile /run/zfs-fuse.pid"
            + " && for i in $(seq 1 60); do zpool list >/dev/null 2>&1 && exit 0; sleep 0.5; done;"
            + " exit 1");
    guest.check("zpool", "create", "-f", "-m", "none", "arch", "/dev/vdb");

    config = Files.createDirectories(WORK.resolve("config"));
    Files.writeString(
        config.resolve("cluster.yaml"),
        """
        apiVersion: sanctl/v1
        cluster: {name: kthin, iqnPrefix: "iqn.2026-12.dev.sanctl:kthin", propertyNamespace: dev.sanctl}
        transport: {connectTimeout: 60s, commandTimeout: 300s}
        nodes:
        %s%svolumeGroups:
          vg0:
            nodes: [san]
            volumes:
              lv_thin: {size: 16M}
        pools:
          arch:
            nodes: [arch]
            volumeDefaults: {sparse: true}
        backups:
          defaults: {archive: arch, pool: arch, changeMap: thin}
          jobs:
            - source: vg0/lv_thin
        """
            .formatted(
                SanctlCli.node("san", guest, "lvm"), SanctlCli.node("arch", guest, "zfs, backup")));
    SanctlCli.knownHosts(config, guest);
  }

  @AfterAll
  static void close() {
    if (guest != null) guest.close();
  }

  @Test
  void theSecondBackupReadsExactlyTheThinDeltaBlocksAndTheArchiveEqualsTheSource()
      throws Exception {
    SanctlCli apply = SanctlCli.run(config, "apply", "--auto-approve");
    assertEquals(0, apply.exitCode(), apply::toString);
    SanctlCli replan = SanctlCli.run(config, "plan", "--detailed-exitcode");
    assertEquals(0, replan.exitCode(), replan::toString);

    SanctlCli first = backup("2026-12-06T08:00:00Z");
    assertTrue(first.out().contains("\"mapState\":\"UNKNOWN\""), first::toString);
    assertEquals(SIZE / SEGMENT, field(first, "segmentsRead"), first::toString);
    assertEquals(sha256("/dev/vg0/lv_thin"), sha256("/dev/zvol/arch/lv_thin_bk"));

    // known writes: 4 KiB in block 0, 20000 bytes inside block 80, 2000 bytes across 159/160
    write(0, 4096);
    write(5 * (1L << 20) + 100, 20000);
    write(10 * (1L << 20) - 1000, 2000);

    // what the real thin_delta says between the backup's base snapshot and the volume now
    String base =
        guest
            .check(
                "sh", "-c", "lvs --noheadings -o lv_name vg0 | tr -d ' ' | grep '^lv_thin_bkthin_'")
            .strip();
    String delta =
        guest.check(
            "sh",
            "-c",
            "b=$(lvs --noheadings -o thin_id vg0/"
                + base
                + "); n=$(lvs --noheadings -o thin_id vg0/lv_thin);"
                + " dmsetup message vg0-tpool-tpool 0 reserve_metadata_snap || exit 1;"
                + " thin_delta -m --snap1 $b --snap2 $n /dev/mapper/vg0-tpool_tmeta; rc=$?;"
                + " dmsetup message vg0-tpool-tpool 0 release_metadata_snap; exit $rc");
    List<long[]> changed = changedRanges(delta);
    assertEquals(
        List.of("0+1", "80+1", "159+2"),
        changed.stream().map(r -> r[0] + "+" + r[1]).toList(),
        "thin_delta sees the three writes:\n" + delta);
    long blockBytes = blockSectors(delta) * 512;
    long expectedSegments = changed.stream().mapToLong(r -> r[1]).sum() * blockBytes / SEGMENT;

    SanctlCli second = backup("2026-12-06T09:00:00Z");
    assertTrue(second.out().contains("\"mapState\":\"ACTIVE\""), second::toString);
    assertEquals(expectedSegments, field(second, "segmentsRead"), second::toString);
    assertEquals(expectedSegments * SEGMENT, field(second, "bytesRead"), second::toString);
    // the segments the writes touched: 1 (block 0), 2 (320, 321), 2 (639, 640)
    assertEquals(5, field(second, "segmentsChanged"), second::toString);
    String source = sha256("/dev/vg0/lv_thin");
    assertEquals(source, sha256("/dev/zvol/arch/lv_thin_bk"), "archive volume equals the source");
    assertEquals(source, sha256("/dev/zvol/arch/lv_thin_bk@2026-12-06_09.00.00"));
    String lvs = guest.check("lvs", "--noheadings", "-o", "lv_name", "vg0");
    assertTrue(lvs.contains("lv_thin_bkthin_20261206090000"), lvs);
    assertTrue(!lvs.contains(base), "the old base is removed:\n" + lvs);
  }

  static SanctlCli backup(String now) {
    SanctlCli r = SanctlCli.run(config, "backup", "run", "--json", "--now", now, "lv_thin");
    assertEquals(0, r.exitCode(), r::toString);
    return r;
  }

  static void write(long offset, int length) {
    guest.check(
        "sh",
        "-c",
        "head -c "
            + length
            + " /dev/urandom | dd of=/dev/vg0/lv_thin bs=1M seek="
            + offset
            + " oflag=seek_bytes conv=notrunc,fsync status=none");
  }

  static String sha256(String path) {
    return guest.check("sha256sum", path).split(" ")[0];
  }

  static long field(SanctlCli r, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(r.out());
    assertTrue(m.find(), () -> name + " in " + r);
    return Long.parseLong(m.group(1));
  }

  private static final Pattern RANGE =
      Pattern.compile("<(same|different|left_only|right_only) begin=\"(\\d+)\" length=\"(\\d+)\"");

  /** The ranges of pool blocks thin_delta does not report as {@code same}. */
  static List<long[]> changedRanges(String xml) {
    List<long[]> out = new ArrayList<>();
    Matcher m = RANGE.matcher(xml);
    while (m.find()) {
      if (!m.group(1).equals("same")) {
        out.add(new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
      }
    }
    return out;
  }

  static long blockSectors(String xml) {
    Matcher m = Pattern.compile("data_block_size=\"(\\d+)\"").matcher(xml);
    assertTrue(m.find(), xml);
    return Long.parseLong(m.group(1));
  }
}
