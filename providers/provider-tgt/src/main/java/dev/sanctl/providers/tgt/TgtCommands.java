package dev.sanctl.providers.tgt;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.values.ChapSecret;
import dev.sanctl.spi.values.ChapUser;
import dev.sanctl.spi.values.IscsiName;
import dev.sanctl.spi.values.NodePath;
import dev.sanctl.spi.values.PortalAddress;
import dev.sanctl.spi.values.Serial;
import java.util.ArrayList;
import java.util.List;

/** Builds {@code tgtadm} argument vectors for one node (with its control port, if any). */
final class TgtCommands {
  private final Integer controlPort;

  TgtCommands(Integer controlPort) {
    this.controlPort = controlPort;
  }

  private List<String> base() {
    List<String> argv = new ArrayList<>();
    argv.add("tgtadm");
    if (controlPort != null) {
      argv.add("-C");
      argv.add(controlPort.toString());
    }
    argv.add("--lld");
    argv.add("iscsi");
    return argv;
  }

  Command show(String mode) {
    List<String> argv = base();
    argv.addAll(List.of("--op", "show", "--mode", mode));
    return new Command(argv, null, null, false, null);
  }

  Command change(String... args) {
    List<String> argv = base();
    argv.addAll(List.of(args));
    return new Command(argv, null, null, true, null);
  }

  Command newTarget(int tid, String iqn) {
    return change(
        "--op",
        "new",
        "--mode",
        "target",
        "--tid",
        tid(tid),
        "--targetname",
        IscsiName.KIND.require(iqn));
  }

  Command deleteTarget(int tid, boolean force) {
    return force
        ? change("--op", "delete", "--mode", "target", "--tid", tid(tid), "--force")
        : change("--op", "delete", "--mode", "target", "--tid", tid(tid));
  }

  Command newLun(int tid, int lun, String path) {
    return change(
        "--op",
        "new",
        "--mode",
        "logicalunit",
        "--tid",
        tid(tid),
        "--lun",
        Integer.toString(lun),
        "--backing-store",
        NodePath.KIND.require(path));
  }

  Command deleteLun(int tid, int lun) {
    return change(
        "--op",
        "delete",
        "--mode",
        "logicalunit",
        "--tid",
        tid(tid),
        "--lun",
        Integer.toString(lun));
  }

  Command setSerial(int tid, int lun, String serial) {
    return change(
        "--op",
        "update",
        "--mode",
        "logicalunit",
        "--tid",
        tid(tid),
        "--lun",
        Integer.toString(lun),
        "--params",
        "scsi_sn=" + Serial.KIND.require(serial) + ",scsi_id=" + serial);
  }

  /** Binds an ACL entry: an initiator name, or an address ({@code ALL}, IP, CIDR). */
  Command bindAcl(int tid, String entry) {
    return acl("bind", tid, entry);
  }

  Command unbindAcl(int tid, String entry) {
    return acl("unbind", tid, entry);
  }

  private Command acl(String op, int tid, String entry) {
    boolean name = TgtAcl.isName(entry);
    return change(
        "--op",
        op,
        "--mode",
        "target",
        "--tid",
        tid(tid),
        name ? "--initiator-name" : "--initiator-address",
        name ? IscsiName.KIND.require(entry) : entry);
  }

  Command setState(int tid, String state) {
    return change(
        "--op", "update", "--mode", "target", "--tid", tid(tid), "--name", "state", "--value",
        state);
  }

  /**
   * Creates a CHAP account with the secret on standard input, never in an argument: {@code tgtadm}
   * takes the password only in argv (visible to every local user in {@code ps}), so {@link
   * TgtAccountScript} sends tgtadm's request to tgtd's management socket itself.
   */
  Command newAccount(String user, String secret) {
    return TgtAccountScript.newAccount(
        controlPort,
        ChapUser.KIND.require(user),
        ChapSecret.KIND.require(secret, "CHAP user " + user));
  }

  Command bindAccount(int tid, String user, boolean outgoing) {
    return outgoing
        ? change(
            "--op", "bind", "--mode", "account", "--tid", tid(tid), "--user", user, "--outgoing")
        : change("--op", "bind", "--mode", "account", "--tid", tid(tid), "--user", user);
  }

  Command unbindAccount(int tid, String user, boolean outgoing) {
    return outgoing
        ? change(
            "--op", "unbind", "--mode", "account", "--tid", tid(tid), "--user", user, "--outgoing")
        : change("--op", "unbind", "--mode", "account", "--tid", tid(tid), "--user", user);
  }

  Command newPortal(String portal) {
    return change(
        "--op",
        "new",
        "--mode",
        "portal",
        "--param",
        "portal=" + PortalAddress.KIND.require(portal));
  }

  private static String tid(int tid) {
    return Integer.toString(tid);
  }
}
