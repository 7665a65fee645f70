#!/usr/bin/env bash
# Fault-injection benchmark: runs `sshkeep demo` RUNS times (default 5) and reports, per fault,
# the median and worst time to detection and to the tunnel carrying bytes again.
#   bench/fault-recovery.sh [RUNS]
#   SSHKEEP_DEMO_KEEPER=/usr/bin/autossh bench/fault-recovery.sh   # the same faults under autossh
# BENCH_DEMO_COMMAND replaces the demo command (default: ./run.sh demo), e.g. to time a build
# installed elsewhere. Every figure quoted in docs/benchmarks.md should come with this command.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
command=${BENCH_DEMO_COMMAND:-"$root/run.sh demo"}
rows=$(mktemp)
trap 'rm -f "$rows"' EXIT

for run in $(seq 1 "$runs"); do
  out=$($command) || { echo "run $run failed:" >&2; echo "$out" >&2; exit 1; }
  # The demo's summary rows: "  SIGKILL ssh child          0.02 s           0.27 s"
  echo "$out" | grep -E '^  SIG[A-Z]+ ' | sed -E 's/^  (SIG[A-Z]+ [a-z ]+[a-z]) +([0-9.]+) s +([0-9.]+) s *$/\1\t\2\t\3/' >>"$rows"
done

echo "keeper: ${SSHKEEP_DEMO_KEEPER:-sshkeep}, runs: $runs, machine: $(nproc) cores, $(uname -r)"
printf '%-24s %-22s %s\n' fault 'detected (median/max)' 'recovered (median/max)'
cut -f1 "$rows" | sort -u | while read -r fault; do
  detected=$(awk -F'\t' -v f="$fault" '$1 == f { print $2 }' "$rows" | sort -n)
  recovered=$(awk -F'\t' -v f="$fault" '$1 == f { print $3 }' "$rows" | sort -n)
  median() { awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
  printf '%-24s %-22s %s\n' "$fault" \
    "$(echo "$detected" | median) / $(echo "$detected" | tail -n 1) s" \
    "$(echo "$recovered" | median) / $(echo "$recovered" | tail -n 1) s"
done
