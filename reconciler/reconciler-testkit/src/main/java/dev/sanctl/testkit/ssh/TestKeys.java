package dev.sanctl.testkit.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;

/** Key material for tests, made with the real {@code ssh-keygen}. */
public final class TestKeys {
  private TestKeys() {}

  /** Generates a passphrase-less key pair ({@code type}: ed25519, rsa, ecdsa) at {@code path}. */
  public static Path generate(Path dir, String type) throws IOException, InterruptedException {
    Path key = dir.resolve("id_" + type);
    Process p =
        new ProcessBuilder(
                "ssh-keygen", "-q", "-t", type, "-N", "", "-C", "test", "-f", key.toString())
            .redirectErrorStream(true)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    if (p.waitFor() != 0) throw new IOException("ssh-keygen failed: " + new String(out));
    return key;
  }

  /** A known_hosts line pinning {@code key} for {@code host:port}. */
  public static String knownHostsLine(String host, int port, PublicKey key) {
    String blob =
        Base64.getEncoder()
            .encodeToString(new Buffer.PlainBuffer().putPublicKey(key).getCompactData());
    String name = port == 22 ? host : "[" + host + "]:" + port;
    return name + " " + KeyType.fromKey(key) + " " + blob + "\n";
  }

  public static Path writeKnownHosts(Path dir, String content) throws IOException {
    Path kh = dir.resolve("known_hosts");
    Files.writeString(kh, content);
    return kh;
  }
}
