package dev.sanctl.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** The guest kit itself: boot, commands over SSH, kill and reboot on the same disk, two guests. */
@Tag("boot")
@ExtendWith(GuestLogsExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuestBootKernelTest {
  static final Path WORK = Path.of("target", "kernel-tier", "GuestBootKernelTest").toAbsolutePath();
  static Guest guest;

  @BeforeAll
  static void boot() throws Exception {
    DebianKernel.deleteTree(WORK);
    guest =
        Guest.boot(
            GuestSpec.builder("boot1").disk(GuestDisk.of(WORK.resolve("d0.img"), 1L << 30)).build(),
            WORK.resolve("boot1"));
  }

  @AfterAll
  static void close() {
    if (guest != null) guest.close();
  }

  @Test
  @Order(1)
  void runsTheDebianKernelReachedOverStrictSsh() throws Exception {
    GuestResult r = guest.exec("uname", "-r");
    assertEquals(0, r.status(), r::toString);
    assertEquals(DebianKernel.prepare().version(), r.stdout().strip());
    assertEquals("boot1\n", guest.check("hostname"));
    String kh = Files.readString(guest.knownHostsFile());
    assertTrue(kh.startsWith("[127.0.0.1]:" + guest.sshPort() + " ssh-ed25519 "), kh);
  }

  @Test
  @Order(2)
  void theStatusIsTheCommands() {
    assertEquals(1, guest.exec("false").status());
    GuestResult r = guest.exec("sh", "-c", "echo out; echo err >&2; exit 7");
    assertEquals(new GuestResult(7, "out\n", "err\n"), r);
  }

  @Test
  @Order(3)
  void argumentsAndStdinArriveUnchanged() {
    String odd = "it's a $HOME `x` \"q\" ; | & *";
    assertEquals(odd + "\n", guest.check("printf", "%s\\n", odd));
    String stdin = "line one\nline 'two' $x\n";
    GuestResult r = guest.execWithStdin(stdin, "cat");
    assertEquals(new GuestResult(0, stdin, ""), r);
  }

  @Test
  @Order(4)
  void theDiskSurvivesAKillAndAReboot() throws Exception {
    String dev =
        guest.check("readlink", "-f", "/dev/disk/by-id/virtio-" + GuestSpec.diskSerial(0)).strip();
    assertEquals("/dev/vda", dev);
    guest.check(
        "sh",
        "-c",
        "echo persisted-data | dd of=/dev/vda bs=512 count=1 conv=sync,fsync oflag=direct status=none");
    int port = guest.sshPort();
    guest.kill();
    assertFalse(guest.isRunning());
    assertEquals(0, qemuProcessesOf(guest.workDir()).size(), "qemu left running after kill");
    guest.reboot();
    assertEquals(port, guest.sshPort());
    assertEquals("persisted-data", guest.check("head", "-c", "14", "/dev/vda"));
  }

  @Test
  @Order(5)
  void twoGuestsRunAtOnceAndSeeOneSharedDisk() throws Exception {
    Path shared = WORK.resolve("shared.img");
    try (Guest a =
            Guest.boot(
                GuestSpec.builder("pair-a").disk(GuestDisk.sharedImage(shared, 256L << 20)).build(),
                WORK.resolve("pair-a"));
        Guest b =
            Guest.boot(
                GuestSpec.builder("pair-b").disk(GuestDisk.sharedImage(shared, 256L << 20)).build(),
                WORK.resolve("pair-b"))) {
      assertTrue(a.sshPort() != b.sshPort());
      a.check(
          "sh",
          "-c",
          "printf from-a | dd of=/dev/vda bs=512 count=1 conv=sync oflag=direct status=none");
      assertEquals(
          "from-a",
          b.check(
              "sh", "-c", "dd if=/dev/vda bs=512 count=1 iflag=direct status=none | head -c 6"));
      assertEquals("pair-b\n", b.check("hostname"));
    }
    assertEquals(List.of(), qemuProcessesOf(WORK.resolve("pair-a")));
  }

  /** qemu processes whose command line names {@code workDir} (ours only). */
  static List<ProcessHandle> qemuProcessesOf(Path workDir) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.isAlive())
        .filter(
            p ->
                p.info().commandLine().orElse("").contains("qemu-system")
                    && p.info().commandLine().orElse("").contains(workDir.toString()))
        .toList();
  }
}
