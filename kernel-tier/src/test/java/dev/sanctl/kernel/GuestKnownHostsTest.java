package dev.sanctl.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.testkit.ssh.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestKnownHostsTest {
  @Test
  void pinsTheHostKeyAtTheForwardedPortInOpenSshSyntax(@TempDir Path dir) throws Exception {
    Path key = TestKeys.generate(dir, "ed25519");
    String[] pub = Files.readString(Path.of(key + ".pub")).strip().split(" ");
    String line = Guest.knownHostsLine(40123, Files.readString(Path.of(key + ".pub")));
    assertEquals("[127.0.0.1]:40123 ssh-ed25519 " + pub[1] + "\n", line);
    // OpenSSH itself finds the key for that host and port (and only there)
    Path kh = dir.resolve("known_hosts");
    Files.writeString(kh, line);
    assertTrue(keygenFinds(kh, "[127.0.0.1]:40123"));
    assertTrue(!keygenFinds(kh, "[127.0.0.1]:40124"));
  }

  private static boolean keygenFinds(Path kh, String host) throws Exception {
    Process p =
        new ProcessBuilder("ssh-keygen", "-F", host, "-f", kh.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return p.waitFor() == 0 && out.contains("ssh-ed25519");
  }
}
