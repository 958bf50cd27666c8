package dev.sanctl.providers.tgt;

import java.util.List;

/**
 * One target as {@code tgtadm --op show --mode target} lists it.
 *
 * @param state {@code ready} or {@code offline}
 * @param luns data and controller LUNs in listed order
 * @param nexuses logged-in initiators (I_T nexus blocks)
 * @param accounts incoming account names bound to the target
 * @param outgoingAccount the outgoing account, or null
 * @param acl ACL entries in bind order (addresses, then initiator names, or {@code ALL})
 */
public record TgtTarget(
    int tid,
    String iqn,
    String state,
    List<Lun> luns,
    List<Nexus> nexuses,
    List<String> accounts,
    String outgoingAccount,
    List<String> acl) {

  /** A LUN; {@code sizeMb} is tgt's approximate size (see {@link TgtSizes}). */
  public record Lun(
      int lun,
      String type,
      String scsiId,
      String scsiSn,
      long sizeMb,
      boolean online,
      String backingStoreType,
      String backingStorePath) {
    public boolean isController() {
      return "controller".equals(type);
    }
  }

  /** A logged-in initiator with its connection addresses. */
  public record Nexus(int id, String initiator, List<String> addresses) {}

  public List<Lun> dataLuns() {
    return luns.stream().filter(l -> !l.isController()).toList();
  }
}
