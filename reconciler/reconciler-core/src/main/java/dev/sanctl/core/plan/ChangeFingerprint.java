package dev.sanctl.core.plan;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.FieldChange;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The fingerprint of one planned change: a digest of everything the planner derived from the live
 * object it observed and the desired state — address, action, impact, field values before and
 * after, the exact commands with their input, the initiators it affects, its dependencies. Two
 * plans whose change for an address has the same fingerprint would run the same commands for the
 * same reason, so a saved plan stays current as long as the fingerprints of its changes do,
 * whatever else moves on the node (an initiator logging in to another target, a volume created by
 * hand).
 *
 * <p>Secrets never reach the digest: sensitive field values count only as present or absent, and
 * each command's secrets are masked in its argv and standard input before hashing.
 */
public final class ChangeFingerprint {
  private ChangeFingerprint() {}

  /** {@code sha256:<hex>} of the change. */
  public static String of(Change c) {
    MessageDigest md = Digests.sha256();
    add(md, c.address());
    add(md, c.action().name());
    add(md, c.impact().name());
    add(md, Boolean.toString(c.requiresApproval()));
    add(md, "fields " + c.fields().size());
    for (FieldChange f : c.fields()) {
      add(md, f.path());
      add(md, f.sensitive() ? present(f.before()) : String.valueOf(f.before()));
      add(md, f.sensitive() ? present(f.after()) : String.valueOf(f.after()));
    }
    add(md, "commands " + c.commands().size());
    for (Command cmd : c.commands()) {
      add(md, "argv " + cmd.argv().size());
      cmd.displayArgv().forEach(a -> add(md, a));
      add(md, Boolean.toString(cmd.mutating()));
      add(md, stdin(cmd));
    }
    add(md, "initiators " + c.affectedInitiators().size());
    c.affectedInitiators().forEach(i -> add(md, i));
    add(md, "dependsOn " + c.dependsOn().size());
    c.dependsOnAddresses().forEach(a -> add(md, a));
    return Digests.format(md.digest());
  }

  private static String present(String value) {
    return value == null ? "absent" : "present";
  }

  /** The command's input, its secrets masked as they are in its displayed argv. */
  private static byte[] stdin(Command cmd) {
    byte[] in = cmd.stdin();
    if (cmd.secrets().isEmpty()) return in;
    String text = new String(in, StandardCharsets.UTF_8);
    for (String secret : cmd.secrets()) {
      if (!secret.isEmpty()) text = text.replace(secret, Command.REDACTED);
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void add(MessageDigest md, String s) {
    add(md, s.getBytes(StandardCharsets.UTF_8));
  }

  private static void add(MessageDigest md, byte[] b) {
    md.update(ByteBuffer.allocate(4).putInt(b.length).array());
    md.update(b);
  }
}
