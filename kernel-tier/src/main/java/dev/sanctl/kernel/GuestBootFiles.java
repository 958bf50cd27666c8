package dev.sanctl.kernel;

import dev.sanctl.spi.host.ShellQuoting;
import dev.sanctl.testkit.ssh.TestKeys;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The files one boot of a guest reads from its writable 9p share ({@code /sanctl-guest}): the
 * stage-2 script, {@code guest.env}, the pinned host key, the client's authorized key and {@code
 * sshd_config}; and the sparse disk images (made once, kept across boots).
 */
final class GuestBootFiles {
  private GuestBootFiles() {}

  /** Creates the share of a boot under {@code bootDir} and returns the stage-2 script in it. */
  static Path writeShare(Path bootDir, GuestSpec spec, Path hostKey, Path identity)
      throws IOException {
    Path share = Files.createDirectories(bootDir.resolve("share"));
    Files.setPosixFilePermissions(share, PosixFilePermissions.fromString("rwx------"));
    Path stage2 = share.resolve("stage2.sh");
    Files.write(stage2, Initramfs.resource("guest-stage2.sh"));
    Files.setPosixFilePermissions(stage2, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> serials = new ArrayList<>();
    for (int i = 0; i < spec.disks().size(); i++) serials.add(GuestSpec.diskSerial(i));
    Files.writeString(
        share.resolve("guest.env"),
        "GUEST_NAME="
            + ShellQuoting.quote(spec.name())
            + "\nGUEST_DISKS="
            + ShellQuoting.quote(String.join(" ", serials))
            + "\nINITIATOR_IQN="
            + ShellQuoting.quote("iqn.2026-12.dev.sanctl.guest:" + spec.name())
            + "\n");
    Files.copy(hostKey, share.resolve("ssh_host_ed25519_key"));
    Files.copy(Path.of(identity + ".pub"), share.resolve("authorized_keys"));
    Files.writeString(
        share.resolve("sshd_config"),
        String.join(
            "\n",
            "Port 22",
            "ListenAddress 0.0.0.0",
            "HostKey /etc/ssh/sanctl_host_ed25519_key",
            "AuthorizedKeysFile /sanctl-guest/authorized_keys",
            "PidFile /run/sshd.pid",
            "UsePAM no",
            "StrictModes no",
            "PermitRootLogin prohibit-password",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "UseDNS no",
            "MaxStartups 64",
            "MaxSessions 64",
            "SetEnv LVM_SUPPRESS_FD_WARNINGS=1",
            "LogLevel VERBOSE",
            ""));
    return stage2;
  }

  /** Creates the sparse disk images that do not exist yet (existing ones keep their data). */
  static void createDisks(GuestSpec spec) throws IOException {
    for (GuestDisk d : spec.disks()) {
      if (Files.exists(d.image())) continue;
      Files.createDirectories(d.image().getParent());
      try (RandomAccessFile f = new RandomAccessFile(d.image().toFile(), "rw")) {
        f.setLength(d.sizeBytes());
      }
    }
  }

  /** The text of {@code p}, {@code (none)} when absent. */
  static String readOr(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p) : "(none)";
    } catch (IOException e) {
      return "(unreadable)";
    }
  }

  /** The ed25519 key {@code dir/id_ed25519}, generated the first time (kept across boots). */
  static Path key(Path dir) throws IOException, InterruptedException {
    Path key = dir.resolve("id_ed25519");
    return Files.exists(key) ? key : TestKeys.generate(dir, "ed25519");
  }
}
