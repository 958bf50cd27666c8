package dev.sanctl.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sanctl.ddless.ChecksumFile;
import dev.sanctl.ddless.Checksums;
import dev.sanctl.ddless.DdMap;
import dev.sanctl.ddless.Segments;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.testkit.SanctlLauncher;
import dev.sanctl.testkit.ZfsFuse;
import dev.sanctl.testkit.ssh.OpenSshServer;
import dev.sanctl.testkit.ssh.TestKeys;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole backup job flow ({@code sanctl backup run --json}, {@code backup map}, {@code backup
 * verify}, {@code backup restore}) between two nodes reached over real SSH: the source node {@code
 * san1} and the archive host {@code arch1} are two OpenSSH {@code sshd} on their own loopback
 * ports, reached through the product's {@code SshHost} with strict host keys, and the data moves
 * with the streaming transport ({@code sanctl ddless send} on san1, {@code receive} on arch1,
 * relayed by sanctl), once with the local transport (ranged {@code dd} through both connections).
 *
 * <p>Real: sshd and the SSH transport, every command sanctl sends (coreutils, {@code dd}, {@code
 * tee}, {@code find}, {@code stat}, {@code truncate}, {@code cp}), the ddless sender and receiver
 * processes, the files volume group on san1, and ZFS on arch1 (zfs-fuse): the pool, the {@code
 * <pool>/ddless} filesystem that holds the checksum files (a real ZFS mount), the archive volume's
 * dataset with the pool's volume defaults and schedule property, the timestamped snapshots with
 * their {@code snap_time}/{@code snaprotate_rule} properties, and snapshot listing.
 *
 * <p>Not real, because it cannot run here: (1) zfs-fuse has no zvols ({@code zfs create -V} fails
 * with "Function not implemented"), so a small stand-in for the kernel's zvol layer is first on
 * arch1's PATH ({@link ZfsFuse#zvolStandIn}): it turns {@code zfs create -V} into a real dataset
 * plus a sparse file at the zvol device path {@code /dev/zvol/<pool>/<vol>}, answers {@code
 * volsize} from that file, and copies it to {@code /dev/zvol/<pool>/<vol>@<snap>} after each real
 * snapshot; every other zfs command goes to zfs-fuse unchanged. (2) The IET ddmap ({@code
 * /proc/net/iet/ddmap}) needs the IET kernel module, so the target is never running: the volume is
 * backed up with its target stopped, as the product supports (a CLEAN state means the stored dumps
 * hold every write), and the test plays the kernel by writing the map dump (byte-exact ddmap
 * format) that a clean target shutdown would have stored for the writes it made. The map-state
 * hooks themselves ({@code sanctl backup map startup|shutdown}) are the product's, over SSH.
 */
class BackupOverSshIT {
  static final int MIB = 1 << 20;
  static final int SEG = Segments.SEGMENT_SIZE;

  @TempDir Path tmp;

  private String config(Path identity, int san1, int arch1, Path vg, Path meta, String pool) {
    return """
        apiVersion: sanctl/v1
        cluster: {name: bkssh, iqnPrefix: "iqn.2026-11.dev.sanctl:bkssh", propertyNamespace: dev.sanctl}
        transport: {connectTimeout: 5s, commandTimeout: 120s, knownHostsFile: known_hosts, identityFile: %s, user: %s}
        nodes:
          san1: {address: 127.0.0.1, port: %d, os: linux, services: [files, iet]}
          arch1: {address: 127.0.0.1, port: %d, os: linux, services: [zfs, backup]}
        portalGroups:
          pg1: {portals: {san1: [127.0.0.1]}}
        targets:
          - {volume: vg_src/lun_a, serial: BKSSH-1, portalGroup: pg1, initiators: ["iqn.1994-05.com.redhat:client1"]}
        volumeGroups:
          vg_src:
            type: files
            path: %s
            nodes: [san1]
            metaVolume: {name: meta, size: 8M, mountPoint: %s}
            volumes: {lun_a: {size: 8M}}
        pools:
          %s:
            nodes: [arch1]
            volumeDefaults: {properties: {compression: "on"}, sparse: true, snapshotSchedule: ROT}
        snapshotSchedules:
          ROT:
            zone: UTC
            keepLast: 1
            rules:
              - {name: DAILY, freq: daily, n: 7}
              - {name: WEEKLY, freq: weekly, n: 4}
        backups:
          defaults: {archive: arch1, pool: %s, workers: 2, integrity: true}
          jobs:
            - source: vg_src/lun_a
        """
        .formatted(identity, System.getProperty("user.name"), san1, arch1, vg, meta, pool, pool);
  }

