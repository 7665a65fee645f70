#!/usr/bin/env bash
# scripts/startup-order.sh — regenerates src/SshKeep/startup.order, the list of managed methods
# (mangled names, in the order they first ran) that the Native AOT compiler places first in the
# executable (IlcOrderFile in src/SshKeep/SshKeep.csproj; docs/benchmarks.md, footprint).
# What a process keeps resident of its executable is every 64 KB window of it that it touched
# once (the kernel maps the pages around a fault together), so code that runs is packed together.
# The methods come from two runs of the Native AOT build under valgrind's callgrind, which sees
# every instruction that executes (a function list alone misses code entered by a jump):
#   1. compatibility mode, called as autossh, holding one -L tunnel to a throwaway sshd on
#      127.0.0.1 for 40 s (AUTOSSH_MAXLIFETIME ends it);
#   2. `sshkeep up` with one -L tunnel to the same sshd, until it is up, one
#      `status` and one `status --json`, then SIGINT.
# A name that no longer exists is skipped by the compiler, and a method missing from the list is
# placed after the listed ones, so a stale list only costs memory, never correctness; rerun after
# large changes. Needs root (the sshd, the root login), valgrind, OpenSSH client and server,
# python3, clang and zlib1g-dev.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# shellcheck source=ensure-packages.sh
. "$root/scripts/ensure-packages.sh"
# shellcheck source=throwaway-sshd.sh
. "$root/scripts/throwaway-sshd.sh"
if [ "$(id -u)" != 0 ]; then echo "scripts/startup-order.sh: run as root (the throwaway sshd and the root login)" >&2; exit 2; fi
ensure_packages valgrind openssh-server openssh-client clang zlib1g-dev || exit 1
case $(uname -m) in
  x86_64) rid=linux-x64 ;;
  aarch64 | arm64) rid=linux-arm64 ;;
  *) echo "scripts/startup-order.sh: no Native AOT target for $(uname -m)" >&2; exit 2 ;;
esac

