# shellcheck shell=bash
# Sourced by run.sh and the benchmarks: build only what is stale, and say nothing unless it fails.

# stale FILE DIR... : true when FILE is missing or older than a source or build file under the DIRs
# or the repository's build settings (Directory.*.props, global.json); bin/ and obj/ do not count.
stale() {
  local file=$1 root
  shift
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  [ ! -e "$file" ] || [ -n "$(find "$@" "$root"/Directory.*.props "$root/global.json" \
    -newer "$file" -type f ! -path '*/bin/*' ! -path '*/obj/*' -print -quit)" ]
}

# quietly COMMAND... : runs it with its output kept aside; when it fails, prints that output and returns 1.
quietly() {
  local log status=0
  log=$(mktemp)
  "$@" >"$log" 2>&1 || status=$?
  [ "$status" -eq 0 ] || cat "$log" >&2
  rm -f "$log"
  return "$status"
}
