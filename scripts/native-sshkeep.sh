# shellcheck shell=bash
# Sourced by the benchmarks (after scripts/ensure-packages.sh): the sshkeep users get, the Native
# AOT build that ./run.sh install and the package ship (no JIT: the first fault takes no compile
# time, which the managed build would add to every recovery it measures). Needs clang and
# zlib1g-dev (installed when missing, as root).

# shellcheck source=quiet-build.sh
. "$(dirname "${BASH_SOURCE[0]}")/quiet-build.sh"

# native_sshkeep OUT_DIR : publishes the Native AOT build into OUT_DIR when it is missing or older than a
# source or build file, quietly; sets NATIVE_SSHKEEP to its path. Returns 1 (having said why) when it cannot.
native_sshkeep() {
  local out=$1 root rid
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  case $(uname -m) in
    x86_64) rid=linux-x64 ;;
    aarch64 | arm64) rid=linux-arm64 ;;
    *) echo "no Native AOT target for $(uname -m); pass --sshkeep PATH" >&2; return 1 ;;
  esac
  NATIVE_SSHKEEP="$out/sshkeep"
  stale "$NATIVE_SSHKEEP" "$root/src" || return 0
  ensure_packages clang zlib1g-dev || return 1
  quietly dotnet publish "$root/src/SshKeep/SshKeep.csproj" -c Release -r "$rid" -p:PublishAot=true -o "$out" -nologo -v q ||
    { echo "the Native AOT build of sshkeep failed" >&2; return 1; }
  touch "$NATIVE_SSHKEEP"
}
