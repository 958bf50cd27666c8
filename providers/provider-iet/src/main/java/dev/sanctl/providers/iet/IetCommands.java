package dev.sanctl.providers.iet;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.FileWrite;
import dev.sanctl.spi.values.ChapSecret;
import dev.sanctl.spi.values.ChapUser;
import dev.sanctl.spi.values.IscsiName;
import dev.sanctl.spi.values.NodePath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The argument vectors the iet provider runs: {@code ietadm} operations and atomic file writes. */
final class IetCommands {
  private IetCommands() {}

  static Command newTarget(int tid, String iqn) {
    return ietadm("--op", "new", "--tid=" + tid, "--params=Name=" + IscsiName.KIND.require(iqn));
  }

  static Command deleteTarget(int tid) {
    return ietadm("--op", "delete", "--tid=" + tid);
  }

  static Command newLun(int tid, DesiredTarget.LunSpec lun) {
    return ietadm("--op", "new", "--tid=" + tid, "--lun=" + lun.lun(), "--params=" + lun.params());
  }

  static Command deleteLun(int tid, int lun) {
    return ietadm("--op", "delete", "--tid=" + tid, "--lun=" + lun);
  }

  static Command update(int tid, String params) {
    return ietadm("--op", "update", "--tid=" + tid, "--params=" + params);
  }

  /**
   * Adds a CHAP account ({@code IncomingUser} or {@code OutgoingUser}) with the secret on standard
   * input, never in an argument: {@link IetAccountScript} sends ietadm's request to ietd itself.
   */
  static Command newUser(int tid, String kind, String user, String secret) {
    return IetAccountScript.newAccount(
        tid,
        kind,
        ChapUser.KIND.require(user),
        ChapSecret.KIND.require(secret, "CHAP user " + user));
  }

  static Command deleteUser(int tid, String kind, String user) {
    return ietadm(
        "--op",
        "delete",
        "--tid=" + tid,
        "--user",
        "--params=" + kind + "=" + ChapUser.KIND.require(user));
  }

  /** Closes every connection of the target's sessions (ietd refuses to delete a busy target). */
  static List<Command> dropSessions(IetRuntime.Target t) {
    List<Command> out = new ArrayList<>();
    for (IetRuntime.Session s : t.sessions()) {
      for (IetRuntime.Connection c : s.connections()) {
        out.add(
            ietadm("--op", "delete", "--tid=" + t.tid(), "--sid=" + s.sid(), "--cid=" + c.cid()));
      }
    }
    return out;
  }

  /**
   * Replaces {@code dir/name} atomically with {@link FileWrite} (content on stdin, secrets masked
   * in every display): {@code ietd.conf}, which holds CHAP passwords, with mode 0600, the allow
   * files with 0644.
   */
  static List<Command> writeFile(String dir, String name, String content, List<String> secrets) {
    NodePath.KIND.require(dir);
    String mode = name.equals("ietd.conf") ? FileWrite.SECRET : FileWrite.PUBLIC;
    return List.of(
        FileWrite.replace(
            dir + "/" + name, mode, content.getBytes(StandardCharsets.UTF_8), secrets));
  }

  private static Command ietadm(String... args) {
    List<String> argv = new ArrayList<>();
    argv.add("ietadm");
    argv.addAll(List.of(args));
    return new Command(argv, null, null, true, null);
  }
}
