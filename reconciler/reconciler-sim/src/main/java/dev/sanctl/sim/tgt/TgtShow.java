package dev.sanctl.sim.tgt;

/** Renders {@code tgtadm --op show} exactly as tgt 1.0.85 prints it (4-space indents). */
final class TgtShow {
  private TgtShow() {}

  static String targets(TgtState s) {
    StringBuilder sb = new StringBuilder();
    for (TgtState.Target t : s.targets.values()) {
      sb.append("Target ").append(t.tid).append(": ").append(t.iqn).append('\n');
      sb.append("    System information:\n");
      sb.append("        Driver: iscsi\n");
      sb.append("        State: ").append(t.state).append('\n');
      sb.append("    I_T nexus information:\n");
      for (TgtState.Nexus n : t.nexuses) {
        sb.append("        I_T nexus: ").append(n.id()).append('\n');
        sb.append("            Initiator: ").append(n.initiator()).append(" alias: none\n");
        sb.append("            Connection: 0\n");
        sb.append("                IP Address: ").append(n.ip()).append('\n');
      }
      sb.append("    LUN information:\n");
      controller(sb, t.tid);
      for (TgtState.Lun l : t.luns.values()) lun(sb, l);
      sb.append("    Account information:\n");
      t.incoming.forEach(a -> sb.append("        ").append(a).append('\n'));
      if (t.outgoing != null) sb.append("        ").append(t.outgoing).append(" (outgoing)\n");
      sb.append("    ACL information:\n");
      t.addressAcl.forEach(a -> sb.append("        ").append(a).append('\n'));
      t.nameAcl.forEach(a -> sb.append("        ").append(a).append('\n'));
    }
    return sb.toString();
  }

  private static void controller(StringBuilder sb, int tid) {
    sb.append("        LUN: 0\n");
    sb.append("            Type: controller\n");
    sb.append("            SCSI ID: ").append(defaultScsiId(tid, 0)).append('\n');
    sb.append("            SCSI SN: ").append(defaultScsiSn(tid, 0)).append('\n');
    sb.append("            Size: 0 MB, Block size: 1\n");
    flags(sb, true, "null", "None");
  }

  private static void lun(StringBuilder sb, TgtState.Lun l) {
    sb.append("        LUN: ").append(l.lun).append('\n');
    sb.append("            Type: disk\n");
    sb.append("            SCSI ID: ").append(l.scsiId).append('\n');
    sb.append("            SCSI SN: ").append(l.scsiSn).append('\n');
    sb.append("            Size: ").append(megabytes(l.sizeBytes)).append(" MB, Block size: 512\n");
    flags(sb, l.online, "rdwr", l.path);
  }

  private static void flags(StringBuilder sb, boolean online, String bsType, String bsPath) {
    sb.append("            Online: ").append(online ? "Yes" : "No").append('\n');
    sb.append("            Removable media: No\n");
    sb.append("            Prevent removal: No\n");
    sb.append("            Readonly: No\n");
    sb.append("            SWP: No\n");
    sb.append("            Thin-provisioning: No\n");
    sb.append("            Backing store type: ").append(bsType).append('\n');
    sb.append("            Backing store path: ").append(bsPath).append('\n');
    sb.append("            Backing store flags: \n");
  }

  static String portals(TgtState s) {
    StringBuilder sb = new StringBuilder();
    s.portals.forEach(p -> sb.append("Portal: ").append(p).append(",1\n"));
    return sb.toString();
  }

  static String accounts(TgtState s) {
    StringBuilder sb = new StringBuilder("Account list:\n");
    s.accounts.forEach(a -> sb.append("    ").append(a.user()).append('\n'));
    return sb.toString();
  }

  /** tgt's {@code print_disksize}. */
  static long megabytes(long bytes) {
    long sectors = bytes / 512;
    return (sectors - ((sectors / 625) - 974)) / 1950;
  }

  static String defaultScsiId(int tid, int lun) {
    return String.format("IET     %04x%04x", tid, lun);
  }

  static String defaultScsiSn(int tid, int lun) {
    return "beaf" + tid + lun;
  }
}
