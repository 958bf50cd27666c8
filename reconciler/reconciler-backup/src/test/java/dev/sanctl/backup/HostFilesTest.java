package dev.sanctl.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sanctl.core.host.LocalHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HostFiles} with real coreutils, on a host whose output is bounded like SshHost's. */
class HostFilesTest {
  @TempDir Path dir;

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  @Test
  void aFileLargerThanTheHostsOutputLimitIsReadWhole() throws Exception {
    HostFiles files =
        new HostFiles(new LocalHost("arch1", Duration.ofSeconds(60), HostDevices.MAX_RANGE));
    byte[] data = random(HostDevices.MAX_RANGE + 12_345);
    Path file = dir.resolve("big.cksum");
    Files.write(file, data);
    assertArrayEquals(data, files.read(file.toString()).orElseThrow());
    assertEquals(Optional.of((long) data.length), files.size(file.toString()));
    assertEquals(Optional.empty(), files.read(dir.resolve("missing").toString()));
    assertEquals(Optional.empty(), files.size(dir.resolve("missing").toString()));
  }

  @Test
  void replaceWritesTheContentAndLeavesNoTemporaryFile() throws Exception {
    HostFiles files = new HostFiles(new LocalHost("arch1", Duration.ofSeconds(60), 1024));
    Path file = dir.resolve("vol.cksum");
    Files.write(file, random(10));
    byte[] data = random(300_000);
    files.replace(file.toString(), data);
    assertArrayEquals(data, Files.readAllBytes(file));
    assertFalse(Files.exists(dir.resolve("vol.cksum.tmp")));
  }
}
