package dev.sanctl.ssh;

import java.io.File;
import java.io.IOException;
import java.security.PublicKey;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Host key verification against a pinned known_hosts file, never adding or accepting anything new.
 * Remembers why a key was refused so the node's message can name the host and the key.
 */
final class StrictKnownHosts extends OpenSSHKnownHosts {
  private volatile String refusal;

  StrictKnownHosts(File knownHosts) throws IOException {
    super(knownHosts);
  }

  /** Why the last key was refused, or null. */
  String refusal() {
    return refusal;
  }

  @Override
  protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
    refusal =
        "host key of "
            + hostname
            + " is not in "
            + khFile
            + " ("
            + KeyFingerprint.describe(key)
            + "); verify it and add it to the known_hosts file";
    return false;
  }

  @Override
  protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
    refusal =
        "HOST KEY OF "
            + hostname
            + " HAS CHANGED: it now presents "
            + KeyFingerprint.describe(key)
            + ", which differs from the key pinned in "
            + khFile
            + "; refusing the node (possible man-in-the-middle, or the host was reinstalled)";
    return false;
  }
}
