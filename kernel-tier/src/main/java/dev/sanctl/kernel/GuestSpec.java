package dev.sanctl.kernel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What to boot: a guest name (its hostname), memory, CPUs, disks (vda, vdb, ... in order) and guest
 * TCP ports to forward from 127.0.0.1 on the host besides SSH's 22. The timeouts bound the boot
 * (until sshd answers), each command, and the whole life of the guest (the watchdog kills qemu by
 * PID when it runs out).
 */
public record GuestSpec(
    String name,
    int memoryMiB,
    int smp,
    List<GuestDisk> disks,
    Set<Integer> forwardedGuestPorts,
    Duration bootTimeout,
    Duration commandTimeout,
    Duration watchdog) {

  public GuestSpec {
    if (!name.matches("[a-z][a-z0-9-]{0,30}")) {
      throw new IllegalArgumentException("guest name must match [a-z][a-z0-9-]{0,30}: " + name);
    }
    if (disks.size() > 20) throw new IllegalArgumentException("at most 20 disks");
    for (int p : forwardedGuestPorts) {
      if (p <= 0 || p > 65535 || p == 22) {
        throw new IllegalArgumentException(
            "guest port to forward must be 1-65535 and not 22: " + p);
      }
    }
    disks = List.copyOf(disks);
    forwardedGuestPorts = Collections.unmodifiableSet(new LinkedHashSet<>(forwardedGuestPorts));
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The virtio serial of disk {@code index} ({@code /dev/disk/by-id/virtio-<serial>}). */
  public static String diskSerial(int index) {
    return "sanctl-d" + index;
  }

  /** Defaults: 1024 MiB, 2 CPUs, boot 6 min, command 10 min, watchdog 45 min. */
  public static final class Builder {
    private final String name;
    private int memoryMiB = 1024;
    private int smp = 2;
    private final List<GuestDisk> disks = new ArrayList<>();
    private final Set<Integer> ports = new LinkedHashSet<>();
    private Duration bootTimeout = Duration.ofMinutes(6);
    private Duration commandTimeout = Duration.ofMinutes(10);
    private Duration watchdog = Duration.ofMinutes(45);

    private Builder(String name) {
      this.name = name;
    }

    public Builder memoryMiB(int mib) {
      this.memoryMiB = mib;
      return this;
    }

    public Builder smp(int cpus) {
      this.smp = cpus;
      return this;
    }

    public Builder disk(GuestDisk disk) {
      disks.add(disk);
      return this;
    }

    public Builder disks(List<GuestDisk> more) {
      disks.addAll(more);
      return this;
    }

    public Builder forwardPort(int guestPort) {
      ports.add(guestPort);
      return this;
    }

    public Builder bootTimeout(Duration d) {
      this.bootTimeout = d;
      return this;
    }

    public Builder commandTimeout(Duration d) {
      this.commandTimeout = d;
      return this;
    }

    public Builder watchdog(Duration d) {
      this.watchdog = d;
      return this;
    }

    public GuestSpec build() {
      return new GuestSpec(
          name, memoryMiB, smp, disks, ports, bootTimeout, commandTimeout, watchdog);
    }
  }
}