  @Test
  void jobFlowBetweenTwoSshHostsWithZfsFuseArchive() throws Exception {
    boolean sshd = Files.isExecutable(OpenSshServer.SSHD);
    Path realZfs =
        Stream.of("/usr/sbin/zfs", "/sbin/zfs")
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);
    boolean zfsFuse =
        realZfs != null
            && Stream.of("/usr/sbin/zfs-fuse", "/usr/bin/zfs-fuse", "/sbin/zfs-fuse")
                .map(Path::of)
                .anyMatch(Files::isExecutable);
    if (System.getenv("CI") != null) {
      assertTrue(sshd && zfsFuse, "CI installs openssh-server and zfs-fuse (ci/packages.txt)");
    }
    assumeTrue(sshd, "openssh-server is not installed");
    assumeTrue(zfsFuse, "zfs-fuse is not installed");
    assumeTrue(ZfsFuse.available(), "/dev/fuse is absent: zfs-fuse cannot run here");

    Path keys = Files.createDirectories(tmp.resolve("keys"));
    Path identity = TestKeys.generate(keys, "ed25519");
    Path bin = Files.createDirectories(tmp.resolve("arch1-bin"));
    Path standIn = bin.resolve("zfs");
    Files.writeString(standIn, ZfsFuse.zvolStandIn(realZfs.toString()));
    Files.setPosixFilePermissions(standIn, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (ZfsFuse zfs = ZfsFuse.start(Files.createDirectories(tmp.resolve("zfs")));
        OpenSshServer san1 =
            new OpenSshServer(
                Files.createDirectories(tmp.resolve("sshd-san1")), Path.of(identity + ".pub"));
        OpenSshServer arch1 =
            new OpenSshServer(
                Files.createDirectories(tmp.resolve("sshd-arch1")),
                Path.of(identity + ".pub"),
                List.of(
                    "SetEnv PATH="
                        + bin
                        + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin"
                        + ":/sbin:/bin"))) {
      String pool = zfs.createPool("sanctlbk", 256L * MIB);
      Path mnt = tmp.resolve("arch1-zfs");
      ok(zfs.run("zfs", "set", "mountpoint=" + mnt, pool));
      try {
        new Flow(zfs, pool, mnt, san1, arch1, identity).run();
      } finally {
        deleteTree(Path.of("/dev/zvol", pool));
        try (Stream<Path> rest = Files.list(Path.of("/dev/zvol"))) {
          if (rest.findAny().isEmpty()) Files.delete(Path.of("/dev/zvol"));
        } catch (IOException ignored) {
          // absent, or another test's volumes are still there
        }
      }
    }
  }

  /** The scenario, step by step. */
  private final class Flow {
    final ZfsFuse zfs;
    final String pool;
    final String volume;
    final Path cfg;
    final Path source;
    final Path dumps;
    final Path checksums;
    final String launcher;

    Flow(ZfsFuse zfs, String pool, Path mnt, OpenSshServer san1, OpenSshServer arch1, Path identity)
        throws Exception {
      this.zfs = zfs;
      this.pool = pool;
      this.volume = pool + "/lun_a_bk";
      Path vg = Files.createDirectories(tmp.resolve("san1/vg"));
      Path meta = Files.createDirectories(tmp.resolve("san1/meta"));
      cfg = Files.createDirectories(tmp.resolve("cfg"));
      Files.writeString(
          cfg.resolve("cluster.yaml"), config(identity, san1.port, arch1.port, vg, meta, pool));
      Files.writeString(cfg.resolve("known_hosts"), san1.knownHostsLine() + arch1.knownHostsLine());
      source = vg.resolve("lun_a.img");
      dumps = meta.resolve("ddmap/lun_a");
      checksums = mnt.resolve("ddless");
      launcher = SanctlLauncher.write(tmp).toString();
    }

