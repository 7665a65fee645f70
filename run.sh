#!/usr/bin/env bash
# ./run.sh demo                    install what the demo needs, build, run `sshkeep demo`
# ./run.sh install [--prefix DIR] [--managed] [--no-autossh]
#                                  publish a Release build into DIR/lib/sshkeep and link
#                                  DIR/bin/sshkeep and DIR/bin/autossh (default DIR: /usr/local
#                                  as root, else ~/.local); a Native AOT build (one executable, no
#                                  JIT; needs clang and zlib1g-dev, installed as root; without them
#                                  the managed build, with one warning line); --managed: the
#                                  framework-dependent build (needs the .NET runtime); --native is
#                                  still accepted (the default); --no-autossh: no DIR/bin/autossh
#                                  (warned about when another autossh is on PATH and would be
#                                  shadowed)
# ./run.sh ARGS...                 run `sshkeep ARGS...` (built first when sources changed)
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/ensure-packages.sh
. "$root/scripts/ensure-packages.sh"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

project="$root/src/SshKeep/SshKeep.csproj"
# The apphost, not `dotnet run`: it starts fast and keeps argv[0], which compatibility mode reads.
apphost="$root/src/SshKeep/bin/Release/net10.0/sshkeep"

# Builds quietly, and only when the apphost is missing or older than a source or build file.
build() {
  if [ -x "$apphost" ] && [ -z "$(find "$root/src" "$root"/Directory.*.props "$root/global.json" \
        -newer "$apphost" -type f ! -path '*/bin/*' ! -path '*/obj/*' -print -quit)" ]; then
    return 0
  fi
  local log
  log=$(mktemp)
  if ! dotnet build "$project" -c Release -nologo -v q -clp:ErrorsOnly >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "build failed" >&2
    exit 1
  fi
  rm -f "$log"
  # The build may leave the apphost's time unchanged when nothing changed; touch it so the
  # freshness check above does not rebuild every time.
  touch "$apphost"
}

# Prints the first autossh on PATH outside DIR ($1) that is not sshkeep ($2), if there is one.
other_autossh() {
  local dir own IFS=:
  own=$(readlink -f "$2")
  for dir in $PATH; do
    [ -n "$dir" ] && [ "$(readlink -f "$dir")" != "$(readlink -f "$1")" ] || continue
    if [ -x "$dir/autossh" ] && [ "$(readlink -f "$dir/autossh")" != "$own" ]; then
      echo "$dir/autossh"
      return 0
    fi
  done
  return 1
}

