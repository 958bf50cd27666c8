package dev.sanctl.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QemuCommandTest {
  static final DebianKernel KERNEL = new DebianKernel(Path.of("/cache/k/root"), "6.1.0-57-amd64");

  @Test
  void bootsTheExtractedKernelUnderTcgWithSharesDisksAndForwardedPorts() {
    GuestSpec spec =
        GuestSpec.builder("node-a")
            .memoryMiB(768)
            .disk(GuestDisk.of(Path.of("/w/d0.img"), 1L << 30))
            .disk(GuestDisk.sharedImage(Path.of("/w/shared,1.img"), 1L << 30))
            .forwardPort(3260)
            .build();
    Map<Integer, Integer> forwards = new LinkedHashMap<>();
    forwards.put(3260, 40001);
    List<String> argv =
        new QemuCommand(
                Path.of("/usr/bin/timeout"),
                Path.of("/usr/bin/qemu-system-x86_64"),
                spec,
                KERNEL,
                Path.of("/cache/initramfs.cpio.gz"),
                Path.of("/w/boot-1/share/stage2.sh"),
                Path.of("/w/boot-1/share"),
                Path.of("/w/boot-1/console.log"),
                Path.of("/w/boot-1/qemu.pid"),
                40000,
                forwards,
                Duration.ofMinutes(46))
            .argv();
    assertEquals(
        List.of(
            "/usr/bin/timeout",
            "-s",
            "KILL",
            "2760s",
            "/usr/bin/qemu-system-x86_64",
            "-name",
            "node-a",
            "-accel",
            "tcg,thread=multi,tb-size=256",
            "-cpu",
            "max",
            "-smp",
            "2",
            "-m",
            "768",
            "-display",
            "none",
            "-monitor",
            "none",
            "-no-reboot",
            "-serial",
            "file:/w/boot-1/console.log",
            "-pidfile",
            "/w/boot-1/qemu.pid",
            "-kernel",
            "/cache/k/root/boot/vmlinuz-6.1.0-57-amd64",
            "-initrd",
            "/cache/initramfs.cpio.gz",
            "-append",
            "console=ttyS0 loglevel=4 panic=-1 net.ifnames=0 mitigations=off"
                + " stage2=/w/boot-1/share/stage2.sh",
            "-virtfs",
            "local,path=/cache/k/root/lib/modules,mount_tag=mods,security_model=none,"
                + "readonly=on,multidevs=remap",
            "-virtfs",
            "local,path=/,mount_tag=root,security_model=none,readonly=on,multidevs=remap",
            "-virtfs",
            "local,path=/w/boot-1/share,mount_tag=out,security_model=none,multidevs=remap",
            "-drive",
            "file=/w/d0.img,if=none,id=disk0,format=raw,cache=unsafe",
            "-device",
            "virtio-blk-pci,drive=disk0,serial=sanctl-d0",
            "-drive",
            "file=/w/shared,,1.img,if=none,id=disk1,format=raw,cache=none,file.locking=off",
            "-device",
            "virtio-blk-pci,drive=disk1,serial=sanctl-d1",
            "-nic",
            "user,model=virtio-net-pci,hostfwd=tcp:127.0.0.1:40000-:22,"
                + "hostfwd=tcp:127.0.0.1:40001-:3260"),
        argv);
  }
}
