#!/usr/bin/env bash
# bench/footprint.sh [--sshkeep PATH] [--tunnels N] [--settle S] [--samples N] [--env NAME=VALUE]…
# The footprint table (docs/benchmarks.md), in one run and side by side against one throwaway sshd on 127.0.0.1:
#   autossh 1.4g (Debian's binary, -M 0 + ServerAlive) holding one -L tunnel,
#   sshkeep in compatibility mode (the binary called as `autossh`, the same arguments),
#   `sshkeep up` with 1 tunnel, and `sshkeep up` with N tunnels (default 100).
# Each keeper is started, waited for until its tunnels carry bytes (autossh, compat) or are `up` in
# `sshkeep status --json` (daemon), left to settle S seconds (default 10), then sampled SAMPLES
# times one second apart (default 5): VmRSS (/proc/PID/status) and Pss (smaps_rollup) of the
# keeper process only, the maximum of the samples; its ssh children are summed separately, for
# context. Prints a Markdown table.
# By default it measures the Native AOT build `./run.sh install` makes (published into
# bench/Footprint/bin/sshkeep-native); --sshkeep PATH measures another build. --env NAME=VALUE is
# set in sshkeep's environment (repeatable): try a runtime knob (DOTNET_GCgen0size=…) without
# rebuilding.
# Needs root (the throwaway sshd and the root login), OpenSSH client and server, autossh
# (/usr/lib/autossh/autossh), python3; clang and zlib1g-dev for the Native AOT build (installed
# when missing).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

sshkeep='' tunnels=100 settle=10 samples=5 envs=()
usage() { echo "usage: bench/footprint.sh [--sshkeep PATH] [--tunnels N] [--settle S] [--samples N] [--env NAME=VALUE]..." >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --sshkeep) sshkeep=${2:?--sshkeep needs a path}; shift 2 ;;
    --tunnels) tunnels=${2:?--tunnels needs a number}; shift 2 ;;
    --settle) settle=${2:?--settle needs seconds}; shift 2 ;;
    --samples) samples=${2:?--samples needs a number}; shift 2 ;;
    --env) envs+=("${2:?--env needs NAME=VALUE}"); shift 2 ;;
    *) usage ;;
  esac
done
for n in "$tunnels" "$settle" "$samples"; do
  case $n in '' | *[!0-9]*) echo "bench/footprint.sh: '$n' is not a whole number" >&2; exit 2 ;; esac
done

if [ "$(id -u)" != 0 ]; then echo "bench/footprint.sh: run as root (the throwaway sshd and the root login)" >&2; exit 2; fi
autossh=/usr/lib/autossh/autossh   # the C binary; /usr/bin/autossh is Debian's wrapper script
# shellcheck source=../scripts/ensure-packages.sh
. "$root/scripts/ensure-packages.sh"
# shellcheck source=../scripts/throwaway-sshd.sh
. "$root/scripts/throwaway-sshd.sh"
ensure_packages openssh-server openssh-client autossh procps || exit 1
for t in /usr/sbin/sshd ssh ssh-keygen python3 "$autossh"; do
  command -v "$t" >/dev/null || { echo "bench/footprint.sh: $t is missing" >&2; exit 2; }
done

if [ -z "$sshkeep" ]; then
  # shellcheck source=../scripts/native-sshkeep.sh
  . "$root/scripts/native-sshkeep.sh"
  native_sshkeep "$root/bench/Footprint/bin/sshkeep-native" || exit 1
  sshkeep=$NATIVE_SSHKEEP
fi
sshkeep=$(readlink -f "$sshkeep")
[ -x "$sshkeep" ] || { echo "bench/footprint.sh: $sshkeep is not an executable" >&2; exit 2; }

tmp=$(mktemp -d /tmp/sshkeep-footprint.XXXXXX)
chmod 700 "$tmp"
pids=()   # every process this script started: sshd, the echo server, the keepers

