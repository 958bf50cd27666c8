package dev.sanctl.ssh;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;

/** OpenSSH-style fingerprints ({@code SHA256:...}) so messages match {@code ssh-keygen -l}. */
public final class KeyFingerprint {
  private KeyFingerprint() {}

  /** {@code ssh-ed25519 SHA256:base64} of a public key. */
  public static String describe(PublicKey key) {
    return KeyType.fromKey(key) + " " + sha256(key);
  }

  /** {@code SHA256:} followed by the unpadded base64 SHA-256 of the key blob. */
  public static String sha256(PublicKey key) {
    byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
