package dev.sanctl.kernel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The argument vector that boots one guest: {@code timeout -s KILL} (a watchdog that survives the
 * JVM) around {@code qemu-system-x86_64} under TCG ({@code -accel tcg,thread=multi,tb-size=256 -cpu
 * max}: a 256 MiB translation cache halves qemu's RSS at no cost), the extracted kernel and stage-1
 * initramfs, three 9p shares (host root read-only, kernel modules read-only, the guest's writable
 * share), one virtio disk per {@link GuestDisk} and user networking with SSH and the extra ports
 * forwarded from 127.0.0.1.
 */
record QemuCommand(
    Path timeout,
    Path qemu,
    GuestSpec spec,
    DebianKernel kernel,
    Path initramfs,
    Path stage2,
    Path share,
    Path console,
    Path pidFile,
    int sshPort,
    Map<Integer, Integer> forwards,
    Duration watchdog) {

  List<String> argv() {
    List<String> a = new ArrayList<>();
    a.addAll(List.of(timeout.toString(), "-s", "KILL", watchdog.toSeconds() + "s"));
    a.add(qemu.toString());
    a.addAll(List.of("-name", spec.name()));
    a.addAll(List.of("-accel", "tcg,thread=multi,tb-size=256", "-cpu", "max"));
    a.addAll(
        List.of("-smp", Integer.toString(spec.smp()), "-m", Integer.toString(spec.memoryMiB())));
    a.addAll(List.of("-display", "none", "-monitor", "none", "-no-reboot"));
    a.addAll(List.of("-serial", "file:" + console));
    a.addAll(List.of("-pidfile", pidFile.toString()));
    a.addAll(List.of("-kernel", kernel.vmlinuz().toString(), "-initrd", initramfs.toString()));
    a.addAll(
        List.of(
            "-append",
            "console=ttyS0 loglevel=4 panic=-1 net.ifnames=0 mitigations=off stage2=" + stage2));
    a.addAll(List.of("-virtfs", virtfs(kernel.modulesParent(), "mods", true)));
    a.addAll(List.of("-virtfs", virtfs(Path.of("/"), "root", true)));
    a.addAll(List.of("-virtfs", virtfs(share, "out", false)));
    List<GuestDisk> disks = spec.disks();
    for (int i = 0; i < disks.size(); i++) {
      GuestDisk d = disks.get(i);
      String cache = d.shared() ? "cache=none,file.locking=off" : "cache=unsafe";
      a.addAll(
          List.of(
              "-drive",
              "file="
                  + opt(d.image().toString())
                  + ",if=none,id=disk"
                  + i
                  + ",format=raw,"
                  + cache));
      a.addAll(
          List.of(
              "-device", "virtio-blk-pci,drive=disk" + i + ",serial=" + GuestSpec.diskSerial(i)));
    }
    StringBuilder nic = new StringBuilder("user,model=virtio-net-pci");
    nic.append(",hostfwd=tcp:127.0.0.1:").append(sshPort).append("-:22");
    forwards.forEach(
        (guest, host) ->
            nic.append(",hostfwd=tcp:127.0.0.1:").append(host).append("-:").append(guest));
    a.addAll(List.of("-nic", nic.toString()));
    return a;
  }

  private static String virtfs(Path path, String tag, boolean readOnly) {
    return "local,path="
        + opt(path.toString())
        + ",mount_tag="
        + tag
        + ",security_model=none,"
        + (readOnly ? "readonly=on," : "")
        + "multidevs=remap";
  }

  /** A value inside a qemu option list: a comma is written twice. */
  static String opt(String value) {
    return value.replace(",", ",,");
  }
}
