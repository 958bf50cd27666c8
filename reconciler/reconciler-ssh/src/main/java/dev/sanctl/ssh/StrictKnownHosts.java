package dev.sanctl.ssh;

import com.hierynomus.sshj.userauth.certificate.Certificate;
import java.io.File;
import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Host key verification against a pinned known_hosts file, never adding or accepting anything new.
 * Remembers why a key was refused so the node's message can name the host and the key.
 *
 * <p>Markers are honoured as OpenSSH does ({@code hostfile.c}: {@code check_key_not_revoked}, then
 * {@code check_hostkeys_by_key_or_type} over the lines without a marker):
 *
 * <ul>
 *   <li>a key on a {@code @revoked} line that applies to the host is refused, whatever other lines
 *       say ("revoked", not "changed"); sshj alone would accept it when a plain line lists the same
 *       key;
 *   <li>only lines without a marker authenticate a plain host key; a {@code @revoked} line of
 *       another key does not make the key "changed";
 *   <li>{@code @cert-authority} lines are not supported: host certificates are neither negotiated
 *       nor accepted (sshj does not check a certificate's principals and validity as OpenSSH does),
 *       and such a line never authenticates a plain key (sshj alone would accept the CA key itself
 *       as the host key).
 * </ul>
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

  /** One parsed line: its marker ({@code @revoked}, {@code @cert-authority}, or null) and key. */
  private record Line(HostEntry entry, String marker, String key) {
    static Line of(HostEntry e) {
      String[] w = e.getLine().trim().split("\\s+");
      boolean marked = w[0].startsWith("@");
      int keyAt = marked ? 3 : 2;
      return new Line(e, marked ? w[0] : null, w.length > keyAt ? w[keyAt] : "");
    }
  }

  private List<Line> lines() {
    List<Line> out = new ArrayList<>();
    for (KnownHostEntry e : entries()) {
      if (e instanceof HostEntry h) out.add(Line.of(h));
    }
    return out;
  }

  private static String host(String hostname, int port) {
    String h = hostname.toLowerCase(Locale.ROOT);
    return port != 22 ? "[" + h + "]:" + port : h;
  }

  private static String blob(PublicKey key) {
    return Base64.getEncoder()
        .encodeToString(new Buffer.PlainBuffer().putPublicKey(key).getCompactData());
  }

  @Override
  public boolean verify(String hostname, int port, PublicKey key) {
    String host = host(hostname, port);
    KeyType type = KeyType.fromKey(key);
    if (type == KeyType.UNKNOWN) return hostKeyUnverifiableAction(host, key);
    String blob = blob(key);
    String ca =
        key instanceof Certificate<?> cert
            ? Base64.getEncoder().encodeToString(cert.getSignatureKey())
            : null;
    List<Line> lines = lines();
    boolean known = false;
    try {
      for (Line l : lines) {
        if ("@revoked".equals(l.marker())
            && l.entry().appliesTo(host)
            && (l.key().equals(blob) || l.key().equals(ca))) {
          refusal =
              "host key of "
                  + host
                  + " ("
                  + KeyFingerprint.describe(key)
                  + ") is marked @revoked in "
                  + khFile
                  + "; refusing the node: the key is revoked and must never be accepted";
          return false;
        }
      }
      if (ca != null) {
        refusal =
            "host "
                + host
                + " presents a host certificate; sanctl accepts only host keys pinned on plain"
                + " known_hosts lines (@cert-authority is not supported): add the host's key to "
                + khFile;
        return false;
      }
      for (Line l : lines) {
        if (l.marker() != null || !l.entry().appliesTo(type, host)) continue;
        if (l.key().equals(blob)) return true;
        known = true;
      }
    } catch (IOException e) {
      log.error("Error with {}: {}", khFile, e);
      return false;
    }
    return known ? hostKeyChangedAction(host, key) : hostKeyUnverifiableAction(host, key);
  }

  /** The key types of the host's plain lines only, so no host certificate is negotiated. */
  @Override
  public List<String> findExistingAlgorithms(String hostname, int port) {
    String host = host(hostname, port);
    List<String> types = new ArrayList<>();
    for (Line l : lines()) {
      try {
        if (l.marker() == null && l.entry().appliesTo(host)) {
          types.add(l.entry().getType().toString());
        }
      } catch (IOException ignored) {
        // a line whose host pattern cannot be read applies to no host
      }
    }
    return types;
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
