#!/usr/bin/env bash
# bench/service-start.sh [RUNS] — the two service figures of docs/benchmarks.md, on loopback, median and worst of
# RUNS runs (default 5):
#   1. start with a broken tunnel: exec of `sshkeep up -c FILE` (NOTIFY_SOCKET set to a datagram
#      socket this script listens on) → READY=1, for one good -L tunnel and one whose key the
#      server refuses (needs-attention); the STATUS= line that came with READY=1 is printed too.
#   2. recovery after kill -9: one -L and one -R tunnel up; SIGKILL to the daemon; `sshkeep up`
#      again → every tunnel `up` in `sshkeep status --json` (polled back to back, so the figure
#      includes up to one status call, ~0.1 s); plus how many ssh of the killed run are still
#      alive afterwards (by pid, read before the kill; should be 0).
# Needs OpenSSH client and server (/usr/sbin/sshd), ssh-keygen, python3; run as root (sshd runs as
# a throwaway server on 127.0.0.1 at a free port and the client logs in as root). Uses the
# Release apphost (./run.sh -V builds it when needed).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
"$root/run.sh" -V >/dev/null   # builds the Release apphost when needed
# shellcheck source=../scripts/throwaway-sshd.sh
. "$root/scripts/throwaway-sshd.sh"
sshkeep="$root/src/SshKeep/bin/Release/net10.0/sshkeep"

if [ "$(id -u)" != 0 ]; then echo "bench/service-start.sh: run as root (the throwaway sshd and the root login)" >&2; exit 2; fi
for t in /usr/sbin/sshd ssh ssh-keygen python3; do
  command -v "$t" >/dev/null || { echo "bench/service-start.sh: $t is missing" >&2; exit 2; }
done

tmp=$(mktemp -d /tmp/sshkeep-service-start.XXXXXX)
chmod 700 "$tmp"
pids=()   # every process this script started (daemons, sshd, echo server)

cleanup() {
  local p
  end_processes ${pids[@]+"${pids[@]}"}
  # a daemon started by the python helper writes its pid into a file
  for f in "$tmp"/*/daemon.pid; do
    [ -f "$f" ] || continue
    p=$(cat "$f"); kill -TERM "$p" 2>/dev/null || true
  done
  sleep 0.5
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# --- the throwaway sshd and keys ---------------------------------------------------------------
throwaway_sshd "$tmp" "GatewayPorts no" "MaxStartups 100" "MaxSessions 100" || exit 1
pids+=("$sshd_pid")
ssh-keygen -q -t ed25519 -N '' -C refused -f "$tmp/refused_key"   # not in authorized_keys

# --- an echo server the forwards point at (so the default probes pass) ------------------------
echo_server || exit 1
pids+=("$echo_pid")

tunnel() { # NAME KEY FORWARD-KIND SPEC
  cat <<EOF
  $1:
    destination: root@127.0.0.1
    port: $sshd_port
    identity_file: $2
    forwards:
      - $3: "$4"
    ssh_options:
      UserKnownHostsFile: $tmp/known_hosts
      StrictHostKeyChecking: "yes"
      IdentitiesOnly: "yes"
EOF
}

new_run() { # NAME: a directory (0700) with its own tunnels file and run dir; echoes the directory
  local d="$tmp/$1"
  mkdir -m 700 "$d" "$d/run"
  echo "$d"
}

stats() { # label unit values…: median and worst
  local label=$1 unit=$2; shift 2
  local sorted n median worst
  sorted=$(printf '%s\n' "$@" | sort -n); n=$#
  median=$(echo "$sorted" | awk -v n="$n" 'NR == int((n + 1) / 2)')
  worst=$(echo "$sorted" | tail -1)
  printf '%-58s median %5s %s   worst %5s %s   (%d runs: %s)\n' "$label" "$median" "$unit" "$worst" "$unit" "$n" "$*"
}

echo "machine: $(nproc) cores, $(uname -srm), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "sshkeep: $("$sshkeep" -V 2>&1 | head -1), $(ssh -V 2>&1)"
echo

# --- 1. exec → READY=1 with one good and one refused tunnel ----------------------------------
ready_ms=(); status_lines=()
for i in $(seq "$runs"); do
  d=$(new_run "ready-$i")
  { echo "version: 1"; echo "tunnels:"
    tunnel good "$tmp/client_key" local "127.0.0.1:$(free_port):127.0.0.1:$echo_port"
    tunnel broken "$tmp/refused_key" local "127.0.0.1:$(free_port):127.0.0.1:$echo_port"
  } >"$d/tunnels.yaml"
  chmod 600 "$d/tunnels.yaml"
  # The helper binds the notify socket, then times exec of `sshkeep up` → a datagram with READY=1,
  # prints "MS<TAB>STATUS=…", and stops the daemon (SIGTERM; SIGKILL after 15 s).
  out=$(python3 - "$sshkeep" "$d" <<'EOF'
import os, signal, socket, subprocess, sys, time
sshkeep, d = sys.argv[1], sys.argv[2]
path = os.path.join(d, "notify.sock")
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind(path); s.settimeout(120)
env = dict(os.environ, NOTIFY_SOCKET=path)
log = open(os.path.join(d, "daemon.log"), "wb")
t0 = time.monotonic()
p = subprocess.Popen([sshkeep, "up", "-c", os.path.join(d, "tunnels.yaml"), "--run-dir", os.path.join(d, "run")],
                     env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
open(os.path.join(d, "daemon.pid"), "w").write(str(p.pid))
ms, status = None, ""
try:
    while True:
        msg = s.recvfrom(65536)[0].decode(errors="replace")
        lines = msg.split("\n")
        if "READY=1" in lines:
            ms = (time.monotonic() - t0) * 1000
            status = next((l for l in lines if l.startswith("STATUS=")), "(no STATUS= line)")
            break
except socket.timeout:
    pass
p.send_signal(signal.SIGTERM)
try: p.wait(15)
except subprocess.TimeoutExpired: p.kill(); p.wait()
print(f"{ms:.0f}\t{status}" if ms is not None else "none\tno READY=1 within 120 s")
EOF
)
  ms=${out%%$'\t'*}; st=${out#*$'\t'}
  [ "$ms" != none ] || { echo "run $i: $st (log: $d/daemon.log)" >&2; cat "$d/daemon.log" >&2; exit 1; }
  ready_ms+=("$ms"); status_lines+=("$st")
done
echo "1. sshkeep up → READY=1, one good tunnel + one refused key (needs-attention)"
stats "   exec → READY=1" ms "${ready_ms[@]}"
printf '%s\n' "${status_lines[@]}" | sort | uniq -c | sed 's/^ */   /; s/^   \([0-9]*\) /   \1× /'
echo

# --- 2. kill -9 of the daemon → the next `sshkeep up` has every tunnel up ------------------------
all_up() { # DIR: status --json says every tunnel is up
  "$sshkeep" status -c "$1/tunnels.yaml" --run-dir "$1/run" --json >"$1/status.json" 2>/dev/null || return 1
  python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["tunnels"]; sys.exit(0 if t and all(x["state"]=="up" for x in t) else 1)' "$1/status.json"
}
start_daemon() { # DIR LOGNAME: starts `sshkeep up` in the background, sets $daemon
  "$sshkeep" up -c "$1/tunnels.yaml" --run-dir "$1/run" </dev/null >>"$1/$2" 2>&1 &
  daemon=$!; pids+=("$daemon")
}
alive() { # PID: exists and is not a zombie
  [ -r "/proc/$1/stat" ] && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]
}

