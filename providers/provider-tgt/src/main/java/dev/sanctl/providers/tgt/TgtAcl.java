package dev.sanctl.providers.tgt;

import java.util.ArrayList;
import java.util.List;

/**
 * The ACL sanctl gives a tgt target: its initiator names, plus one address entry that matches no
 * initiator.
 *
 * <p>Why the address entry: {@code tgt-admin -e} (what a tgtd restart runs) binds {@code
 * --initiator-address ALL} to every target whose stanza has no {@code initiator-address} line
 * ({@code add_targets}: {@code $allowall} stays 1), and tgtd lets an initiator in when its address
 * <em>or</em> its name is listed. A stanza with only {@code initiator-name} lines therefore comes
 * back open to every initiator. With {@link #NO_ADDRESS} bound live and persisted, a restart
 * restores exactly the ACL that was applied and access stays by initiator name only.
 */
final class TgtAcl {
  /**
   * The limited broadcast address: no TCP peer can have it, so the entry never lets anyone in. It
   * is numeric, so {@code tgt-admin --dump} writes it back as {@code initiator-address}.
   */
  static final String NO_ADDRESS = "255.255.255.255";

  /** The address entry that admits every initiator. */
  static final String ALL = "ALL";

  private TgtAcl() {}

  /** The ACL entries of a target listing {@code initiators}, in tgtadm's show order. */
  static List<String> of(List<String> initiators) {
    List<String> acl = new ArrayList<>(initiators.size() + 1);
    acl.add(NO_ADDRESS);
    acl.addAll(initiators);
    return acl;
  }

  /** Whether an ACL entry is an initiator name (bound with {@code --initiator-name}). */
  static boolean isName(String entry) {
    return entry.startsWith("iqn.") || entry.startsWith("eui.") || entry.startsWith("naa.");
  }
}
