package dev.sanctl.ssh;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how to reach one node over SSH: the node's own settings, already merged over the
 * cluster's {@code transport} defaults, with relative paths resolved against the config repo.
 *
 * @param node the node name from the desired state (used in every message)
 * @param identityFile a passphrase-less private key (ed25519, RSA or ECDSA, OpenSSH or PEM format)
 * @param knownHostsFile the pinned known_hosts file; the host key must be in it
 * @param connectTimeout bound on TCP connect, key exchange and authentication
 * @param commandTimeout default bound on one command (a {@code Command} may set its own)
 * @param sudo run every command through {@code sudo -n --} (non-interactive: a command the
 *     account's allow-list does not grant fails at once instead of asking for a password)
 */
public record SshEndpoint(
    String node,
    String address,
    int port,
    String user,
    Path identityFile,
    Path knownHostsFile,
    Duration connectTimeout,
    Duration commandTimeout,
    boolean sudo) {
  /** An endpoint whose commands run as the login user. */
  public SshEndpoint(
      String node,
      String address,
      int port,
      String user,
      Path identityFile,
      Path knownHostsFile,
      Duration connectTimeout,
      Duration commandTimeout) {
    this(
        node,
        address,
        port,
        user,
        identityFile,
        knownHostsFile,
        connectTimeout,
        commandTimeout,
        false);
  }
}
