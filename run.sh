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
# ./run.sh package [--arch amd64|arm64|all]
#                                  build the Debian package(s) dist/sshkeep_VERSION_ARCH.deb: the
#                                  Native AOT program, autossh, units, man pages, completion
#                                  (docs/packaging.md); arm64 is cross-compiled (default: all)
# ./run.sh ARGS...                 run `sshkeep ARGS...` (built first when sources changed)
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/ensure-packages.sh
. "$root/scripts/ensure-packages.sh"
# shellcheck source=scripts/quiet-build.sh
. "$root/scripts/quiet-build.sh"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

project="$root/src/SshKeep/SshKeep.csproj"
# The apphost, not `dotnet run`: it starts fast and keeps argv[0], which compatibility mode reads.
apphost="$root/src/SshKeep/bin/Release/net10.0/sshkeep"

# Builds quietly, and only when the apphost is missing or older than a source or build file.
build() {
  stale "$apphost" "$root/src" || return 0
  quietly dotnet build "$project" -c Release -nologo -v q -clp:ErrorsOnly || { echo "build failed" >&2; exit 1; }
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

# The Debian packages (docs/packaging.md): dist/sshkeep_VERSION_ARCH.deb for amd64 and arm64,
# built from the repository alone with dpkg-deb (no debhelper). File times are the last commit's,
# so two builds of one commit differ only where the compiler's output does.
package() {
  local arches=(amd64 arm64) arch
  while [ $# -gt 0 ]; do
    case $1 in
      --arch) arch=${2:-}; shift 2 || { echo "--arch needs amd64, arm64 or all" >&2; exit 2; } ;;
      --arch=*) arch=${1#--arch=}; shift ;;
      *) echo "usage: ./run.sh package [--arch amd64|arm64|all]" >&2; exit 2 ;;
    esac
    case $arch in
      all) arches=(amd64 arm64) ;;
      amd64 | arm64) arches=("$arch") ;;
      *) echo "--arch \"$arch\": not one of amd64, arm64, all" >&2; exit 2 ;;
    esac
  done
  local version host
  version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props")
  host=$(dpkg --print-architecture)
  if [ -z "$version" ]; then echo "no <Version> in Directory.Build.props" >&2; exit 1; fi
  if ! head -n 1 "$root/packaging/debian/changelog" | grep -qF "sshkeep ($version)"; then
    echo "packaging/debian/changelog does not start with version $version (Directory.Build.props): add an entry" >&2
    exit 1
  fi
  # Native AOT links with clang; dpkg-shlibdeps (dpkg-dev) computes the libc dependency.
  local needs=(clang zlib1g-dev dpkg-dev)
  for arch in "${arches[@]}"; do
    if [ "$arch" != "$host" ]; then
      case $arch in
        arm64) ensure_architecture arm64 || exit 1
               needs+=(gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross zlib1g-dev:arm64 libc6:arm64) ;;
      esac
    fi
  done
  ensure_packages "${needs[@]}" || exit 1

  local epoch
  epoch=$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)
  export SOURCE_DATE_EPOCH=$epoch
  mkdir -p "$root/dist"
  # Global, so the EXIT trap can still see it.
  package_work=$(mktemp -d)
  trap 'rm -rf "$package_work"' EXIT
  for arch in "${arches[@]}"; do
    package_one "$arch" "$version" "$package_work/$arch" || exit 1
  done
}

