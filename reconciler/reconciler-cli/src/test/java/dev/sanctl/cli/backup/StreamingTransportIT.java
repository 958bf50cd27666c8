package dev.sanctl.cli.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sanctl.backup.StreamCopy;
import dev.sanctl.core.host.LocalHost;
import dev.sanctl.ddless.DdMap;
import dev.sanctl.spi.host.Host;
import dev.sanctl.ssh.SshEndpoint;
import dev.sanctl.ssh.SshHost;
import dev.sanctl.testkit.SanctlLauncher;
import dev.sanctl.testkit.ssh.OpenSshServer;
import dev.sanctl.testkit.ssh.TestKeys;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming backup transport with real processes: {@code sanctl ddless send} and {@code
 * receive} started through {@link Host#start} on two hosts (local processes, then two SSH
 * connections to a real sshd), relayed by sanctl, on file-backed volumes.
 */
class StreamingTransportIT {
  static final int MIB = 1 << 20;

  /** Three 8 MiB buffers and a short tail, for three sending workers. */
  static final int SIZE = 16 * MIB + 3 * MIB + 5000;

  static final long SEGMENTS = (SIZE + 16383) / 16384;
  @TempDir Path dir;

  private void exercise(Host source, Host archive) throws Exception {
    Path src = dir.resolve("lv_data.img");
    Path tgt = dir.resolve("lv_data_bk.img");
    Path sum = dir.resolve("lv_data_bk.cksum");
    byte[] data = new byte[SIZE];
    new Random(7).nextBytes(data);
    Files.write(src, data);
    String launcher = SanctlLauncher.write(dir).toString();

    StreamCopy.Result first =
        StreamCopy.copy(
            launcher, source, src.toString(), null, 3, archive, tgt.toString(), sum.toString());
    assertEquals(SEGMENTS, first.segmentsRead());
    assertEquals(SEGMENTS, first.segmentsChanged());
    assertArrayEquals(data, Files.readAllBytes(tgt));

    try (RandomAccessFile f = new RandomAccessFile(src.toFile(), "rw")) {
      f.seek(100_000);
      f.write(new byte[] {1, 2, 3});
      f.seek(5L * MIB);
      f.write(new byte[] {4});
    }
    Path map = dir.resolve("backup.ddmap");
    DdMap.empty(0, (int) DdMap.wordsFor(SIZE)).mark(6).mark(320).mark(400).write(map);
    StreamCopy.Result second =
        StreamCopy.copy(
            launcher,
            source,
            src.toString(),
            map.toString(),
            1,
            archive,
            tgt.toString(),
            sum.toString());
    assertEquals(3, second.segmentsRead(), "only the mapped segments");
    assertEquals(2, second.segmentsChanged());
    assertEquals(2 * 16384, second.bytesWritten());
    assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(tgt));

    try (RandomAccessFile f = new RandomAccessFile(src.toFile(), "rw")) {
      f.seek(SIZE - 10);
      f.write(new byte[] {5});
      f.seek(9L * MIB);
      f.write(new byte[] {6});
    }
    StreamCopy.Result third =
        StreamCopy.copy(
            launcher, source, src.toString(), null, 3, archive, tgt.toString(), sum.toString());
    assertEquals(SEGMENTS, third.segmentsRead(), "no map: the receiver's checksums decide");
    assertEquals(2, third.segmentsChanged());
    assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(tgt));
  }

  @Test
  void localProcesses() throws Exception {
    exercise(new LocalHost("san1"), new LocalHost("arch1"));
  }

  @Test
  void overRealSsh() throws Exception {
    boolean present = Files.isExecutable(OpenSshServer.SSHD);
    if (System.getenv("CI") != null) assertTrue(present, "CI installs openssh-server");
    assumeTrue(present, "openssh-server is not installed");
    Path identity = TestKeys.generate(dir, "ed25519");
    try (OpenSshServer sshd =
        new OpenSshServer(
            Files.createDirectories(dir.resolve("sshd")), Path.of(identity + ".pub"))) {
      Path kh = TestKeys.writeKnownHosts(dir, sshd.knownHostsLine());
      try (SshHost san1 = ssh("san1", sshd, identity, kh);
          SshHost arch1 = ssh("arch1", sshd, identity, kh)) {
        exercise(san1, arch1);
      }
    }
  }

  private static SshHost ssh(String node, OpenSshServer sshd, Path identity, Path kh) {
    return new SshHost(
        new SshEndpoint(
            node,
            "127.0.0.1",
            sshd.port,
            System.getProperty("user.name"),
            identity,
            kh,
            Duration.ofSeconds(5),
            Duration.ofMinutes(2)));
  }
}
