package dev.sanctl.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitramfsTest {
  static final List<Path> MODULES =
      List.of(
          Path.of("/k/lib/modules/6.1/kernel/drivers/virtio/virtio_pci.ko"),
          Path.of("/k/lib/modules/6.1/kernel/net/9p/9pnet.ko.xz"),
          Path.of("/k/lib/modules/6.1/kernel/fs/overlayfs/overlay.ko"));
  static final List<byte[]> BYTES = List.of(bytes("virtio"), bytes("9pnet-module"), bytes("ovl"));

  @Test
  void holdsBusyboxItsAppletsTheModulesInLoadOrderAndInit() throws Exception {
    CpioArchive a = Initramfs.archive(bytes("BUSYBOX"), MODULES, BYTES);
    assertEquals(
        List.of(
            "d /bin",
            "d /sbin",
            "d /proc",
            "d /sys",
            "d /dev",
            "d /newroot",
            "d /lower",
            "d /rw",
            "d /mods",
            "f /bin/busybox 755",
            "l /bin/sh -> busybox",
            "l /bin/mount -> busybox",
            "l /bin/umount -> busybox",
            "l /bin/mkdir -> busybox",
            "l /bin/insmod -> busybox",
            "l /bin/switch_root -> busybox",
            "l /bin/cat -> busybox",
            "l /bin/echo -> busybox",
            "l /bin/sleep -> busybox",
            "l /bin/ls -> busybox",
            "l /bin/mknod -> busybox",
            "f /mods/virtio_pci.ko 644",
            "f /mods/9pnet.ko 644",
            "f /mods/overlay.ko 644",
            "f /mods/order 644",
            "f /init 755"),
        a.describe());
    CpioArchive.Entry order =
        a.entries().stream().filter(e -> e.path().equals("mods/order")).findFirst().orElseThrow();
    assertEquals(
        "virtio_pci.ko\n9pnet.ko\noverlay.ko\n", new String(order.data(), StandardCharsets.UTF_8));
    CpioArchive.Entry init =
        a.entries().stream().filter(e -> e.path().equals("init")).findFirst().orElseThrow();
    String script = new String(init.data(), StandardCharsets.UTF_8);
    assertTrue(script.startsWith("#!/bin/sh\n"), script);
    assertTrue(script.contains("exec switch_root /newroot \"${stage2}\""), script);
  }

  /** The real cpio(1) reads our newc archive: names, types, sizes and contents. */
  @Test
  void isANewcArchiveCpioReads(@TempDir Path dir) throws Exception {
    Files.write(
        dir.resolve("initrd.cpio"), Initramfs.archive(bytes("BUSYBOX"), MODULES, BYTES).toBytes());
    Path out = Files.createDirectories(dir.resolve("x"));
    Process p =
        new ProcessBuilder("cpio", "-idm", "--quiet", "--no-absolute-filenames")
            .directory(out.toFile())
            .redirectInput(dir.resolve("initrd.cpio").toFile())
            .redirectErrorStream(true)
            .start();
    String err = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), err);
    assertEquals("BUSYBOX", Files.readString(out.resolve("bin/busybox")));
    assertTrue(Files.isExecutable(out.resolve("init")));
    assertEquals(Path.of("busybox"), Files.readSymbolicLink(out.resolve("bin/switch_root")));
    assertEquals("9pnet-module", Files.readString(out.resolve("mods/9pnet.ko")));
    assertTrue(Files.isDirectory(out.resolve("newroot")));
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
