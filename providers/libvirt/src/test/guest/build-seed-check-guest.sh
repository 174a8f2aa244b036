#!/bin/sh
# Builds seed-check-guest.img: a 64 MiB raw FAT disk that a BIOS boots through syslinux into
# Debian's cloud kernel and a busybox initramfs running ./init, which copies what the guest
# finds on the volume labelled cidata to result/ on this disk and powers off. Nothing is
# mounted on the build machine (mtools). Used by SeedReachesAQemuGuestTest.
#   apt-get install -y --no-install-recommends busybox-static cpio kmod dosfstools mtools syslinux syslinux-common
# Usage: build-seed-check-guest.sh OUTPUT_DIR
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(mkdir -p "$1" && cd "$1" && pwd)
cd "$out"
package=$(apt-cache depends linux-image-cloud-amd64 | sed -n 's/.*Depends: \(linux-image-[0-9].*-cloud-amd64\)$/\1/p' | head -1)
K=${package#linux-image-}
[ -d root/lib/modules/$K ] || { apt-get download "$package"; dpkg-deb -x "$package"_*.deb root; depmod -b root "$K"; }
M=root/lib/modules/$K
rm -rf initramfs initrd.img seed-check-guest.img
mkdir -p initramfs/bin initramfs/proc initramfs/sys initramfs/dev initramfs/lib/modules/$K
cp /bin/busybox initramfs/bin/busybox
for applet in $(/bin/busybox --list); do [ "$applet" = busybox ] || ln -sf busybox initramfs/bin/$applet; done
for m in virtio_pci virtio_blk isofs vfat nls_cp437 nls_ascii nls_utf8; do
  for f in $(grep -E "/$m\.ko:" $M/modules.dep | tr -d ':'); do
    mkdir -p initramfs/lib/modules/$K/$(dirname $f); cp $M/$f initramfs/lib/modules/$K/$f
  done
done
cp $M/modules.dep $M/modules.alias $M/modules.order $M/modules.builtin initramfs/lib/modules/$K/
cp "$here/init" initramfs/init; chmod +x initramfs/init
(cd initramfs && find . | cpio -o -H newc --quiet | gzip -1) > initrd.img
printf 'DEFAULT berth\nLABEL berth\n  KERNEL vmlinuz\n  INITRD initrd.img\n  APPEND console=ttyS0 panic=-1 quiet\n' > syslinux.cfg
mkfs.vfat -n BERTHBOOT -C seed-check-guest.img 65536 >/dev/null
syslinux --install seed-check-guest.img
mcopy -i seed-check-guest.img root/boot/vmlinuz-$K ::vmlinuz
mcopy -i seed-check-guest.img initrd.img syslinux.cfg ::
echo "$out/seed-check-guest.img (kernel $K)"
