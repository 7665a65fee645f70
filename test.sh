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

ensure_packages openssh-server openssh-client autossh iptables iproute2 procps psmisc || true
ensure_browser

results=$(mktemp -d "${TMPDIR:-/tmp}/sshkeep-test-results.XXXXXX")
trap 'rm -rf "$results"' EXIT

# trx files are what we count from; the console keeps dotnet's usual failure output. A test
# that hangs is ended (and named) by blame-hang instead of eating CI's time budget.
dotnet test SshKeep.slnx -c Release \
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
