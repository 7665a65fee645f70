#!/bin/sh
# Boots a throwaway systemd for the real-systemd test tier (ThrowawaySystemd.cs; docs/testing.md).
#
#   throwaway-systemd-boot.sh TEMP_DIR TAG
#
# Run by `unshare --pid --fork --mount --net --uts --cgroup` so that this shell is PID 1 of a new
# PID namespace, with private mounts (propagation private: nothing here reaches the host), only
# `lo`, its own host name, and a cgroup namespace rooted at the test's own cgroup. It builds the
# machine's root as an overlay of / whose writable layer lives on a tmpfs inside these namespaces,
# pivots into it and execs systemd. systemd must never boot on the real root: its tmpfiles step
# empties the real /tmp, udev would re-trigger the host's devices, sysctl and timesyncd would set
# the host's kernel and clock. So the last step before the exec checks that / is this very overlay
# (its source is TAG) and /tmp a fresh tmpfs, and refuses otherwise.
set -eu
temp=$1
tag=$2
fail() { echo "throwaway-systemd-boot: $*" >&2; exit 97; }
[ "$$" = 1 ] || fail "not PID 1 of a new PID namespace (pid $$)"
case $tag in sshkeep-machine-*) ;; *) fail "bad tag $tag" ;; esac

# The overlay's writable layer on a tmpfs: lowerdir=/ and an upper dir under / would overlap, and
# the tmpfs vanishes with the mount namespace, so a killed test leaves nothing written behind.
mount -t tmpfs -o mode=0700 "$tag-layers" "$temp"
mkdir "$temp/upper" "$temp/work" "$temp/root"
mount -t overlay -o "lowerdir=/,upperdir=$temp/upper,workdir=$temp/work" "$tag" "$temp/root"
root=$temp/root

mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/tmp"
mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs "$root/run"
mount -t proc -o nosuid,nodev,noexec proc "$root/proc"
# Kernel settings are the host's: read-only, as systemd-nspawn does.
mount --bind "$root/proc/sys" "$root/proc/sys"
mount -o remount,bind,ro "$root/proc/sys"
if [ -e "$root/proc/sysrq-trigger" ]; then
  mount --bind "$root/proc/sysrq-trigger" "$root/proc/sysrq-trigger"
  mount -o remount,bind,ro "$root/proc/sysrq-trigger"
fi
# A fresh sysfs shows this network namespace's interfaces; read-only, as systemd expects in a container.
mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$root/sys"
# cgroup2 rooted at the machine's own cgroup (the cgroup namespace): systemd's slices and scopes
# live under the test's cgroup, never among the host's.
mount -t cgroup2 -o nosuid,nodev,noexec cgroup2 "$root/sys/fs/cgroup"
# A minimal /dev: the pseudo devices bound from the host, a private devpts and /dev/shm. No
# /dev/kmsg or disks: nothing in the machine can write to the host's kernel log or devices.
mount -t tmpfs -o mode=0755,nosuid "$tag-dev" "$root/dev"
for node in null zero full random urandom tty; do
  touch "$root/dev/$node"
  mount --bind "/dev/$node" "$root/dev/$node"
done
mkdir "$root/dev/pts" "$root/dev/shm"
mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts "$root/dev/pts"
ln -s pts/ptmx "$root/dev/ptmx"
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/dev/shm"
ln -s /proc/self/fd "$root/dev/fd"
ln -s /proc/self/fd/0 "$root/dev/stdin"
ln -s /proc/self/fd/1 "$root/dev/stdout"
ln -s /proc/self/fd/2 "$root/dev/stderr"

ip link set lo up
hostname sshkeep-machine
echo sshkeep-machine >"$root/etc/hostname"
# A machine of its own: its own id, a journal in memory (never the host's /var/log/journal).
tr -d - </proc/sys/kernel/random/uuid >"$root/etc/machine-id"
mkdir -p "$root/etc/systemd/journald.conf.d"
printf '[Journal]\nStorage=volatile\n' >"$root/etc/systemd/journald.conf.d/sshkeep-machine.conf"

# Boot to a target that is basic.target and nothing else (no multi-user.target: the host's
# enabled services, sshd, databases, stay off) and mask what would touch the host or wait for
# hardware, a console or the network. Most are skipped in a container anyway; masked to be sure.
units=$root/etc/systemd/system
cat >"$units/sshkeep-machine.target" <<'TARGET'
[Unit]
Description=sshkeep throwaway test machine
Requires=basic.target
After=basic.target
AllowIsolate=yes
TARGET
for unit in \
  timers.target getty.target console-getty.service \
  systemd-udevd.service systemd-udev-trigger.service systemd-udev-settle.service systemd-hwdb-update.service \
  systemd-networkd-wait-online.service systemd-timesyncd.service systemd-sysctl.service \
  systemd-modules-load.service kmod-static-nodes.service systemd-binfmt.service proc-sys-fs-binfmt_misc.automount \
  sys-kernel-debug.mount sys-kernel-tracing.mount sys-kernel-config.mount sys-fs-fuse-connections.mount dev-hugepages.mount \
  systemd-remount-fs.service systemd-random-seed.service systemd-pstore.service systemd-journald-audit.socket \
  systemd-firstboot.service systemd-update-utmp.service; do
  ln -sf /dev/null "$units/$unit"
done

cd "$root"
pivot_root . .
umount -l .
cd /

# By construction, and checked: / is the overlay made above, /tmp a fresh tmpfs.
awk -v tag="$tag" '$5 == "/" { for (i = 7; i < NF; i++) if ($i == "-" && $(i + 1) == "overlay" && $(i + 2) == tag) ok = 1 }
  END { exit !ok }' /proc/self/mountinfo || fail "/ is not the overlay $tag; refusing to boot systemd"
[ "$(stat -f -c %T /tmp)" = tmpfs ] || fail "/tmp is not a fresh tmpfs; refusing to boot systemd"
exec env -i container=sshkeep-test /lib/systemd/systemd --unit=sshkeep-machine.target