tmp=$(mktemp -d /tmp/sshkeep-startup-order.XXXXXX)
chmod 700 "$tmp"
sshd_pid=
cleanup() {
  [ -z "$sshd_pid" ] || kill -TERM "$sshd_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# The published executable keeps its symbols in sshkeep.dbg (which valgrind cannot read; it gets
# a copy without it and reports addresses, named here from the .dbg).
echo "publishing the Native AOT build ..." >&2
dotnet publish "$root/src/SshKeep/SshKeep.csproj" -c Release -r "$rid" -p:PublishAot=true -p:IlcOrderFile= \
  -o "$tmp/publish" -nologo -v q >"$tmp/publish.log" 2>&1 || { cat "$tmp/publish.log" >&2; exit 1; }
mkdir "$tmp/bin"
cp "$tmp/publish/sshkeep" "$tmp/bin/sshkeep"
ln -s sshkeep "$tmp/bin/autossh"
callgrind() { # OUT ARGS...
  local out=$1; shift
  valgrind --tool=callgrind --dump-instr=yes --callgrind-out-file="$out" "$@"
}

throwaway_sshd "$tmp" || exit 1
port=$sshd_port

# --- 1. compatibility mode: one -L through the real sshd, ended by AUTOSSH_MAXLIFETIME -----------
echo "compatibility mode under callgrind ..." >&2
AUTOSSH_MAXLIFETIME=40 callgrind "$tmp/compat.cg" "$tmp/bin/autossh" -M 0 -N \
  -o ServerAliveInterval=10 -o ServerAliveCountMax=3 -o ExitOnForwardFailure=yes \
  -o UserKnownHostsFile="$tmp/known_hosts" -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes -o BatchMode=yes \
  -i "$tmp/client_key" -p "$port" -L "127.0.0.1:$(free_port):127.0.0.1:$port" root@127.0.0.1 \
  </dev/null >"$tmp/compat.log" 2>&1 || { cat "$tmp/compat.log" >&2; exit 1; }

# --- 2. the daemon with one tunnel -----------------------------------------------------------
cat >"$tmp/tunnels.yaml" <<EOF
version: 1
tunnels:
  t1:
    destination: root@127.0.0.1
    port: $port
    identity_file: $tmp/client_key
    forwards:
      - local: "127.0.0.1:$(free_port):127.0.0.1:$port"
    ssh_options:
      UserKnownHostsFile: $tmp/known_hosts
      StrictHostKeyChecking: "yes"
      IdentitiesOnly: "yes"
EOF
chmod 600 "$tmp/tunnels.yaml"
mkdir -m 700 "$tmp/run"
echo "the daemon under callgrind ..." >&2
callgrind "$tmp/daemon.cg" "$tmp/bin/sshkeep" up -c "$tmp/tunnels.yaml" --run-dir "$tmp/run" </dev/null >"$tmp/daemon.log" 2>&1 &
daemon=$!
status() { "$tmp/publish/sshkeep" status -c "$tmp/tunnels.yaml" --run-dir "$tmp/run" "$@"; }
deadline=$((SECONDS + 120))
until status --json 2>/dev/null | grep -q '"state": "up"'; do
  [ $SECONDS -lt $deadline ] || { echo "the daemon's tunnel was not up within 120 s:" >&2; cat "$tmp/daemon.log" >&2; kill -INT "$daemon"; exit 1; }
  sleep 1
done
status >/dev/null
sleep 10   # a few probe rounds
kill -INT "$daemon"
wait "$daemon" || { echo "the daemon did not end cleanly:" >&2; cat "$tmp/daemon.log" >&2; exit 1; }

# --- the list: every name at each executed address, compatibility mode's first -------------------
python3 - "$tmp/publish/sshkeep.dbg" "$tmp/compat.cg" "$tmp/daemon.cg" >"$root/src/SshKeep/startup.order" <<'EOF'
import bisect, re, subprocess, sys
# Only managed methods can be placed (they are in __managedcode; the runtime's own C++ is not).
managed = None
for line in subprocess.run(["readelf", "-SW", sys.argv[1]], capture_output=True, text=True, check=True).stdout.splitlines():
    if " __managedcode " in line:
        f = line.split("]", 1)[1].split()
        managed = (int(f[2], 16), int(f[2], 16) + int(f[4], 16))
symbols = []
for line in subprocess.run(["nm", "-S", "--defined-only", sys.argv[1]], capture_output=True, text=True, check=True).stdout.splitlines():
    p = line.split()
    if len(p) == 4 and p[2] in "tT":
        symbols.append((int(p[0], 16), int(p[1], 16), p[3]))
symbols.sort()
starts = [s[0] for s in symbols]
# valgrind names code it cannot place by its run-time address, in an object called "???": that is
# __managedcode (valgrind only knows .text). A position-dependent executable runs at its link
# addresses; a PIE is loaded by valgrind at 0x108000 (amd64).
pie = "DYN" in subprocess.run(["readelf", "-h", sys.argv[1]], capture_output=True, text=True).stdout.split("Type:")[1].split("\n")[0]
bias = 0x108000 if pie else 0
def executed(profile):
    """(object, address) of every instruction that ran (callgrind --dump-instr=yes). Object
    names are compressed ("ob=(6) NAME" the first time, "ob=(6)" after); positions are absolute
    (0x…) or relative to the previous one (+N, -N, *)."""
    objects, ob, last = {}, None, 0

    def position(token):
        nonlocal last
        if token == "*":
            return last
        last = last + int(token) if token[0] in "+-" else int(token, 16)
        return last

    for line in open(profile):
        o = re.match(r"^(c?)ob=\((\d+)\)(?: (.*))?$", line.rstrip("\n"))
        if o:
            if o.group(3):
                objects[o.group(2)] = o.group(3).strip()
            if not o.group(1):
                ob = objects.get(o.group(2))
        elif line.startswith("calls="):
            position(line.split()[1])   # the callee's position moves the base too
        elif line[:1] in ("+", "-", "*") or line.startswith("0x"):
            yield ob, position(line.split()[0])

seen = set()
for profile in sys.argv[2:]:
    for where, address in executed(profile):
        if where == "???":
            address -= bias
        elif where is None or not where.endswith("/sshkeep"):
            continue
        i = bisect.bisect_right(starts, address) - 1
        if i < 0 or address >= symbols[i][0] + max(symbols[i][1], 1) or not managed[0] <= address < managed[1]:
            continue
        # Identical method bodies are folded: one address, several names; list them all.
        while i > 0 and symbols[i - 1][0] == symbols[i][0]:
            i -= 1
        start = symbols[i][0]
        while i < len(symbols) and symbols[i][0] == start:
            if symbols[i][2] not in seen:
                seen.add(symbols[i][2])
                print(symbols[i][2])
            i += 1
EOF
echo "wrote src/SshKeep/startup.order ($(wc -l <"$root/src/SshKeep/startup.order") names)" >&2
