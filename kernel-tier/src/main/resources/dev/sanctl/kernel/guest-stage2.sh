#!/bin/bash
# sanctl kernel tier, stage 2: PID 1 of the guest, on an overlay (tmpfs upper) over the host root
# (9p, read-only). Brings up what the storage stack needs (modules, devices, udev with block
# coldplug, D-Bus, configfs, network) and then an OpenSSH sshd: the guest is a node that sanctl
# reaches over SSH exactly as in production. The host writes /sanctl-guest (a writable 9p share):
# guest.env, sshd_config, the host key, authorized_keys; the guest answers with `ready`.
# A failure prints one SANCTL-GUEST-FAIL line on the console and powers off.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export LVM_SUPPRESS_FD_WARNINGS=1 HOME=/root TERM=dumb LANG=C.UTF-8

up() { cut -d' ' -f1 /proc/uptime; }
say() { echo "[stage2 $(up)] $*"; }
fail() {
  echo "SANCTL-GUEST-FAIL: $*"
  sync
  echo o > /proc/sysrq-trigger
  sleep 600
}

mount -t proc proc /proc
mount -t sysfs sysfs /sys
ln -sf /proc/self/fd /dev/fd
ln -sf /proc/self/fd/0 /dev/stdin; ln -sf /proc/self/fd/1 /dev/stdout; ln -sf /proc/self/fd/2 /dev/stderr
mkdir -p /dev/pts /dev/shm
mount -t devpts -o gid=5,mode=620,ptmxmode=666 devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
mount -t tmpfs -o mode=755 tmpfs /run
mkdir -p /run/lock /run/lvm /run/multipathd /run/dbus /run/sshd
mount -t tmpfs -o mode=1777 tmpfs /tmp
mkdir -p /sanctl-guest
mount -t 9p -o trans=virtio,version=9p2000.L,cache=none,msize=512000 out /sanctl-guest \
  || fail "9p mount of the guest share"
. /sanctl-guest/guest.env || fail "no guest.env"
say "kernel $(uname -r), guest $GUEST_NAME"

hostname "$GUEST_NAME"
echo "$GUEST_NAME" > /etc/hostname

modprobe -a virtio_blk dm_mod dm_thin_pool dm_snapshot dm_mirror dm_multipath dm_round_robin \
  dm_service_time configfs target_core_mod target_core_iblock target_core_file iscsi_target_mod \
  iscsi_tcp sd_mod sg loop || fail "modprobe"
mount -t configfs none /sys/kernel/config || fail "configfs"
say "modules loaded"

# targetcli-fb calls Gio.bus_get_sync(SYSTEM) outside its try block: it needs a system bus
dbus-daemon --system --fork || say "dbus-daemon failed"

/lib/systemd/systemd-udevd --daemon || fail "systemd-udevd"
udevadm control --ping --timeout=30 || fail "udevd does not answer"
# coldplug only block devices (a full trigger takes half a minute under TCG)
udevadm trigger --settle --action=add --subsystem-match=block
udevadm settle --timeout=60
for serial in $GUEST_DISKS; do
  for ((i = 0; i < 60; i++)); do
    [ -e "/dev/disk/by-id/virtio-$serial" ] && break
    sleep 0.5
  done
  [ -e "/dev/disk/by-id/virtio-$serial" ] || fail "disk $serial missing (no /dev/disk/by-id/virtio-$serial)"
done
say "udev ready, disks: $(cd /sys/block && echo vd*)"

ip link set lo up
ip link set eth0 up && ip addr add 10.0.2.15/24 dev eth0 && ip route add default via 10.0.2.2 \
  || fail "network"
mkdir -p /etc/target /etc/iscsi
echo "InitiatorName=$INITIATOR_IQN" > /etc/iscsi/initiatorname.iscsi
cat > /etc/multipath.conf <<'MP'
defaults {
    user_friendly_names yes
    find_multipaths     greedy
}
blacklist {
    devnode "^vd[a-z]"
}
MP

# bash sources ~/.bashrc for every SSH command: the host root's (9p) may run slow tool set-ups
# (pyenv init took 16 s per command under TCG); the guest's root gets an empty one (overlay only)
: > /root/.bashrc
install -m 600 /sanctl-guest/ssh_host_ed25519_key /etc/ssh/sanctl_host_ed25519_key || fail "host key"
/usr/sbin/sshd -f /sanctl-guest/sshd_config -E /sanctl-guest/sshd.log || fail "sshd did not start"
touch /sanctl-guest/ready
echo "SANCTL-GUEST-READY at uptime $(up)s"

# PID 1: reap orphans, never exit (the host powers off with sysrq or kills qemu)
trap '' TERM INT HUP
while :; do
  sleep 3600 &
  wait $!
done