cleanup() {
  end_processes ${pids[@]+"${pids[@]}"}
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

echoes() { # PORT [SECONDS]: until a line sent to 127.0.0.1:PORT comes back (default 30 s)
  python3 - "$1" "${2:-30}" <<'EOF'
import socket, sys, time
deadline = time.time() + float(sys.argv[2])
while time.time() < deadline:
    try:
        with socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1) as c:
            c.settimeout(1); c.sendall(b"ping\n")
            if c.recv(16) == b"ping\n": sys.exit(0)
    except OSError:
        pass
    time.sleep(0.1)
sys.exit(1)
EOF
}

# --- the throwaway sshd, keys, and an echo server the forwards point at -------------------------
# MaxStartups: the N-tunnel daemon starts every ssh at once; sshd would drop the excess.
throwaway_sshd "$tmp" "MaxStartups $((tunnels + 50))" "MaxSessions 10" || exit 1
pids+=("$sshd_pid")

echo_server || exit 1
pids+=("$echo_pid")

# --- sampling ---------------------------------------------------------------------------------
kb() { # FILE FIELD: the kB figure of FIELD in a /proc file, 0 when gone
  awk -v f="$2:" '$1 == f { print $2; found = 1 } END { if (!found) print 0 }' "$1" 2>/dev/null || echo 0
}
children() { ps -o pid= --ppid "$1" 2>/dev/null || true; }   # PID: the pids whose parent is PID
# sample PID: SAMPLES samples one second apart; sets rss pss threads (max, kB) and ssh_rss
# ssh_pss ssh_n (the children, summed, max over the samples).
sample() {
  local pid=$1 i r p t cr cp c n
  rss=0 pss=0 threads=0 ssh_rss=0 ssh_pss=0 ssh_n=0
  for i in $(seq "$samples"); do
    r=$(kb "/proc/$pid/status" VmRSS); p=$(kb "/proc/$pid/smaps_rollup" Pss); t=$(kb "/proc/$pid/status" Threads)
    [ "$r" -gt "$rss" ] && rss=$r; [ "$p" -gt "$pss" ] && pss=$p; [ "$t" -gt "$threads" ] && threads=$t
    cr=0 cp=0 n=0
    for c in $(children "$pid"); do
      cr=$((cr + $(kb "/proc/$c/status" VmRSS))); cp=$((cp + $(kb "/proc/$c/smaps_rollup" Pss))); n=$((n + 1))
    done
    [ "$cr" -gt "$ssh_rss" ] && ssh_rss=$cr; [ "$cp" -gt "$ssh_pss" ] && ssh_pss=$cp; [ "$n" -gt "$ssh_n" ] && ssh_n=$n
    [ "$i" -lt "$samples" ] && sleep 1
  done
  kill -0 "$pid" 2>/dev/null || { echo "bench/footprint.sh: the keeper (pid $pid) died while it was sampled" >&2; exit 1; }
}
stop() { end_processes "$1"; }   # PID: one keeper at a time, so no two share pages (PSS)
mb() { awk -v k="$1" 'BEGIN { printf "%.1f MB", k / 1024 }'; }
rows=()
row() { # KEEPER TUNNELS
  rows+=("| $1 | $2 | $(mb "$rss") | $(mb "$pss") | $threads | $ssh_n | $(mb "$ssh_rss") | $(mb "$ssh_pss") |")
}

# --- autossh 1.4g and sshkeep in compatibility mode: one -L tunnel each -------------------------
mkdir -m 700 "$tmp/bin"
ln -s "$sshkeep" "$tmp/bin/autossh"   # called as autossh: compatibility mode (argv[0])
compat() { # KEEPER-BINARY LABEL [ENV…]: starts it with one -L, waits, samples, adds a row
  local binary=$1 label=$2 port pid; shift 2
  port=$(free_port)
  env -u AUTOSSH_PORT -u AUTOSSH_GATETIME -u AUTOSSH_POLL -u AUTOSSH_LOGFILE -u AUTOSSH_DEBUG "$@" \
    "$binary" -M 0 -N -o ServerAliveInterval=10 -o ServerAliveCountMax=3 -o ExitOnForwardFailure=yes \
    -o UserKnownHostsFile="$tmp/known_hosts" -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes \
    -o BatchMode=yes -i "$tmp/client_key" -p "$sshd_port" \
    -L "127.0.0.1:$port:127.0.0.1:$echo_port" root@127.0.0.1 </dev/null >"$tmp/$label.log" 2>&1 &
  pid=$!; pids+=("$pid")
  local started=$SECONDS
  echoes "$port" 30 || { echo "bench/footprint.sh: $label's tunnel did not carry bytes within 30 s:" >&2; cat "$tmp/$label.log" >&2; exit 1; }
  echo "$label: tunnel carries bytes after $((SECONDS - started)) s; sampling" >&2
  sleep "$settle"
  sample "$pid"
  stop "$pid"
}

