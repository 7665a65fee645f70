#!/usr/bin/env bash
# bench/startup.sh [RUNS] — how long `sshkeep -V` and `autossh -V` take from exec to exit
# (the target: "both start in well under a second"). Prints the machine, each command, and the
# median and worst of RUNS runs in milliseconds. Uses the Release apphost (./run.sh builds it)
# and, when installed, the `autossh` symlink made by ./run.sh install.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-20}
"$root/run.sh" -V >/dev/null   # builds the Release apphost when needed
sshkeep="$root/src/SshKeep/bin/Release/net10.0/sshkeep"

measure() {
  local label=$1; shift
  local times=() start end
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  local median worst
  median=$(echo "$sorted" | awk -v n="$runs" 'NR == int((n + 1) / 2)')
  worst=$(echo "$sorted" | tail -1)
  printf '%-40s median %4d ms   worst %4d ms   (%d runs)\n' "$label" "$median" "$worst" "$runs"
}

echo "machine: $(nproc) cores, $(uname -srm), $(date -u +%Y-%m-%d)"
measure "sshkeep -V (apphost)" "$sshkeep" -V
link=$(mktemp -d)/autossh
ln -s "$sshkeep" "$link"
measure "autossh -V (symlink to sshkeep)" "$link" -V
measure "sshkeep -M 0 host, AUTOSSH_MAXSTART=0" env AUTOSSH_MAXSTART=0 "$sshkeep" -M 0 host
rm -rf "$(dirname "$link")"
if [ -x /usr/lib/autossh/autossh ]; then
  measure "autossh 1.4g -V (Debian C binary)" /usr/lib/autossh/autossh -V
fi
