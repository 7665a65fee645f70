#!/usr/bin/env bash
# Runs the whole test suite and ends with one line: "N passed, M failed[, K skipped]".
# Exits non-zero when the build or any test failed. Installs the system packages the
# integration tests use when it runs as root (CI); otherwise those tests are skipped with a reason.
set -uo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
# shellcheck source=scripts/ensure-packages.sh
. scripts/ensure-packages.sh
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

ensure_packages openssh-server openssh-client autossh iptables iproute2 procps psmisc systemd util-linux || true
# The man pages are rendered with warnings on, as lintian does (test/SshKeep.Tests/Packaging).
ensure_packages man-db groff-base || true
ensure_browser

results=$(mktemp -d "${TMPDIR:-/tmp}/sshkeep-test-results.XXXXXX")
trap 'rm -rf "$results"' EXIT

# trx files are what we count from; the console keeps dotnet's usual failure output. A test
# that hangs is ended (and named) by blame-hang instead of eating CI's time budget. The
# real-systemd tier runs in a pass of its own, below.
# The package tests run in the package pass, where SSHKEEP_TEST_DEB_DIR names the packages.
systemd_tier=Integration.Systemd
dotnet test SshKeep.slnx -c Release \
  --filter "FullyQualifiedName!~$systemd_tier&FullyQualifiedName!~Packaging.PackageContentsTests&FullyQualifiedName!~Packaging.LintianTests&FullyQualifiedName!~Packaging.Arm64UnderQemuTests" \
  --logger trx --results-directory "$results" \
  --blame-hang-timeout 5m --blame-hang-dump-type none
status=$?

# The Native AOT build (what `./run.sh install` makes) runs the end-to-end tests a second time, as
# the installed program would: the same tests, with SSHKEEP_TEST_BINARY naming it. It needs clang
# and zlib1g-dev (installed as root); without them the pass is skipped with one line.
native_tests='FullyQualifiedName~Integration.DaemonModeAgainstSshd|FullyQualifiedName~Integration.HttpAgainstSshd|FullyQualifiedName~Integration.CompatModeAgainstSshd|FullyQualifiedName~Integration.ServiceScriptAgainstSshd|FullyQualifiedName~Cli.CommandLineTests|FullyQualifiedName~Cli.InheritedSigintTests|FullyQualifiedName~Integration.DaemonFailureClasses|FullyQualifiedName~Integration.DoctorAgainstSshd|FullyQualifiedName~Security'
case $(uname -m) in
  x86_64) native_rid=linux-x64 ;;
  aarch64 | arm64) native_rid=linux-arm64 ;;
  *) native_rid= ;;
esac
if [ -n "$native_rid" ] && ensure_packages clang zlib1g-dev; then
  native="$results/native-build"
  if dotnet publish src/SshKeep/SshKeep.csproj -c Release -r "$native_rid" -p:PublishAot=true -o "$native" \
       -nologo -v q >"$results/native-publish.log" 2>&1; then
    SSHKEEP_TEST_BINARY="$native/sshkeep" dotnet test SshKeep.slnx -c Release --no-build --filter "$native_tests" \
      --logger "trx;LogFileName=native-aot.trx" --results-directory "$results/native" \
      --blame-hang-timeout 5m --blame-hang-dump-type none || status=1
  else
    cat "$results/native-publish.log"
    echo "the Native AOT build failed"
    status=1
  fi
else
  echo "skipped the Native AOT pass: no clang/zlib1g-dev (run as root to install them)"
fi

# The Debian packages (`./run.sh package`, docs/packaging.md), then their own tests: contents,
# lintian, the arm64 program under qemu, dpkg in a throwaway systemd. Built after the Native AOT
# pass, whose amd64 output the package build finds up to date; the arm64 cross-compile is the
# long part. Without root (nothing can be installed) a failed build skips the pass with one line.
package_tests='FullyQualifiedName~SshKeep.Tests.Packaging.PackageContentsTests|FullyQualifiedName~SshKeep.Tests.Packaging.LintianTests|FullyQualifiedName~SshKeep.Tests.Packaging.Arm64UnderQemuTests|FullyQualifiedName~Integration.Systemd.PackageInSystemdTests'
ensure_packages lintian qemu-user-static || true
if ./run.sh package >"$results/package.log" 2>&1; then
  grep '^wrote ' "$results/package.log"
  SSHKEEP_TEST_DEB_DIR="$root/dist" dotnet test SshKeep.slnx -c Release --no-build --filter "$package_tests" \
    --logger "trx;LogFileName=packages.trx" --results-directory "$results/packages" \
    --blame-hang-timeout 5m --blame-hang-dump-type none || status=1
elif [ "$(id -u)" -ne 0 ]; then
  echo "skipped the package pass: ./run.sh package needs packages only root can install ($(tail -n 1 "$results/package.log"))"
else
  cat "$results/package.log"
  echo "./run.sh package failed"
  status=1
fi
# The real-systemd tier (docs/testing.md): throwaway machines with systemd as PID 1, one test at a
# time. Against this machine's package when dist/ has one (`./run.sh package`: what users
# install), else the Native AOT build when there is one, else the apphost. PackageInSystemdTests
# belong to the package pass. Skipped, test by test with the reason, when not root.
systemd_binary='' systemd_deb=''
[ -x "${native:-}/sshkeep" ] && systemd_binary="$native/sshkeep"
for deb in "$root"/dist/sshkeep_*_"$(dpkg --print-architecture 2>/dev/null)".deb; do
  [ -f "$deb" ] && systemd_deb=$deb
done
SSHKEEP_TEST_BINARY="$systemd_binary" SSHKEEP_TEST_DEB="$systemd_deb" dotnet test SshKeep.slnx -c Release --no-build \
  --filter "FullyQualifiedName~$systemd_tier&FullyQualifiedName!~$systemd_tier.PackageInSystemdTests" \
  --logger "trx;LogFileName=systemd.trx" --results-directory "$results/systemd" \
  --blame-hang-timeout 5m --blame-hang-dump-type none || status=1

passed=0 failed=0 skipped=0
shopt -s nullglob
trx_files=("$results"/*.trx "$results"/*/*.trx)
for trx in "${trx_files[@]}"; do
  # One <UnitTestResult …> element per line, each with its outcome attribute.
  while read -r outcome; do
    case $outcome in
      'outcome="Passed"') passed=$((passed + 1)) ;;
      'outcome="NotExecuted"') skipped=$((skipped + 1)) ;;
      *) failed=$((failed + 1)) ;;
    esac
  done < <(grep -o '<UnitTestResult [^>]*' "$trx" | grep -o 'outcome="[A-Za-z]*"')
done

if [ ${#trx_files[@]} -eq 0 ]; then
  echo "no test results: the build failed or no test project ran"
  [ $status -ne 0 ] || status=1
fi
[ $failed -eq 0 ] || [ $status -ne 0 ] || status=1

line="$passed passed, $failed failed"
[ $skipped -eq 0 ] || line="$line, $skipped skipped"
echo "$line"
exit $status