    void run() throws Exception {
      byte[] original = new byte[8 * MIB];
      new Random(8).nextBytes(original);
      Files.write(source, original);

      // 1. first backup: no map state yet, everything is read and written
      Job first = backup("2026-11-21T10:00:00Z");
      assertEquals("UNKNOWN", first.s("mapState"));
      assertEquals(512, first.n("segmentsRead"));
      assertEquals(512, first.n("segmentsChanged"));
      assertEquals(8L * MIB, first.n("bytesWritten"));
      String snap1 = first.s("snapshot");
      assertEquals("2026-11-21_10.00.00", snap1);
      assertArrayEquals(original, archive(""));
      assertEquals("2026-11-21T10:00:00Z", prop("dev.sanctl:snap_time", volume + "@" + snap1));
      assertEquals("DAILY", prop("dev.sanctl:snaprotate_rule", volume + "@" + snap1));
      assertEquals("ROT", prop("dev.sanctl:snaprotate_schedule", volume));
      assertEquals("on", prop("compression", volume));
      assertEquals("yes", prop("mounted", pool + "/ddless"), "checksums live on real ZFS");
      assertEquals(checksumsOf(original), sums(volume + "@" + snap1));
      assertEquals(checksumsOf(original), sums(volume));
      assertEquals("DDMAP_CLEAN", state());
      assertTrue(
          Files.readString(dumps.resolve("log"))
              .contains("DDMAP_DIRTY DDMAP_CLEAN backup completed " + volume + "@" + snap1),
          "map state log");

      // 2. writes through the (stopped-since) target and its clean shutdown's map dump: the
      //    next backup reads exactly the marked segments
      write(100_000, new byte[] {1, 2, 3});
      write(5L * MIB, new byte[] {4});
      Files.write(
          dumps.resolve("20261121_103000.000000000.ddmapdump"),
          new DdMap(
                  1,
                  false,
                  DdMap.nameSum("iqn.2026-11.dev.sanctl:bkssh.0"),
                  new int[(int) DdMap.wordsFor(8L * MIB)])
              .mark(6)
              .mark(320)
              .mark(400)
              .toBytes());
      Job second = backup("2026-11-21T11:00:00Z");
      assertEquals("CLEAN", second.s("mapState"));
      assertEquals(3, second.n("segmentsRead"), "only the marked segments");
      assertEquals(2, second.n("segmentsChanged"));
      assertEquals(2L * SEG, second.n("bytesWritten"));
      String snap2 = second.s("snapshot");
      assertArrayEquals(Files.readAllBytes(source), archive(""));
      assertArrayEquals(original, archive("@" + snap1), "the first snapshot keeps its data");
      assertEquals(checksumsOf(Files.readAllBytes(source)), sums(volume + "@" + snap2));
      assertEquals(checksumsOf(original), sums(volume + "@" + snap1), "checksum history");
      try (Stream<Path> left = Files.list(dumps)) {
        assertFalse(left.anyMatch(p -> p.toString().endsWith(".ddmapdump")), "dumps consumed");
      }

      // 3. a target start and a shutdown without a map dump: DIRTY, the next backup reads all
      //    (this time with the local transport: ranged dd through both SSH connections)
      Cli up =
          Cli.run("-C", cfg.toString(), "backup", "map", "startup", "vg_src", "--host", "san1");
      assertTrue(
          up.exitCode() == 0 && up.out().contains("DDMAP_CLEAN -> DDMAP_ACTIVE"), up.toString());
      write(100L * SEG + 5, new byte[] {9});
      Cli down =
          Cli.run("-C", cfg.toString(), "backup", "map", "shutdown", "vg_src", "--host", "san1");
      assertTrue(
          down.exitCode() == 0 && down.out().contains("DDMAP_ACTIVE -> DDMAP_DIRTY"),
          down.toString());
      Job third = backup("2026-11-21T12:00:00Z", "local");
      assertEquals("DIRTY", third.s("mapState"));
      assertEquals(512, third.n("segmentsRead"));
      assertEquals(1, third.n("segmentsChanged"));
      assertArrayEquals(Files.readAllBytes(source), archive(""));

      // 4. a grown source grows the archive volume; only the new segments are read
      byte[] tail = new byte[MIB / 2];
      new Random(9).nextBytes(tail);
      write(9L * MIB, tail);
      try (RandomAccessFile f = new RandomAccessFile(source.toFile(), "rw")) {
        f.setLength(10L * MIB);
      }
      Job fourth = backup("2026-11-21T13:00:00Z");
      assertEquals(128, fourth.n("segmentsRead"), "the 2 MiB beyond the old size");
      assertEquals(32, fourth.n("segmentsChanged"));
      assertEquals(MIB / 2, fourth.n("bytesWritten"));
      assertArrayEquals(Files.readAllBytes(source), archive(""));
      assertEquals(checksumsOf(Files.readAllBytes(source)), sums(volume));
      assertEquals(
          4,
          Files.readAllLines(checksums.resolve("lun_a_bk.cksum.stats")).size(),
          "one statistics line per run");

      // 5. verify: all snapshots match; a corrupted segment of one snapshot is found, the
      //    checksum file of a snapshot that is gone is removed
      Cli verified = Cli.run("-C", cfg.toString(), "backup", "verify", "--daily", "10");
      assertEquals(0, verified.exitCode(), verified.toString());
      assertEquals(
          4, verified.out().lines().filter(l -> l.endsWith(": OK")).count(), verified.toString());
      try (RandomAccessFile f = new RandomAccessFile("/dev/zvol/" + volume + "@" + snap2, "rw")) {
        f.seek(50L * SEG + 7);
        int b = f.read();
        f.seek(50L * SEG + 7);
        f.write(b ^ 0xff);
      }
      String snap3 = third.s("snapshot");
      ok(zfs.run("zfs", "destroy", volume + "@" + snap3)); // rotated away
      Cli corrupted = Cli.run("-C", cfg.toString(), "backup", "verify", "--daily", "10");
      assertEquals(1, corrupted.exitCode(), corrupted.toString());
      assertTrue(
          corrupted.out().contains(volume + "@" + snap2 + ": MISMATCH in segments 50\n"),
          corrupted.toString());
      assertEquals(
          2, corrupted.out().lines().filter(l -> l.endsWith(": OK")).count(), corrupted.toString());
      Path orphan = checksums.resolve("lun_a_bk@" + snap3 + ".cksum");
      assertTrue(
          corrupted.out().contains("removed orphaned checksum file " + orphan),
          corrupted.toString());
      assertFalse(Files.exists(orphan));

      // 6. restore the first snapshot to a new volume; an existing one is refused
      Cli restored =
          Cli.run(
              "-C",
              cfg.toString(),
              "backup",
              "restore",
              "--from",
              volume + "@" + snap1,
              "--to",
              "vg_src/lun_restored");
      assertEquals(0, restored.exitCode(), restored.toString());
      assertArrayEquals(original, Files.readAllBytes(source.resolveSibling("lun_restored.img")));
      byte[] before = Files.readAllBytes(source);
      Cli refused =
          Cli.run(
              "-C", cfg.toString(), "backup", "restore", "--from", volume, "--to", "vg_src/lun_a");
      assertEquals(3, refused.exitCode(), refused.toString());
      assertTrue(
          refused.err().contains("refusing to restore over the existing volume"),
          refused.toString());
      assertArrayEquals(before, Files.readAllBytes(source), "the existing volume is untouched");
    }