recover_ms=(); left=()
for i in $(seq "$runs"); do
  d=$(new_run "kill9-$i")
  { echo "version: 1"; echo "tunnels:"
    tunnel fwd-local "$tmp/client_key" local "127.0.0.1:$(free_port):127.0.0.1:$echo_port"
    tunnel fwd-remote "$tmp/client_key" remote "$(free_port):127.0.0.1:$echo_port"
  } >"$d/tunnels.yaml"
  chmod 600 "$d/tunnels.yaml"
  start_daemon "$d" daemon-1.log
  deadline=$(( $(date +%s) + 60 ))
  until all_up "$d"; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "run $i: tunnels not up within 60 s" >&2; cat "$d/status.json" "$d/daemon-1.log" >&2; exit 1; }
    sleep 0.1
  done
  old_ssh=$(python3 -c 'import json,sys; print(" ".join(str(x["pid"]) for x in json.load(open(sys.argv[1]))["tunnels"] if x["pid"]))' "$d/status.json")
  kill -KILL "$daemon"; wait "$daemon" 2>/dev/null || true
  start=$(date +%s%N)
  start_daemon "$d" daemon-2.log
  deadline=$(( $(date +%s) + 60 ))
  until all_up "$d"; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "run $i: tunnels not up again within 60 s" >&2; cat "$d/status.json" "$d/daemon-2.log" >&2; exit 1; }
  done
  end=$(date +%s%N)
  recover_ms+=($(( (end - start) / 1000000 )))
  n=0; for p in $old_ssh; do alive "$p" && n=$((n + 1)); done
  left+=("$n")
  kill -TERM "$daemon"; wait "$daemon" 2>/dev/null || true
done
echo "2. kill -9 of the daemon (one -L, one -R tunnel up) → sshkeep up again → both up"
stats "   start → every tunnel up (status --json)" ms "${recover_ms[@]}"
stats "   old run's ssh still alive afterwards" "" "${left[@]}"
