package dev.sanctl.providers.iet;

import dev.sanctl.spi.provider.Imported;
import dev.sanctl.spi.provider.ResourceAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CHAP accounts of imported targets. A secret is never written into YAML: each account gets a
 * {@code secretFile} in the machine's secrets directory, named after its user ({@code <user>.chap};
 * {@code <user>-2.chap} ... when one user has several secrets), and the import lists the files the
 * admin must create (mode 0600, holding the secret of the {@code IncomingUser} or {@code
 * OutgoingUser} line of {@code ietd.conf}) before planning.
 */
final class IetImportChap {
  private final String secretsDir;
  private final Map<String, String> fileBySecret = new LinkedHashMap<>();
  private final Map<String, Integer> filesOfUser = new LinkedHashMap<>();
  private final List<Imported.LeftOut> leftOut = new ArrayList<>();

  IetImportChap(String secretsDir) {
    this.secretsDir = secretsDir;
  }

  /** The {@code chap} entry of a stanza, or null when it has no account. */
  Map<String, Object> chap(String node, IetdConf.Stanza stanza) {
    Map<String, Object> chap = new LinkedHashMap<>();
    List<Object> incoming = new ArrayList<>();
    for (IetdConf.Account a : stanza.incoming()) incoming.add(user(node, stanza.iqn(), a));
    if (!incoming.isEmpty()) chap.put("incoming", incoming);
    if (stanza.outgoing() != null)
      chap.put("outgoing", user(node, stanza.iqn(), stanza.outgoing()));
    return chap.isEmpty() ? null : chap;
  }

  private Map<String, Object> user(String node, String iqn, IetdConf.Account a) {
    String key = a.user() + "\0" + a.secret();
    String file = fileBySecret.get(key);
    if (file == null) {
      int n = filesOfUser.merge(a.user(), 1, Integer::sum);
      file = secretsDir + "/" + a.user() + (n == 1 ? "" : "-" + n) + ".chap";
      fileBySecret.put(key, file);
    }
    // until the file exists the target is refused (nothing planned for it): one entry per target
    leftOut.add(
        new Imported.LeftOut(
            ResourceAddress.cluster(IetProvider.ID, "target", iqn).toString(),
            "CHAP secret of user "
                + a.user()
                + " (target "
                + iqn
                + "): create "
                + file
                + " (mode 0600) holding the secret of its account line in "
                + node
                + ":/etc/iet/ietd.conf; secrets are never imported"));
    Map<String, Object> u = new LinkedHashMap<>();
    u.put("user", a.user());
    u.put("secretFile", file);
    return u;
  }

  /** The secret files to create, one entry each. */
  List<Imported.LeftOut> leftOut() {
    return leftOut;
  }

  /** Whether any account was imported. */
  boolean any() {
    return !fileBySecret.isEmpty();
  }
}