    Job backup(String now) {
      return backup(now, "stream");
    }

    Job backup(String now, String transport) {
      Cli c =
          Cli.run(
              "-C",
              cfg.toString(),
              "backup",
              "run",
              "--json",
              "--transport",
              transport,
              "--remote-sanctl",
              launcher,
              "--now",
              now,
              "lun_a");
      assertEquals(0, c.exitCode(), c.toString());
      return new Job(c.out());
    }

    byte[] archive(String snapshot) throws IOException {
      return Files.readAllBytes(Path.of("/dev/zvol/" + volume + snapshot));
    }

    String prop(String property, String dataset) throws IOException {
      return ok(zfs.run("zfs", "get", "-H", "-o", "value", property, dataset)).out().strip();
    }

    List<Long> sums(String dataset) throws IOException {
      Path file = checksums.resolve(dataset.substring(pool.length() + 1) + ".cksum");
      return Arrays.stream(ChecksumFile.read(file)).boxed().toList();
    }

    String state() throws IOException {
      return Files.readString(dumps.resolve("state")).strip();
    }

    void write(long offset, byte[] data) throws IOException {
      try (RandomAccessFile f = new RandomAccessFile(source.toFile(), "rw")) {
        f.seek(offset);
        f.write(data);
      }
    }
  }

  /** One object of {@code backup run --json} (a single job). */
  record Job(String json) {
    long n(String field) {
      Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
      assertTrue(m.find(), field + " in " + json);
      return Long.parseLong(m.group(1));
    }

    String s(String field) {
      Matcher m = Pattern.compile("\"" + field + "\":\"([^\"]*)\"").matcher(json);
      assertTrue(m.find(), field + " in " + json);
      return m.group(1);
    }
  }

  static List<Long> checksumsOf(byte[] data) {
    long segments = Segments.count(data.length);
    Long[] sums = new Long[(int) segments];
    for (int i = 0; i < segments; i++) {
      sums[i] = Checksums.of(data, i * SEG, Segments.length(i, data.length));
    }
    return List.of(sums);
  }

  static CommandResult ok(CommandResult r) {
    assertEquals(0, r.exitStatus(), r.err());
    return r;
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
