# shellcheck shell=bash
# Sourced by the benchmarks (bench/*.sh) and scripts/startup-order.sh: a throwaway OpenSSH server
# on 127.0.0.1 for root logins with a key made for the run, the same shape the tests' SshdFixture
# and src/SshKeep/Demo/ThrowawaySshd use. Needs root, /usr/sbin/sshd, ssh-keygen and python3.

# wait_listen PORT : returns once something accepts on 127.0.0.1:PORT; 1 after 10 s.
wait_listen() {
  python3 - "$1" <<'EOF'
import socket, sys, time
deadline = time.time() + 10
while True:
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.5).close(); break
    except OSError:
        if time.time() > deadline: sys.exit(1)
        time.sleep(0.05)
EOF
}

# end_processes PID... : SIGTERM to each, up to 10 s for each to go, then SIGKILL (only the pids
# given: the processes the caller started).
end_processes() {
  local p
  for p in "$@"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "$@"; do
    for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null || true
  done
}

# free_port : prints a TCP port on 127.0.0.1 that is free now.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# throwaway_sshd DIR [CONFIG-LINE...] : in DIR (which must exist, 0700) makes host_key,
# client_key (allowed to log in as root), known_hosts and sshd_config (plus the extra lines), and
# starts sshd in the foreground of a background job. Sets sshd_port and sshd_pid (the caller ends
# it), and returns once the port accepts (1, with sshd's log on stderr and sshd ended, if not
# within 10 s).
throwaway_sshd() {
  local dir=$1 line
  shift
  ssh-keygen -q -t ed25519 -N '' -C hostkey -f "$dir/host_key"
  ssh-keygen -q -t ed25519 -N '' -C client -f "$dir/client_key"
  cp "$dir/client_key.pub" "$dir/authorized_keys"
  chmod 600 "$dir/authorized_keys"
  sshd_port=$(free_port)
  {
    cat <<EOF
Port $sshd_port
ListenAddress 127.0.0.1
HostKey $dir/host_key
AuthorizedKeysFile $dir/authorized_keys
PidFile none
StrictModes no
UsePAM no
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
AllowTcpForwarding yes
EOF
    for line in "$@"; do echo "$line"; done
  } >"$dir/sshd_config"
  echo "[127.0.0.1]:$sshd_port $(cut -d' ' -f1,2 "$dir/host_key.pub")" >"$dir/known_hosts"
  [ -d /run/sshd ] || { mkdir -p /run/sshd && chmod 0755 /run/sshd; }   # sshd's privilege-separation directory
  /usr/sbin/sshd -D -e -f "$dir/sshd_config" 2>"$dir/sshd.log" &
  sshd_pid=$!
  wait_listen "$sshd_port" || { echo "sshd did not start:" >&2; cat "$dir/sshd.log" >&2; kill "$sshd_pid" 2>/dev/null; sshd_pid=; return 1; }
}

# echo_server : starts a TCP echo server on 127.0.0.1 (the target the tunnels forward to, so that
# bytes can be checked end to end and the daemon's probes pass). Sets echo_port and echo_pid (the
# caller ends it); returns 1 if it does not listen within 10 s.
echo_server() {
  echo_port=$(free_port)
  python3 - "$echo_port" <<'PY' &
import socket, sys, threading
srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", int(sys.argv[1]))); srv.listen(512)
def serve(c):
    with c:
        try:
            while (d := c.recv(4096)): c.sendall(d)
        except OSError: pass
while True:
    c, _ = srv.accept(); threading.Thread(target=serve, args=(c,), daemon=True).start()
PY
  echo_pid=$!
  wait_listen "$echo_port" || { echo "the echo server did not start" >&2; kill "$echo_pid" 2>/dev/null; echo_pid=; return 1; }
}