install() {
  local prefix native=1 link_autossh=1
  if [ "$(id -u)" -eq 0 ]; then prefix=/usr/local; else prefix="$HOME/.local"; fi
  while [ $# -gt 0 ]; do
    case $1 in
      --prefix) prefix=${2:?--prefix needs a folder}; shift 2 ;;
      --prefix=*) prefix=${1#--prefix=}; shift ;;
      --native) native=1; shift ;;
      --managed) native=; shift ;;
      --no-autossh) link_autossh=; shift ;;
      *) echo "usage: ./run.sh install [--prefix DIR] [--managed] [--no-autossh]" >&2; exit 2 ;;
    esac
  done
  mkdir -p "$prefix"
  prefix=$(cd "$prefix" && pwd)
  local lib="$prefix/lib/sshkeep" bin="$prefix/bin" rid
  # Globals, so the EXIT trap can still see them.
  staging=$(mktemp -d)
  publish_log=$(mktemp)
  trap 'rm -rf "$staging" "$publish_log"' EXIT
  case $(uname -m) in
    x86_64) rid=linux-x64 ;;
    aarch64 | arm64) rid=linux-arm64 ;;
    armv7l) rid=linux-arm ;;
    *) rid= ;;
  esac
  # Native AOT is what users get (docs/benchmarks.md, footprint): one self-contained executable,
  # no JIT, a third of the managed build's memory. The compiler links with clang and zlib; where
  # they cannot be had (not root, no apt-get, an architecture without a target), the managed
  # build is the fallback, said in one line.
  # (ensure_packages installs them as root and says so; as another user its own complaint would
  # be a second line, so only ours is shown.)
  if [ -n "$native" ] && { [ -z "$rid" ] || [ "$rid" = linux-arm ]; }; then
    echo "warning: no Native AOT target for $(uname -m); installing the managed build" >&2
    native=
  elif [ -n "$native" ] && ! if [ "$(id -u)" -eq 0 ]; then ensure_packages clang zlib1g-dev; else ensure_packages clang zlib1g-dev 2>/dev/null; fi; then
    echo "warning: clang and zlib1g-dev are missing (as root: apt-get install clang zlib1g-dev); installing the managed build, which needs the .NET runtime and about three times the memory" >&2
    native=
  fi
  if [ -n "$native" ]; then
    if ! dotnet publish "$project" -c Release -r "$rid" -p:PublishAot=true -o "$staging" -nologo -v q >"$publish_log" 2>&1; then
      cat "$publish_log" >&2
      echo "the Native AOT build failed; ./run.sh install --managed makes the framework-dependent one" >&2
      exit 1
    fi
    # The separate debug symbols are 20+ MB; keep them out of the installed folder.
    rm -f "$staging"/*.dbg
  # ReadyToRun starts faster, but needs the runtime and crossgen packs from NuGet; when they
  # cannot be restored, a plain framework-dependent build works just as well.
  elif [ -z "$rid" ] || ! dotnet publish "$project" -c Release -r "$rid" --self-contained false \
       -p:PublishReadyToRun=true -o "$staging" -nologo -v q >"$publish_log" 2>&1; then
    rm -rf "${staging:?}"/*
    if ! dotnet publish "$project" -c Release -o "$staging" -nologo -v q >"$publish_log" 2>&1; then
      cat "$publish_log" >&2
      echo "publish failed" >&2
      exit 1
    fi
  fi
  rm -rf "$lib"
  mkdir -p "$prefix/lib" "$bin"
  cp -a "$staging" "$lib"
  chmod 755 "$lib"
  ln -sfn ../lib/sshkeep/sshkeep "$bin/sshkeep"
  # The `autossh` name makes sshkeep behave as autossh (it reads argv[0]). Never replace a real
  # autossh binary that someone installed here; a link (ours or another) is fair to update.
  # Another autossh elsewhere on PATH (Debian's /usr/bin/autossh) is said out loud before it is
  # shadowed: which one `autossh` runs then depends on the order of PATH.
  local other
  if other=$(other_autossh "$bin" "$lib/sshkeep"); then
    if [ -n "$link_autossh" ]; then
      echo "warning: $bin/autossh (sshkeep) shadows $other wherever PATH lists $bin first;" \
        "install with --no-autossh to keep $other as autossh" >&2
    else
      echo "kept $other as autossh (--no-autossh)"
    fi
  fi
  if [ -z "$link_autossh" ]; then
    [ ! -L "$bin/autossh" ] || [ "$(readlink "$bin/autossh")" != sshkeep ] || rm -f "$bin/autossh"
  elif [ -e "$bin/autossh" ] && [ ! -L "$bin/autossh" ]; then
    echo "left $bin/autossh alone: it is a file, not a link; remove it to let sshkeep stand in for autossh" >&2
  else
    ln -sfn sshkeep "$bin/autossh"
  fi
  if [ -n "$link_autossh" ]; then
    echo "installed into $lib; commands: $bin/sshkeep, $bin/autossh"
  else
    echo "installed into $lib; command: $bin/sshkeep"
  fi
  case ":$PATH:" in
    *":$bin:"*) ;;
    *) echo "note: $bin is not in PATH" ;;
  esac
}

case ${1:-} in
  demo)
    if ! ensure_packages openssh-server openssh-client; then
      echo "the demo needs OpenSSH's server and client: run as root, or install openssh-server and openssh-client" >&2
      exit 1
    fi
    build
    shift
    exec "$apphost" demo "$@"
    ;;
  install)
    shift
    install "$@"
    ;;
  *)
    build
    exec "$apphost" "$@"
    ;;
esac
