#!/bin/sh
# sanctl kernel tier, stage 1 (busybox initramfs): load the virtio/9p/overlay modules, mount the
# host root read-only over 9p under an overlay with a tmpfs upper layer, mount the extracted
# kernel's modules over /usr/lib/modules, then switch_root into the stage-2 script ($stage2, from
# the kernel command line).
export PATH=/bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
echo "[stage1] uptime $(cat /proc/uptime)"
for ko in $(cat /mods/order); do insmod /mods/$ko || echo "SANCTL-GUEST-FAIL: insmod $ko"; done
mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000,cache=loose root /lower || echo "SANCTL-GUEST-FAIL: 9p root mount"
mount -t tmpfs -o size=512m tmpfs /rw
mkdir -p /rw/upper /rw/work
mount -t overlay -o lowerdir=/lower,upperdir=/rw/upper,workdir=/rw/work overlay /newroot || echo "SANCTL-GUEST-FAIL: overlay mount"
mkdir -p /newroot/usr/lib/modules
mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000,cache=loose mods /newroot/usr/lib/modules || echo "SANCTL-GUEST-FAIL: 9p modules mount"
umount /proc /sys; mount --move /dev /newroot/dev
echo "[stage1] switching root; init=${stage2}"
exec switch_root /newroot "${stage2}"