# package_one ARCH VERSION WORK : publishes and packs one architecture into dist/.
package_one() {
  local arch=$1 version=$2 work=$3 rid strip started
  case $arch in
    amd64) rid=linux-x64 strip=x86_64-linux-gnu-strip ;;
    arm64) rid=linux-arm64 strip=aarch64-linux-gnu-strip ;;
  esac
  [ "$arch" != "$(dpkg --print-architecture)" ] || strip="strip"
  started=$(date +%s)
  local publish="$work/publish" tree="$work/debian/sshkeep" log="$work/publish.log"
  mkdir -p "$publish" "$tree/DEBIAN"
  # The same publish as test.sh's Native AOT pass and `./run.sh install`, so a second
  # one for the same target finds the compiler's output up to date. Cross-compiling needs only
  # the target's C library and linker (packages above); the SDK picks the ILCompiler package.
  if ! dotnet publish "$project" -c Release -r "$rid" -p:PublishAot=true -o "$publish" -nologo -v q >"$log" 2>&1; then
    cat "$log" >&2
    echo "the Native AOT build for $arch failed" >&2
    return 1
  fi

  local doc="$tree/usr/share/doc/sshkeep" man="$tree/usr/share/man"
  # `command install`: install(1), not this script's install function.
  command install -d -m 0755 "$tree/usr/bin" "$doc/examples" "$tree/usr/lib/systemd/system" \
    "$tree/usr/share/lintian/overrides"
  # The separate debug symbols (sshkeep.dbg) are not shipped. The compiler already stripped the
  # program; like dh_strip, also drop the .comment and .note sections nothing reads at run time.
  command install -m 0755 "$publish/sshkeep" "$tree/usr/bin/sshkeep"
  "$strip" --remove-section=.comment --remove-section=.note "$tree/usr/bin/sshkeep"
  # Called as autossh, sshkeep is autossh 1.4g (it reads argv[0]); the package takes the
  # autossh package's place (Provides/Conflicts/Replaces, docs/packaging.md).
  ln -s sshkeep "$tree/usr/bin/autossh"
  command install -m 0644 "$root"/packaging/systemd/*.service "$tree/usr/lib/systemd/system/"
  command install -m 0644 "$root"/docs/examples/* "$doc/examples/"
  command install -m 0644 "$root/packaging/debian/copyright" "$doc/copyright"
  # A native package (its version has no Debian revision): the changelog is changelog.gz.
  gzip -9n <"$root/packaging/debian/changelog" >"$doc/changelog.gz"
  command install -m 0644 "$root/packaging/debian/lintian-overrides" "$tree/usr/share/lintian/overrides/sshkeep"
  # Man pages and completion come from packaging/man and packaging/completion, when there.
  local page section gzipped
  for page in "$root"/packaging/man/*.[1-8]; do
    [ -f "$page" ] || continue
    section=${page##*.}
    gzipped="$man/man$section/${page##*/}.gz"
    command install -d -m 0755 "$man/man$section"
    gzip -9n <"$page" >"$gzipped"
    chmod 0644 "$gzipped"
  done
  if [ -f "$man/man1/sshkeep.1.gz" ]; then ln -s sshkeep.1.gz "$man/man1/autossh.1.gz"; fi
  if [ -f "$root/packaging/completion/sshkeep" ]; then
    command install -d -m 0755 "$tree/usr/share/bash-completion/completions"
    command install -m 0644 "$root/packaging/completion/sshkeep" "$tree/usr/share/bash-completion/completions/sshkeep"
  fi
  command install -m 0755 "$root"/packaging/debian/postinst "$root"/packaging/debian/prerm \
    "$root"/packaging/debian/postrm "$tree/DEBIAN/"

  # Depends: the C library version the program needs, as dpkg-shlibdeps reads it from the
  # target's libc symbols (libc6:arm64 through multiarch when cross-building).
  local shlibs size
  mkdir -p "$work/debian"
  printf 'Source: sshkeep\n\nPackage: sshkeep\nArchitecture: any\n' >"$work/debian/control"
  if ! shlibs=$(cd "$work" && DEB_HOST_ARCH=$arch dpkg-shlibdeps -O debian/sshkeep/usr/bin/sshkeep 2>"$work/shlibdeps.log"); then
    cat "$work/shlibdeps.log" >&2
    echo "dpkg-shlibdeps could not read the $arch program's libraries" >&2
    return 1
  fi
  shlibs=${shlibs#shlibs:Depends=}
  size=$(du -k -s --apparent-size --exclude=DEBIAN "$tree" | cut -f1)
  sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@INSTALLED_SIZE@/$size/" \
    -e "s/@SHLIBS@/$shlibs/" "$root/packaging/debian/control.in" >"$tree/DEBIAN/control"
  (cd "$tree" && find usr -type f -print0 | LC_ALL=C sort -z | xargs -0 md5sum) >"$tree/DEBIAN/md5sums"
  chmod 0644 "$tree/DEBIAN/control" "$tree/DEBIAN/md5sums"
  find "$tree" -depth -newermt "@$SOURCE_DATE_EPOCH" -print0 | xargs -0 touch -h -d "@$SOURCE_DATE_EPOCH"

  local deb="$root/dist/sshkeep_${version}_$arch.deb"
  if ! dpkg-deb --root-owner-group -Zxz --build "$tree" "$deb" >"$work/dpkg-deb.log" 2>&1; then
    cat "$work/dpkg-deb.log" >&2
    return 1
  fi
  echo "wrote $deb ($(stat -c %s "$deb") bytes, $(( $(date +%s) - started )) s)"
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
  package)
    shift
    package "$@"
    ;;
  *)
    build
    exec "$apphost" "$@"
    ;;
esac