# --- the daemon: N -L tunnels from one tunnels file -------------------------------------------
daemon() { # COUNT LABEL: `sshkeep up` with COUNT tunnels, waits for all up, samples, adds a row
  local count=$1 label=$2 d="$tmp/$2" i pid deadline
  mkdir -m 700 "$d" "$d/run"
  { echo "version: 1"; echo "tunnels:"
    for i in $(seq "$count"); do
      cat <<EOF
  t$i:
    destination: root@127.0.0.1
    port: $sshd_port
    identity_file: $tmp/client_key
    forwards:
      - local: "127.0.0.1:$(free_port):127.0.0.1:$echo_port"
    ssh_options:
      UserKnownHostsFile: $tmp/known_hosts
      StrictHostKeyChecking: "yes"
      IdentitiesOnly: "yes"
EOF
    done
  } >"$d/tunnels.yaml"
  chmod 600 "$d/tunnels.yaml"
  env ${envs[@]+"${envs[@]}"} "$sshkeep" up -c "$d/tunnels.yaml" --run-dir "$d/run" </dev/null >"$d/daemon.log" 2>&1 &
  pid=$!; pids+=("$pid")
  local started=$SECONDS
  deadline=$(( $(date +%s) + 60 + count / 2 ))
  until "$sshkeep" status -c "$d/tunnels.yaml" --run-dir "$d/run" --json >"$d/status.json" 2>/dev/null &&
        python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["tunnels"]; sys.exit(0 if len(t) == int(sys.argv[2]) and all(x["state"]=="up" for x in t) else 1)' "$d/status.json" "$count"; do
    kill -0 "$pid" 2>/dev/null || { echo "bench/footprint.sh: $label exited:" >&2; cat "$d/daemon.log" >&2; exit 1; }
    [ "$(date +%s)" -lt "$deadline" ] || { echo "bench/footprint.sh: $label: not every tunnel up in time" >&2; cat "$d/status.json" >&2; exit 1; }
    sleep 0.5
  done
  echo "$label: $count/$count up after $((SECONDS - started)) s; sampling" >&2
  sleep "$settle"
  sample "$pid"
  stop "$pid"
}

echo "machine: $(nproc) cores, $(uname -srm), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "sshkeep: $sshkeep ($("$sshkeep" -V 2>&1 | head -1); $(du -k "$sshkeep" | cut -f1) kB$([ ${#envs[@]} -eq 0 ] || echo "; environment: ${envs[*]}"))"
echo "autossh: $autossh ($("$autossh" -V 2>&1 | head -1)), $(ssh -V 2>&1)"
echo "settle ${settle} s, then ${samples} samples 1 s apart; figures are the maximum of the samples"
echo

compat "$autossh" autossh
row "autossh 1.4g (\`-M 0\`, ServerAlive)" 1
compat "$tmp/bin/autossh" compat ${envs[@]+"${envs[@]}"}
row "sshkeep compatibility mode (called as \`autossh\`, same arguments)" 1
daemon 1 daemon-1
row "sshkeep daemon (\`sshkeep up\`)" 1
daemon "$tunnels" "daemon-$tunnels"
row "sshkeep daemon (\`sshkeep up\`)" "$tunnels"

echo "| keeper | tunnels | keeper RSS | keeper PSS | keeper threads | its ssh | ssh RSS (sum) | ssh PSS (sum) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${rows[@]}"
