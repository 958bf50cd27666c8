package dev.sanctl.core.plan;

import dev.sanctl.spi.model.DesiredState;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as {@code sha256:<hex>}, the form saved plans carry. */
public final class Digests {
  private Digests() {}

  /**
   * Digest of the desired state, independent of the revision it was read from: of the UTF-8 bytes
   * of its {@code toString()} without the revision, fed to the digest piece by piece ({@link
   * RecordDigest}).
   */
  public static String desired(DesiredState d) {
    MessageDigest md = sha256();
    new RecordDigest(md).record(d.withRevision(null));
    return format(md.digest());
  }

  /** Digest of bytes. */
  public static String of(byte[] bytes) {
    MessageDigest md = sha256();
    return format(md.digest(bytes));
  }

  /** A fresh SHA-256 digest. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /** {@code sha256:<hex>}. */
  public static String format(byte[] digest) {
    return "sha256:" + HexFormat.of().formatHex(digest);
  }
}
