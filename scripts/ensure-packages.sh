# shellcheck shell=bash
# Sourced by test.sh and run.sh: makes sure the Debian packages sshkeep's tests and demo use are
# installed. CI starts from a machine with only the .NET SDK, so the scripts install what they
# need themselves instead of relying on whatever a developer's machine happens to have.

# Prints nothing and returns 0 when the package's programs are there.
_sshkeep_package_present() {
  case $1 in
    openssh-server) [ -x /usr/sbin/sshd ] ;;
    openssh-client) command -v ssh >/dev/null && command -v ssh-keygen >/dev/null ;;
    autossh) command -v autossh >/dev/null ;;
    iptables) command -v iptables >/dev/null || [ -x /usr/sbin/iptables ] ;;
    iproute2) command -v ip >/dev/null || [ -x /usr/sbin/ip ] || [ -x /sbin/ip ] ;;
    procps) command -v pgrep >/dev/null ;;
    psmisc) command -v killall >/dev/null ;;
    chromium) command -v chromium >/dev/null ;;
    clang) command -v clang >/dev/null ;;
    lintian) command -v lintian >/dev/null ;;
    qemu-user-static) command -v qemu-aarch64-static >/dev/null ;;
    systemd) [ -x /lib/systemd/systemd ] ;;
    util-linux) command -v unshare >/dev/null && command -v nsenter >/dev/null && [ -x /usr/bin/setpriv ] ;;
    *) dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed' ;;
  esac
}

# ensure_packages PACKAGE... : installs the missing ones with apt-get when root (one
# `apt-get update` first, quietly); otherwise prints one line naming them. Returns 1 when
# something is still missing afterwards.
ensure_packages() {
  local missing=() package
  for package in "$@"; do
    _sshkeep_package_present "$package" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "missing packages: ${missing[*]} (install them as root: apt-get install ${missing[*]})" >&2
    return 1
  fi

  echo "installing ${missing[*]} ..." >&2
  # Debian's maintainer scripts would start the system's ssh service on port 22; we only want
  # the binaries. policy-rc.d answering 101 ("action forbidden") is the standard way to say so,
  # and is only put in place (and removed) when the machine has none of its own.
  local policy=/usr/sbin/policy-rc.d placed_policy=
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && placed_policy=1
  fi
  local log rc=0
  log=$(mktemp)
  {
    DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  } >"$log" 2>&1 || rc=$?
  [ -z "$placed_policy" ] || rm -f "$policy"
  if [ $rc -ne 0 ]; then
    echo "apt-get failed (status $rc):" >&2
    tail -n 20 "$log" >&2
  fi
  rm -f "$log"

  local still=()
  for package in "${missing[@]}"; do
    _sshkeep_package_present "$package" || still+=("$package")
  done
  if [ ${#still[@]} -ne 0 ]; then
    echo "still missing: ${still[*]}" >&2
    return 1
  fi
}

# ensure_architecture ARCH : lets dpkg and apt install ARCH's packages next to the machine's own
# (multiarch, e.g. zlib1g-dev:arm64 for cross-compiling). Adds the architecture once, as root;
# ensure_packages' `apt-get update` then fetches its package lists. Returns 1 when it cannot.
ensure_architecture() {
  [ "$1" = "$(dpkg --print-architecture)" ] && return 0
  dpkg --print-foreign-architectures | grep -qx "$1" && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "dpkg does not know the $1 architecture (as root: dpkg --add-architecture $1 && apt-get update)" >&2
    return 1
  fi
  echo "adding the $1 architecture to dpkg (multiarch) ..." >&2
  dpkg --add-architecture "$1"
}

# ensure_browser : Debian's headless chromium for the web page's browser test, installed
# only when root. Never fatal and never in the way: without it that one test is skipped and says
# why. The package lists are usually fresh (ensure_packages just updated them), so the install is
# tried without an update first; the whole attempt is bounded in time.
ensure_browser() {
  _sshkeep_package_present chromium && return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "chromium is not installed: the web page's browser test will be skipped (as root: apt-get install chromium)" >&2
    return 0
  fi
  echo "installing chromium for the web page's browser test ..." >&2
  local log
  log=$(mktemp)
  if ! timeout 900 bash -c '
      export DEBIAN_FRONTEND=noninteractive
      apt-get install -y -qq --no-install-recommends chromium ||
        { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium; }' >"$log" 2>&1; then
    echo "could not install chromium; the browser test will be skipped:" >&2
    tail -n 5 "$log" >&2
  fi
  rm -f "$log"
  return 0
}
